// The check runner of chapter 3.1: links the student's stubs in Exercises31 and runs their
// checks (`exercise-check-3.1 run-one 3.1.1`). The `exercises` tool and ExerciseTests
// run it as a child process, so a stub that traps or loops costs one exercise, and a stub
// that does not compile costs this chapter only.

import ExerciseKit
import Exercises31
import Foundation

ExerciseCheckRunner.main(
  chapter: "3.1",
  [
    DenseForwardExercise.definition.binding(
      { try Exercises31.denseForward(input: $0.input, weights: $0.weights!, bias: $0.bias!) }),
    DenseBackwardExercise.definition.binding(
      {
        let g = try Exercises31.denseBackward(
          input: $0.input, weights: $0.weights!, outputGradient: $0.outputGradient!)
        return DenseBackwardExercise.gradients(g.inputGradient, g.weightGradient, g.biasGradient)
      }),
    ReLUBackwardExercise.definition.binding(
      { try Exercises31.reluBackward(input: $0.input, outputGradient: $0.outputGradient!) }),
    StableSoftmaxExercise.definition.binding(
      { try Exercises31.softmax($0.input) }),
    ClassificationAccuracyExercise.definition.binding(
      { try Exercises31.accuracy(scores: $0.input, labels: $0.labels!) }),
  ])
