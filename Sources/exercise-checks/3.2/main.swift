// The check runner of chapter 3.2: links the student's stubs in Exercises32 and runs their
// checks (`exercise-check-3.2 run-one 3.2.1`). The `exercises` tool and ExerciseTests
// run it as a child process, so a stub that traps or loops costs one exercise, and a stub
// that does not compile costs this chapter only.

import ExerciseKit
import Exercises32
import Foundation

ExerciseCheckRunner.main(
  chapter: "3.2",
  [
    MeanSquaredErrorExercise.definition.binding(
      {
        try Exercises32.meanSquaredError(
          predicted: $0.scores, expected: $0.targets, reduction: $0.reduction)
      }),
    HuberLossExercise.definition.binding(
      {
        try Exercises32.huberLoss(
          predicted: $0.scores, expected: $0.targets, delta: $0.delta, reduction: $0.reduction)
      }),
    BinaryCrossEntropyExercise.definition.binding(
      {
        try Exercises32.binaryCrossEntropy(
          logits: $0.scores, targets: $0.targets, reduction: $0.reduction)
      }),
    SoftmaxCrossEntropyExercise.definition.binding(
      {
        try Exercises32.softmaxCrossEntropy(
          logits: $0.scores, labels: $0.labels, reduction: $0.reduction)
      }),
  ])
