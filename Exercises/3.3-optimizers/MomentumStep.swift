// Exercise 3.3.1: one step of gradient descent with momentum (heavy ball).
// Check your work: `swift run exercises check 3.3.1`. Stuck? `swift run exercises hint 3.3.1`.

import ExerciseSupport
import Foundation

/// One step of SGD with momentum, PyTorch's `torch.optim.SGD(momentum: μ)`.
///
/// Your task: update the momentum buffer `b`, then move the parameter `p` against it.
/// Element by element, with the gradient `g = ∂loss/∂p`:
///
/// ```
/// b ← μ·b + g          first update the buffer (it starts at 0, so b = g on step 1)
/// p ← p − lr·b         then step with the NEW buffer
/// ```
///
/// `b` is this parameter's state: the caller creates it as zeros of the parameter's shape
/// before the first step and passes the same matrix back on every step (a network keeps
/// one buffer per parameter matrix). Along a long valley the gradient keeps its sign and
/// `b` grows towards `g/(1 − μ)`, 10× for μ = 0.9; across the valley it flips sign and
/// cancels. (DLFS writes `v ← μ·v − lr·g`, `p ← p + v`: the same path, `v = −lr·b`.)
///
/// Example, `lr = 0.1`, `μ = 0.9`, `p = [[1, −2]]`, `b = [[0, 0]]`:
/// - step 1, `g = [[2, −1]]`: `b = [[2, −1]]`, `p = [[0.8, −1.9]]`;
/// - step 2, `g = [[2, 1]]`: `b = 0.9·[[2, −1]] + [[2, 1]] = [[3.8, 0.1]]`,
///   `p = [[0.8 − 0.38, −1.9 − 0.01]] = [[0.42, −1.91]]`.
/// - Parameters:
///   - parameter: `p`, any shape; updated in place.
///   - gradient: `g`, the shape of `parameter`.
///   - buffer: `b`, the shape of `parameter`; zeros before the first step; updated in place.
///   - learningRate: `lr > 0`.
///   - momentum: `μ` in [0, 1); 0 is plain gradient descent.
/// - Precondition: equal shapes and valid hyperparameters (the checks only pass those).
public func momentumStep(
  parameter: inout Matrix, gradient: Matrix, buffer: inout Matrix, learningRate: Double,
  momentum: Double = 0.9
) throws {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
