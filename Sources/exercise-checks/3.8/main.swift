// The check runner of chapter 3.8: links the student's stubs in Exercises38 and runs their
// checks (`exercise-check-3.8 run-one 3.8.1`). The `exercises` tool and ExerciseTests
// run it as a child process, so a stub that traps or loops costs one exercise, and a stub
// that does not compile costs this chapter only.

import ExerciseKit
import Exercises38
import Foundation

ExerciseCheckRunner.main(
  chapter: "3.8",
  [
    DiscriminatorLossExercise.definition.binding(
      {
        let d = try Exercises38.discriminatorLoss(
          realLogits: $0.realLogits, fakeLogits: $0.fakeLogits)
        return DiscriminatorLossExercise.output(d.value, d.realGradient, d.fakeGradient)
      }),
    GeneratorGradientExercise.definition.binding(
      {
        try Exercises38.generatorGradient(
          fakeSamples: $0.fakeSamples, discriminatorWeights: $0.discriminatorWeights,
          discriminatorBias: $0.discriminatorBias)
      }),
    AlternatingStepExercise.definition.binding(
      {
        let step = try Exercises38.alternatingStep(
          real: $0.real, discriminatorNoise: $0.discriminatorNoise,
          generatorNoise: $0.generatorNoise, generator: $0.generator,
          discriminator: $0.discriminator, learningRate: $0.learningRate)
        return AlternatingStepExercise.output(step.generator, step.discriminator)
      }),
  ])
