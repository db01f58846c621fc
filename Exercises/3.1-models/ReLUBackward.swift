// Exercise 3.1.3: the backward pass of ReLU.
// Check your work: `swift run exercises check 3.1.3`. Stuck? `swift run exercises hint 3.1.3`.

import ExerciseSupport
import Foundation

/// The backward pass of the rectified linear unit `y = max(0, x)`, element by element.
///
/// Your task: pass the incoming gradient through where the input was positive and block
/// it everywhere else:
///
/// ```
/// ∂L/∂x_ij = ∂L/∂y_ij · [x_ij > 0]        ([x > 0] is 1 when x > 0, else 0)
/// ```
/// At the kink `x = 0` the derivative is taken as **0** (as PyTorch does): strictly
/// greater than zero passes, zero and below block. All matrices have the same shape.
///
/// Example: `x = [[−2, 0, 3], [0.5, −0.1, 0]]`, `∂L/∂y = [[1, 2, 3], [4, 5, 6]]` give
/// `∂L/∂x = [[0, 0, 3], [4, 0, 0]]`.
///
/// Useful: `Matrix.zipMap(a, b) { … }` (element-wise on two matrices of one shape), or
/// loops over `m[r, c]`.
/// - Parameters:
///   - input: `x`, the input of the forward pass, any shape.
///   - outputGradient: `∂L/∂y`, the shape of `input`.
/// - Returns: `∂L/∂x`, the shape of `input`.
/// - Precondition: equal shapes (you may assume it; the checks only pass equal shapes).
public func reluBackward(input: Matrix, outputGradient: Matrix) throws -> Matrix {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
