// Exercise 3.1.2: the backward pass of a fully connected (Dense) layer.
// Check your work: `swift run exercises check 3.1.2`. Stuck? `swift run exercises hint 3.1.2`.

import ExerciseSupport
import Foundation

/// The backward pass of a fully connected layer `Y = X·W + b`: the three gradients.
///
/// Your task: given `G = ∂L/∂Y` (the gradient of a scalar loss `L` with respect to the
/// layer's output), return the gradients with respect to the input, the weights and the
/// bias. Each has the shape of what it is the gradient of:
///
/// ```
/// ∂L/∂X = G · Wᵀ          batch × in     (G: batch × out, Wᵀ: out × in)
/// ∂L/∂W = Xᵀ · G          in × out       (Σ over the samples of X_ik · G_ij)
/// ∂L/∂b = Σ_i G_i·        1 × out        (b is added to every row: sum the rows of G)
/// ```
/// The weights and the bias are shared by every sample, so their gradients **sum** the
/// contributions of all `batch` rows (no division by the batch size: any 1/B belongs to
/// the loss, and is already inside `G`).
///
/// Example: `X = [[1, 2, 3], [0, −1, 2]]`, `W = [[1, 0], [0, 1], [1, −1]]`,
/// `G = [[1, −1], [2, 0.5]]` give
/// `∂L/∂X = [[1, −1, 2], [2, 0.5, 1.5]]`, `∂L/∂W = [[1, −1], [0, −2.5], [7, −2]]`,
/// `∂L/∂b = [[3, −0.5]]`. (Check one: `∂L/∂W[2, 0] = X[0, 2]·G[0, 0] + X[1, 2]·G[1, 0]
/// = 3·1 + 2·2 = 7`.)
///
/// Useful: `matmul(a, b, transposeA: true)` is `aᵀ·b`, `matmul(a, b, transposeB: true)`
/// is `a·bᵀ`, `m.transposed()`, `m.columnSums()` (`1 × columns`), `m.rowSums()`
/// (`rows × 1`).
/// - Parameters:
///   - input: `X`, `batch × in`, the input of the forward pass.
///   - weights: `W`, `in × out`.
///   - outputGradient: `G = ∂L/∂Y`, `batch × out`.
/// - Returns: `(inputGradient: ∂L/∂X, weightGradient: ∂L/∂W, biasGradient: ∂L/∂b)`.
/// - Precondition: the shapes fit (you may assume it; the checks only pass fitting shapes).
public func denseBackward(
  input: Matrix, weights: Matrix, outputGradient: Matrix
) throws -> (inputGradient: Matrix, weightGradient: Matrix, biasGradient: Matrix) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
