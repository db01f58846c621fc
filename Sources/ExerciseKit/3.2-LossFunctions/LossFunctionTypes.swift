// What the 3.2 exercises share: the function types the student implements, and the
// seeded inputs the random cases use.

import Losses
import NumericsCore

/// `(predicted, expected, reduction) → LossResult`: MSE (3.2.1).
public typealias RegressionLoss = @Sendable (Matrix, Matrix, Reduction) throws -> LossResult

/// `(predicted, expected, δ, reduction) → LossResult`: Huber (3.2.2).
public typealias ThresholdedRegressionLoss =
  @Sendable (Matrix, Matrix, Double, Reduction) throws -> LossResult

/// `(logits, targets, reduction) → LossResult`: binary cross-entropy (3.2.3).
public typealias BinaryClassificationLoss =
  @Sendable (Matrix, Matrix, Reduction) throws -> LossResult

/// `(logits, labels, reduction) → LossResult`: softmax cross-entropy (3.2.4).
public typealias MultiClassLoss = @Sendable (Matrix, [Int], Reduction) throws -> LossResult

extension ExerciseChapter {
  /// Chapter 3.2.
  static let lossFunctions = ExerciseChapter(
    id: "3.2", title: "Loss functions (损失函数)", directory: "Exercises/3.2-loss-functions")
}

/// The shapes every random case runs on: a single element, a column (where "mean over
/// rows" and "mean over elements" agree, so other shapes must catch that mistake), a
/// wide row, and two rectangles with more rows than columns and the other way round.
let randomShapes: [(rows: Int, columns: Int)] = [(1, 1), (5, 1), (1, 6), (4, 3), (2, 5)]

/// A name for a seeded random case: `seeded random 4×3 (seed 12), reduction .sum`.
func randomCaseName(_ rows: Int, _ columns: Int, seed: UInt64, _ reduction: Reduction) -> String {
  "seeded random \(rows)×\(columns) (seed \(seed)), reduction .\(reduction)"
}
