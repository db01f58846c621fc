// Exercise 2.3.1: the expected calibration error of a classifier's probabilities.
// Check your work: `swift run exercises check 2.3.1`. Stuck? `swift run exercises hint 2.3.1`.

import ExerciseSupport
import Foundation

/// How far a classifier's confidence is from its accuracy: among the predictions made with
/// confidence about 0.9, about 90% should be right.
///
/// Your task: for each example i, the prediction is the arg-max of row i (the first one on
/// a tie) and its confidence cᵢ is that row's largest probability. Put the predictions into
/// B equal-width bins, intervals closed on the right: bin b (b = 0 … B − 1) holds the
/// confidences in (b/B, (b + 1)/B], and bin 0 also holds 0 (so a confidence of exactly 1 goes
/// into the last bin, and one of exactly 0.75 with B = 4 into bin 2). Then
///
/// ```
/// ECE = Σ_b (n_b / N) · |accuracy_b − confidence_b|
/// ```
/// where n_b is how many predictions bin b holds, accuracy_b the fraction of them that are
/// right (prediction == label), confidence_b their mean confidence; empty bins add nothing.
/// The course uses B = 15 (Guo et al. 2017).
///
/// Example (B = 15): rows [0.9, 0.05, 0.05] label 0, [0.1, 0.85, 0.05] label 2,
/// [0.18, 0.2, 0.62] label 2, [0.88, 0.1, 0.02] label 1. Confidences 0.9 (right), 0.85
/// (wrong), 0.62 (right), 0.88 (wrong). 0.9 and 0.88 share bin 13 (13/15, 14/15]: accuracy
/// 0.5, confidence 0.89, gap 0.39, n = 2. Bin 12 holds 0.85 (gap 0.85), bin 9 holds 0.62
/// (gap 0.38). ECE = (2 · 0.39 + 0.85 + 0.38) / 4 = 0.5025.
///
/// - Parameters:
///   - probabilities: `N × C`, each row a probability distribution over the C classes.
///   - labels: the N true classes, each in 0..<C.
///   - binCount: B ≥ 1.
/// - Returns: the ECE, in [0, 1] (0 when N = 0).
public func expectedCalibrationError(
  probabilities: Matrix, labels: [Int], binCount: Int
) throws -> Double {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
