// Exercise 3.3.2: one step of AdaGrad.
// Check your work: `swift run exercises check 3.3.2`. Stuck? `swift run exercises hint 3.3.2`.

import ExerciseSupport
import Foundation

/// One step of AdaGrad, PyTorch's `torch.optim.Adagrad` (no learning-rate decay).
///
/// Your task: add the squared gradient to the running sum `s`, then take a step whose size
/// shrinks with the root of that sum. Element by element, with `g = ∂loss/∂p`:
///
/// ```
/// s ← s + g²                     first accumulate (s starts at 0)
/// p ← p − lr · g / (√s + ε)      then step with the NEW s; ε outside the root
/// ```
///
/// `s` is this parameter's state: the caller creates it as zeros of the parameter's shape
/// before the first step and passes the same matrix back on every step. A coordinate with
/// large, frequent gradients gets a small effective rate `lr/√s`, a rarely touched one keeps
/// a large rate; since `s` only grows, every rate decays like `1/√t` on a steady gradient.
/// `ε` (1e-10 by default) only keeps a coordinate whose gradients were all 0 from dividing
/// 0 by 0: such a coordinate does not move.
///
/// Example, `lr = 0.5`, `ε = 0`, `p = [[1, −1]]`, `s = [[0, 0]]`:
/// - step 1, `g = [[3, −4]]`: `s = [[9, 16]]`, `p = [[1 − 0.5·3/3, −1 + 0.5·4/4]] = [[0.5, −0.5]]`;
/// - step 2, `g = [[4, 3]]`: `s = [[25, 25]]`, `p = [[0.5 − 0.5·4/5, −0.5 − 0.5·3/5]] = [[0.1, −0.8]]`.
/// - Parameters:
///   - parameter: `p`, any shape; updated in place.
///   - gradient: `g`, the shape of `parameter`.
///   - sumOfSquares: `s`, the shape of `parameter`; zeros before the first step; updated in
///     place.
///   - learningRate: `lr > 0`.
///   - epsilon: `ε ≥ 0`, added to `√s`; PyTorch's default 1e-10.
/// - Precondition: equal shapes and valid hyperparameters (the checks only pass those).
public func adaGradStep(
  parameter: inout Matrix, gradient: Matrix, sumOfSquares: inout Matrix, learningRate: Double,
  epsilon: Double = 1e-10
) throws {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
