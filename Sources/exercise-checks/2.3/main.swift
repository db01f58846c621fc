// The check runner of chapter 2.3: links the student's stubs in Exercises23 and runs their
// checks (`exercise-check-2.3 run-one 2.3.1`). The `exercises` tool and ExerciseTests
// run it as a child process, so a stub that traps or loops costs one exercise, and a stub
// that does not compile costs this chapter only.

import ExerciseKit
import Exercises23
import Foundation
import NumericsCore

ExerciseCheckRunner.main(
  chapter: "2.3",
  [
    CalibrationErrorExercise.definition.binding(
      {
        try Exercises23.expectedCalibrationError(
          probabilities: $0.probabilities, labels: $0.labels, binCount: $0.binCount)
      }),
    PerExampleClippingExercise.definition.binding(
      {
        Matrix([
          try Exercises23.clippedGradientSum(
            perExampleGradients: $0.perExampleGradients, clipNorm: $0.clipNorm)
        ])
      }),
    IntegratedGradientsExercise.definition.binding(
      {
        Matrix([
          try Exercises23.integratedGradients(
            input: $0.input, baseline: $0.baseline, steps: $0.steps, gradient: $0.score.gradient)
        ])
      }),
    QuantizeColumnExercise.definition.binding(
      {
        let q = try Exercises23.quantizeColumn($0.weights)
        return QuantizeColumnExercise.output(q.values, q.scale)
      }),
  ])
