// Exercise 3.3.3: one step of RMSprop.
// Check your work: `swift run exercises check 3.3.3`. Stuck? `swift run exercises hint 3.3.3`.

import ExerciseSupport
import Foundation

/// One step of RMSprop, PyTorch's `torch.optim.RMSprop` (no momentum, not centered).
///
/// Your task: keep a leaky average `s` of the squared gradient and divide the gradient by
/// its root. Element by element, with `g = ∂loss/∂p`:
///
/// ```
/// s ← α·s + (1 − α)·g²           first update the average (s starts at 0)
/// p ← p − lr · g / (√s + ε)      then step with the NEW s; ε outside the root
/// ```
///
/// `s` is this parameter's state: the caller creates it as zeros of the parameter's shape
/// before the first step and passes the same matrix back on every step. `√s` estimates the
/// recent size of the gradient, so `g/√s` has roughly unit size in every coordinate: steep
/// and shallow directions move at similar speeds. Unlike AdaGrad's sum, the average
/// forgets (old gradients fade by `α` per step), so the step does not shrink to zero.
/// (optax puts ε inside the root and uses α = 0.9; here it is PyTorch's rule.)
///
/// Example, `lr = 0.1`, `α = 0.75`, `ε = 0`, `p = [[1, −1]]`, `s = [[0, 0]]`:
/// - step 1, `g = [[2, −4]]`: `s = 0.25·[[4, 16]] = [[1, 4]]`,
///   `p = [[1 − 0.1·2/1, −1 + 0.1·4/2]] = [[0.8, −0.8]]`;
/// - step 2, `g = [[1, 2]]`: `s = 0.75·[[1, 4]] + 0.25·[[1, 4]] = [[1, 4]]`,
///   `p = [[0.8 − 0.1·1/1, −0.8 − 0.1·2/2]] = [[0.7, −0.9]]`.
/// - Parameters:
///   - parameter: `p`, any shape; updated in place.
///   - gradient: `g`, the shape of `parameter`.
///   - squareAverage: `s`, the shape of `parameter`; zeros before the first step; updated
///     in place.
///   - learningRate: `lr > 0`.
///   - alpha: the smoothing constant `α` in [0, 1); PyTorch's default 0.99.
///   - epsilon: `ε ≥ 0`, added to `√s`; PyTorch's default 1e-8.
/// - Precondition: equal shapes and valid hyperparameters (the checks only pass those).
public func rmspropStep(
  parameter: inout Matrix, gradient: Matrix, squareAverage: inout Matrix, learningRate: Double,
  alpha: Double = 0.99, epsilon: Double = 1e-8
) throws {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
