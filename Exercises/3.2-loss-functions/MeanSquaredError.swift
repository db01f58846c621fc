// Exercise 3.2.1: mean squared error, value and gradient.
// Check your work: `swift run exercises check 3.2.1`. Stuck? `swift run exercises hint 3.2.1`.

import ExerciseSupport
import Foundation

/// Mean squared error and its gradient with respect to the predictions.
///
/// Your task: return the loss value and `∂L/∂p` for predictions `p` and targets `y`, both
/// `batch × outputs`. The residual is `r = p − y`, element by element; `N = batch · outputs`
/// is the number of **elements** (not rows).
///
/// ```
/// reduction .mean:  L = (1/N) Σ_ij r_ij²        ∂L/∂p_ij = 2 r_ij / N
/// reduction .sum:   L =       Σ_ij r_ij²        ∂L/∂p_ij = 2 r_ij
/// ```
/// Conventions (PyTorch's `mse_loss`): no `½` in front; the gradient has the shape of
/// `predicted`.
///
/// Example: `p = [[1, 2], [3, 4]]`, `y = [[0, 2], [5, 1]]` gives `r = [[1, 0], [−2, 3]]`,
/// `L = (1 + 0 + 4 + 9) / 4 = 3.5` and `∂L/∂p = [[0.5, 0], [−1, 1.5]]`.
///
/// Useful: `Matrix(rows:columns:elements:)`, `m.elements`, `m.count`, element-wise
/// `a - b`, `a * b`, scalar `2 * m`, `m.sum()`.
/// - Parameters:
///   - predicted: the model's outputs `p`, `batch × outputs`.
///   - expected: the targets `y`, same shape.
///   - reduction: `.mean` (default) or `.sum`.
/// - Returns: `LossResult(value: L, gradient: ∂L/∂p)`.
/// - Precondition: the shapes are equal (you may assume it; the checks only pass equal shapes).
public func meanSquaredError(
  predicted: Matrix, expected: Matrix, reduction: Reduction = .mean
) throws -> LossResult {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
