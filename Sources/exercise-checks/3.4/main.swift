// The check runner of chapter 3.4: links the student's stubs in Exercises34 and runs their
// checks (`exercise-check-3.4 run-one 3.4.1`). The `exercises` tool and ExerciseTests
// run it as a child process, so a stub that traps or loops costs one exercise, and a stub
// that does not compile costs this chapter only.

import ExerciseKit
import Exercises34
import Foundation

ExerciseCheckRunner.main(
  chapter: "3.4",
  [
    SoftThresholdExercise.definition.binding(
      { try Exercises34.softThreshold($0.weights, threshold: $0.amount) }),
    MaxNormExercise.definition.binding(
      { try Exercises34.maxNormProjection($0.weights, radius: $0.amount) }),
    DropoutExercise.definition.binding(
      {
        let result = try Exercises34.dropout(
          input: $0.input, outputGradient: $0.outputGradient, uniforms: $0.uniforms,
          rate: $0.rate, training: $0.training)
        return DropoutExercise.output(result.output, result.inputGradient)
      }),
    MaxPoolBackwardExercise.definition.binding(
      {
        try Exercises34.maxPoolBackward(
          image: $0.image, outputGradient: $0.outputGradient, size: $0.size)
      }),
    L2GradientExercise.definition.binding(
      { try Exercises34.l2PenaltyGradient(weights: $0.weights, strength: $0.amount) }),
    Im2ColExercise.definition.binding(
      {
        try Exercises34.im2col(
          image: $0.image, height: $0.height, width: $0.width, channels: $0.channels,
          kernelSize: $0.kernelSize, stride: $0.stride, padding: $0.padding)
      }),
  ])
