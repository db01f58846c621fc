// Exercise 3.7.2: backpropagation through time for a tanh RNN.
// Check your work: `swift run exercises check 3.7.2`. Stuck? `swift run exercises hint 3.7.2`.

import ExerciseSupport
import Foundation

/// The gradients of a tanh RNN over a short sequence, by backpropagation through time.
///
/// Your task: the cell is `h_t = tanh(a_t)`, `a_t = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh`
/// (exercise 3.7.1), run over `x_1 … x_T` from `h_0`. The loss is
/// `L = Σ_t ⟨G_t, h_t⟩`, so `G_t = hiddenGradients[t − 1]` is the loss's own gradient on
/// `h_t`. Return `∂L/∂W_ih`, `∂L/∂W_hh`, `∂L/∂b_ih`, `∂L/∂b_hh` (summed over the steps:
/// the weights are shared), `∂L/∂x_t` for every step, and `∂L/∂h_0`:
///
/// ```
/// dh_T = G_T;      dh_{t−1} = G_{t−1} + da_t·W_hh          (the recurrent term)
/// da_t = dh_t ⊙ (1 − h_t²)                                  (tanh' from the output)
/// ∂L/∂W_ih = Σ_t da_tᵀ·x_t    ∂L/∂W_hh = Σ_t da_tᵀ·h_{t−1}    ∂L/∂b = Σ_t colsum(da_t)
/// ∂L/∂x_t = da_t·W_ih          ∂L/∂h_0 = da_1·W_hh
/// ```
/// Example (B = I = H = 1): `W_ih = 1`, `W_hh = 0.5`, biases 0, `x = (1, 0)`, `h_0 = 0`,
/// `G = (0, 1)`: `h_1 = tanh 1`, `h_2 = tanh(0.5 h_1)`, `da_2 = 1 − h_2²`,
/// `da_1 = 0.5 da_2 (1 − h_1²)`, so `∂L/∂W_hh = da_2 h_1` and `∂L/∂h_0 = 0.5 da_1`.
///
/// Useful: `matmul(a, b, transposeA: true)` (= aᵀ·b), element-wise `a * b`, `1 - m`,
/// `m.columnSums()`, `Matrix.zeros(like:)`.
/// - Parameters:
///   - inputs: `x_1 … x_T`, B × I each (T ≥ 1).
///   - initialHidden: `h_0`, B × H.
///   - parameters: H × I, H × H, 1 × H, 1 × H.
///   - hiddenGradients: `G_1 … G_T`, B × H each.
/// - Returns: the gradients, each with the shape of what it differentiates.
public func rnnBackpropagationThroughTime(
  inputs: [Matrix], initialHidden: Matrix, parameters: CellParameters, hiddenGradients: [Matrix]
) throws -> RNNGradients {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
