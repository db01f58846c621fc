// Exercise 3.1.4: a numerically stable softmax, row by row.
// Check your work: `swift run exercises check 3.1.4`. Stuck? `swift run exercises hint 3.1.4`.

import ExerciseSupport
import Foundation

/// Row-wise softmax: each row of scores becomes a probability distribution over classes.
///
/// Your task: row `i` holds the logits `s_i` of one sample over `C` classes. Subtract the
/// row's own maximum before exponentiating, so that no `exp` can overflow:
///
/// ```
/// softmax(s)_ij = exp(s_ij − m_i) / Σ_k exp(s_ik − m_i),      m_i = max_k s_ik
/// ```
/// Subtracting `m_i` changes nothing mathematically (it cancels between numerator and
/// denominator), but `exp(1000)` is `inf` in `Double` and `inf / inf` is NaN. With the
/// shift every exponent is ≤ 0 and the largest term is exactly 1. Each row is shifted by
/// its **own** maximum: rows are independent samples and may differ by thousands.
///
/// Example: `[[0, log 3]]` gives `[[1/4, 3/4]]`; `[[1000, −1000, 0]]` gives `[[1, 0, 0]]`
/// (`e^(−1000)` underflows to 0), and `[[1, 1, 1]]` gives `[[1/3, 1/3, 1/3]]`.
///
/// Useful: `m.row(i)` (an array), `row.max()!`, `exp`, `Matrix(rows:columns:elements:)`.
/// - Parameter logits: `batch × C`, `C ≥ 1`.
/// - Returns: `batch × C`, every row non-negative and summing to 1.
public func softmax(_ logits: Matrix) throws -> Matrix {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
