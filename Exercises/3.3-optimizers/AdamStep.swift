// Exercise 3.3.4: one step of Adam.
// Check your work: `swift run exercises check 3.3.4`. Stuck? `swift run exercises hint 3.3.4`.

import ExerciseSupport
import Foundation

/// One step of Adam, PyTorch's `torch.optim.Adam` (no weight decay, no AMSGrad).
///
/// Your task: count the step, update both moment estimates, correct their bias towards
/// zero, and step. Element by element, with `g = ∂loss/∂p`:
///
/// ```
/// t ← t + 1                          first count this step: t = 1 on the first step
/// m ← β1·m + (1 − β1)·g              then update both moments (they start at 0)
/// v ← β2·v + (1 − β2)·g²
/// m̂ = m / (1 − β1^t)                 bias correction, with the NEW t
/// v̂ = v / (1 − β2^t)
/// p ← p − lr · m̂ / (√v̂ + ε)          ε outside the root
/// ```
///
/// `m`, `v` and `t` are this parameter's state: the caller creates `m` and `v` as zeros of
/// the parameter's shape and `t = 0` before the first step, and passes the same values
/// back on every step (each parameter of a network has its own `m`, `v` and `t`). Because
/// `m` and `v` start at 0 they are biased towards 0 for the first `~1/(1 − β)` steps;
/// dividing by `1 − β^t` removes the bias, so the first step moves every coordinate by
/// almost exactly `lr` (`m̂/√v̂ = g/|g|`). `pow(beta1, Double(t))` computes `β1^t`.
///
/// Example, `lr = 0.1`, `β1 = 0.5`, `β2 = 0.75`, `ε = 0`, `p = [[1, −1]]`, zero state:
/// - step 1 (t = 1), `g = [[2, 1]]`: `m = [[1, 0.5]]`, `v = 0.25·[[4, 1]] = [[1, 0.25]]`,
///   `m̂ = m/0.5 = [[2, 1]]`, `v̂ = v/0.25 = [[4, 1]]`, `p = [[1 − 0.1·2/2, −1 − 0.1·1/1]] =
///   [[0.9, −1.1]]`;
/// - step 2 (t = 2), `g = [[−2, 1]]`: `m = [[−0.5, 0.75]]`, `v = [[1.75, 0.4375]]`,
///   `m̂ = m/0.75 = [[−2/3, 1]]`, `v̂ = v/0.4375 = [[4, 1]]`,
///   `p = [[0.9 + 0.1/3, −1.2]]`.
/// - Parameters:
///   - parameter: `p`, any shape; updated in place.
///   - gradient: `g`, the shape of `parameter`.
///   - firstMoment: `m`, the shape of `parameter`; zeros before the first step; updated in
///     place.
///   - secondMoment: `v`, the shape of `parameter`; zeros before the first step; updated in
///     place.
///   - step: `t`, the number of steps taken so far: 0 before the first; updated in place.
///   - learningRate: `lr > 0`.
///   - beta1: `β1` in [0, 1); PyTorch's default 0.9.
///   - beta2: `β2` in [0, 1); PyTorch's default 0.999.
///   - epsilon: `ε ≥ 0`, added to `√v̂`; PyTorch's default 1e-8.
/// - Precondition: equal shapes and valid hyperparameters (the checks only pass those).
public func adamStep(
  parameter: inout Matrix, gradient: Matrix, firstMoment: inout Matrix,
  secondMoment: inout Matrix, step: inout Int, learningRate: Double, beta1: Double = 0.9,
  beta2: Double = 0.999, epsilon: Double = 1e-8
) throws {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
