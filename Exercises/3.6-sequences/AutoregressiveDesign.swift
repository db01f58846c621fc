// Exercise 3.6.4: the AR(p) design matrix.
// Check your work: `swift run exercises check 3.6.4`. Stuck? `swift run exercises hint 3.6.4`.

import ExerciseSupport
import Foundation

/// The design matrix and targets of an AR(p) regression: predict x_t from the p values
/// before it.
///
/// Your task: for t = p, p+1, …, n−1 build the row and the target
///
/// ```
/// [1, x_{t−1}, x_{t−2}, …, x_{t−p}]      target x_t
/// ```
/// (the leading 1 only when `intercept` is true). Row t holds only values strictly before
/// t, the most recent first. The design is `(n − p) × (p + 1)` with the intercept,
/// `(n − p) × p` without; the targets are x_p … x_{n−1}.
///
/// Example: `series = [1, 2, 3, 4, 5]`, `order = 2`, `intercept = true` gives
/// `design = [[1, 2, 1], [1, 3, 2], [1, 4, 3]]`, `targets = [3, 4, 5]`.
///
/// Useful: `Matrix(rows:columns:elements:)` (elements row by row).
/// - Parameters:
///   - series: x_0 … x_{n−1}, n > p.
///   - p: the order, ≥ 1.
///   - intercept: add the column of ones first.
/// - Returns: the design matrix and the n − p targets.
public func autoregressiveDesign(
  series: [Double], order p: Int, intercept: Bool = true
) throws -> (design: Matrix, targets: [Double]) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
