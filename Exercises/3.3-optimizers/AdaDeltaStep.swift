// Exercise 3.3.5: one step of AdaDelta.
// Check your work: `swift run exercises check 3.3.5`. Stuck? `swift run exercises hint 3.3.5`.

import ExerciseSupport
import Foundation

/// One step of AdaDelta, PyTorch's `torch.optim.Adadelta` (no weight decay).
///
/// Your task: RMSprop whose step size comes from the recent size of the steps themselves.
/// Element by element, with `g = ∂loss/∂p`, keep two leaky averages, `s` of the squared
/// gradient and `u` of the squared step:
///
/// ```
/// s ← ρ·s + (1 − ρ)·g²                   first update s (both s and u start at 0)
/// Δ = √(u + ε) / √(s + ε) · g            then the step, with the NEW s and the OLD u;
///                                        ε inside BOTH roots
/// u ← ρ·u + (1 − ρ)·Δ²                   then update u with this step's Δ (not lr·Δ)
/// p ← p − lr·Δ
/// ```
///
/// `s` and `u` are this parameter's state: the caller creates both as zeros of the
/// parameter's shape before the first step and passes the same matrices back on every
/// step. The ratio of two RMS values gives `Δ` the units of `p` (Zeiler's motivation). The
/// paper has no learning rate; PyTorch keeps `lr` as a multiplier, default 1. With `u = 0`
/// the first steps are tiny, about `√ε/RMS(g)·g`, and grow only as `u` accumulates: without
/// the ε in the numerator AdaDelta would never move at all.
///
/// Example, `lr = 0.5`, `ρ = 0.76`, `ε = 0.01`, `p = [[1, 2]]`, zero state:
/// - step 1, `g = [[1, −1]]`: `s = 0.24·[[1, 1]] = [[0.24, 0.24]]`,
///   `Δ = √0.01/√0.25·g = 0.2·g = [[0.2, −0.2]]`, `u = 0.24·0.04 = [[0.0096, 0.0096]]`,
///   `p = [[1 − 0.1, 2 + 0.1]] = [[0.9, 2.1]]`;
/// - step 2, `g = [[1, 0]]`: `s = [[0.1824 + 0.24, 0.1824]] = [[0.4224, 0.1824]]`,
///   `Δ = [[√0.0196/√0.4324, 0]] = [[0.14/√0.4324, 0]]`, `p = [[0.9 − 0.07/√0.4324, 2.1]]`.
/// - Parameters:
///   - parameter: `p`, any shape; updated in place.
///   - gradient: `g`, the shape of `parameter`.
///   - squareAverage: `s`, the shape of `parameter`; zeros before the first step; updated
///     in place.
///   - deltaAverage: `u`, the shape of `parameter`; zeros before the first step; updated in
///     place.
///   - learningRate: `lr > 0`; PyTorch's default 1.
///   - rho: `ρ` in [0, 1); PyTorch's default 0.9 (the paper uses 0.95).
///   - epsilon: `ε ≥ 0`, inside both roots; PyTorch's default 1e-6.
/// - Precondition: equal shapes and valid hyperparameters (the checks only pass those).
public func adaDeltaStep(
  parameter: inout Matrix, gradient: Matrix, squareAverage: inout Matrix,
  deltaAverage: inout Matrix, learningRate: Double = 1, rho: Double = 0.9,
  epsilon: Double = 1e-6
) throws {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
