// Exercise 3.1.1: the forward pass of a fully connected (Dense) layer.
// Check your work: `swift run exercises check 3.1.1`. Stuck? `swift run exercises hint 3.1.1`.

import ExerciseSupport
import Foundation

/// The forward pass of a fully connected layer: `Y = X·W + b`.
///
/// Your task: every output unit is a weighted sum of every input feature plus its bias.
/// Row `i` of `input` is one sample; rows never mix. The same bias row is added to
/// **every** row of the product, once:
///
/// ```
/// Y_ij = Σ_k X_ik · W_kj + b_j        i < batch,  j < out,  k < in
///
/// X: batch × in      W: in × out      b: 1 × out      Y: batch × out
/// ```
/// Column `j` of `W` holds the weights into output unit `j` (the convention of the
/// `Layers` module: `X·W`, not PyTorch's `X·Wᵀ` with `W` of shape `out × in`).
///
/// Example: `X = [[1, 2, 3], [0, −1, 2]]`, `W = [[1, 0], [0, 1], [1, −1]]`, `b = [[0.5, −2]]`:
/// `X·W = [[1 + 3, 2 − 3], [2, −1 − 2]] = [[4, −1], [2, −3]]`, so `Y = [[4.5, −3], [2.5, −5]]`.
///
/// Useful: `matmul(a, b)` (the matrix product), `a + b` (adds a `1 × n` row to every row
/// of `a`), or loops over `m[r, c]` and `Matrix.zeros(rows:columns:)`.
/// - Parameters:
///   - input: `X`, `batch × in`.
///   - weights: `W`, `in × out`.
///   - bias: `b`, `1 × out`.
/// - Returns: `Y`, `batch × out`.
/// - Precondition: the shapes fit (you may assume it; the checks only pass fitting shapes).
public func denseForward(input: Matrix, weights: Matrix, bias: Matrix) throws -> Matrix {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
