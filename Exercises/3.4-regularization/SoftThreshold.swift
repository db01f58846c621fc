// Exercise 3.4.1: the L1 proximal step (soft-thresholding).
// Check your work: `swift run exercises check 3.4.1`. Stuck? `swift run exercises hint 3.4.1`.

import ExerciseSupport
import Foundation

/// Soft-thresholding, the proximal operator of `t·‖W‖₁` (the L1 step of ISTA).
///
/// Your task: return, element by element,
///
/// ```
/// prox(w) = sign(w) · max(|w| − t, 0)
/// ```
/// Every weight moves towards zero by `t` and stops at zero: it never crosses it. Weights
/// with `|w| ≤ t` become exactly 0.
///
/// Example: `weights = [[0.5, −0.2, 0.1], [0.05, −1, 0]]`, `threshold = 0.1` gives
/// `[[0.4, −0.1, 0], [0, −0.9, 0]]`.
///
/// - Parameters:
///   - weights: `W`, any shape.
///   - t: the threshold, ≥ 0 (η·λ after a gradient step).
/// - Returns: the thresholded weights, the shape of `weights`.
public func softThreshold(_ weights: Matrix, threshold t: Double) throws -> Matrix {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
