// Exercise 3.7.4: one step of an LSTM cell.
// Check your work: `swift run exercises check 3.7.4`. Stuck? `swift run exercises hint 3.7.4`.

import ExerciseSupport
import Foundation

/// One step of an LSTM cell, with PyTorch's `nn.LSTM` parameters (gate order i, f, g, o).
///
/// Your task: with `a = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh` (B × 4H) split into four
/// column blocks of width H, in this order,
///
/// ```
/// i = σ(a[:, 0..<H])     f = σ(a[:, H..<2H])     g = tanh(a[:, 2H..<3H])     o = σ(a[:, 3H..<4H])
/// c_t = f ⊙ c_{t−1} + i ⊙ g
/// h_t = o ⊙ tanh(c_t)
/// ```
/// return `(h_t, c_t)`. σ is the logistic sigmoid 1/(1 + e^(−z)); ⊙ is element-wise.
///
/// Example (B = I = H = 1): `weightIH = [[1], [2], [0], [−1]]`, `weightHH` and the biases
/// zero, `input = [[0.5]]`, `hidden = [[0]]`, `cell = [[2]]`: `a = [0.5, 1, 0, −0.5]`, so
/// `c_t = σ(1)·2 + σ(0.5)·0 ≈ 1.4621` and `h_t = σ(−0.5)·tanh(c_t) ≈ 0.3391`.
///
/// - Parameters:
///   - input: `x_t`, B × I.
///   - hidden: `h_{t−1}`, B × H.
///   - cell: `c_{t−1}`, B × H.
///   - parameters: 4H × I, 4H × H, 1 × 4H, 1 × 4H.
/// - Returns: `(h_t, c_t)`, B × H each.
public func lstmCellForward(
  input: Matrix, hidden: Matrix, cell: Matrix, parameters: CellParameters
) throws -> (hidden: Matrix, cell: Matrix) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
