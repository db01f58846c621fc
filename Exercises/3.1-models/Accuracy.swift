// Exercise 3.1.5: the accuracy of a classifier on a batch.
// Check your work: `swift run exercises check 3.1.5`. Stuck? `swift run exercises hint 3.1.5`.

import ExerciseSupport
import Foundation

/// The fraction of samples whose highest-scoring class is the true class.
///
/// Your task: row `i` of `scores` holds the scores (logits or probabilities: the order is
/// what counts) of sample `i` over `C` classes, and `labels[i]` in `0..<C` is its true
/// class. The prediction is the arg-max of the row:
///
/// ```
/// ŷ_i = argmax_j scores_ij            (ties: the FIRST, lowest, index, as PyTorch/NumPy)
/// accuracy = (1/B) Σ_i [ŷ_i = labels_i]      B = scores.rows = labels.count
/// ```
/// The result is a fraction in `[0, 1]` (not a percentage), divided by the number of
/// **samples**, not of classes. An empty batch (`B = 0`) has accuracy **0**, not
/// `0/0 = NaN` (as the `Layers` module's `ConfusionMatrix.accuracy`).
///
/// Example: `scores = [[0.1, 0.7, 0.2], [2, −1, 0], [0, 0, 5], [1, 3, 2]]`,
/// `labels = [1, 0, 1, 2]`: predictions `[1, 0, 2, 1]`, two right, accuracy `2/4 = 0.5`.
/// With a tie, `[[1, 3, 3]]` predicts class 1.
///
/// Useful: `m.row(i)`, loops over `m[r, c]`, `Double(count)`.
/// - Parameters:
///   - scores: `batch × C`, `C ≥ 1`.
///   - labels: one class per row, each in `0..<C`.
/// - Returns: the fraction of rows whose arg-max equals the label, in `[0, 1]`.
/// - Precondition: `labels.count == scores.rows` (the checks only pass valid inputs).
public func accuracy(scores: Matrix, labels: [Int]) throws -> Double {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
