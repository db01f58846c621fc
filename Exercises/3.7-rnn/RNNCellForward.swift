// Exercise 3.7.1: one step of a tanh RNN cell.
// Check your work: `swift run exercises check 3.7.1`. Stuck? `swift run exercises hint 3.7.1`.

import ExerciseSupport
import Foundation

/// One step of a tanh RNN cell, with PyTorch's `nn.RNN` parameters.
///
/// Your task: return the new hidden state
///
/// ```
/// h_t = tanh( x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh )        B × H
/// ```
/// The weights are stored output × input, as PyTorch stores them: `weightIH` is H × I,
/// `weightHH` H × H; `biasIH` and `biasHH` are 1 × H rows, added to every row of the batch
/// (both biases count).
///
/// Example: `input = [[1, 2]]`, `hidden = [[0.5, −1]]`, `weightIH = [[1, 0], [0, 1]]`,
/// `weightHH = [[0, 1], [2, 0]]`, `biasIH = [[0.1, −0.2]]`, `biasHH = [[0.3, 0.2]]`:
/// the pre-activation is `[1 − 1 + 0.4, 2 + 1 + 0] = [0.4, 3]`, so
/// `h_t = [[tanh 0.4, tanh 3]] ≈ [[0.3799, 0.9951]]`.
///
/// Useful: `matmul(a, b, transposeB: true)` (= a·bᵀ), `m.map(tanh)`, `m[i, j]`.
/// - Parameters:
///   - input: `x_t`, B × I.
///   - hidden: `h_{t−1}`, B × H.
///   - parameters: H × I, H × H, 1 × H, 1 × H.
/// - Returns: `h_t`, B × H.
public func rnnCellForward(
  input: Matrix, hidden: Matrix, parameters: CellParameters
) throws -> Matrix {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
