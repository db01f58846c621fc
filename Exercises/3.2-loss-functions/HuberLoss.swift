// Exercise 3.2.2: Huber loss, value and gradient.
// Check your work: `swift run exercises check 3.2.2`. Stuck? `swift run exercises hint 3.2.2`.

import ExerciseSupport
import Foundation

/// Huber loss and its gradient with respect to the predictions.
///
/// Your task: quadratic for small residuals, linear for large ones. With `r = p − y`
/// element by element and a threshold `δ > 0`:
///
/// ```
/// ℓ(r) = ½ r²              if |r| ≤ δ
///        δ (|r| − ½ δ)     if |r| > δ
///
/// ℓ'(r) = r                if |r| ≤ δ
///         δ · sign(r)      if |r| > δ          (the gradient is clipped to [−δ, δ])
///
/// reduction .mean:  L = (1/N) Σ_ij ℓ(r_ij)     ∂L/∂p_ij = ℓ'(r_ij) / N
/// reduction .sum:   L =       Σ_ij ℓ(r_ij)     ∂L/∂p_ij = ℓ'(r_ij)
/// ```
/// `N = batch · outputs` counts every element. The two pieces meet with equal value and
/// slope at `|r| = δ` (PyTorch's `huber_loss`; `δ = 1` is also `smooth_l1_loss`).
///
/// Example, `δ = 1`: `p = [[0.5, −3, 2, 0]]`, `y = [[0, 0, 0, 0]]` gives
/// `ℓ = [0.125, 2.5, 1.5, 0]`, `L = 4.125 / 4 = 1.03125` and
/// `∂L/∂p = [[0.125, −0.25, 0.25, 0]]`.
/// - Parameters:
///   - predicted: the model's outputs `p`, `batch × outputs`.
///   - expected: the targets `y`, same shape.
///   - delta: the threshold `δ > 0` where the loss turns from quadratic to linear.
///   - reduction: `.mean` (default) or `.sum`.
/// - Returns: `LossResult(value: L, gradient: ∂L/∂p)`.
/// - Precondition: equal shapes and `δ > 0` (the checks only pass valid inputs).
public func huberLoss(
  predicted: Matrix, expected: Matrix, delta: Double = 1, reduction: Reduction = .mean
) throws -> LossResult {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
