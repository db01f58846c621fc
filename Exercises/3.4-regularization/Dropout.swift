// Exercise 3.4.3: inverted dropout, forward and backward.
// Check your work: `swift run exercises check 3.4.3`. Stuck? `swift run exercises hint 3.4.3`.

import ExerciseSupport
import Foundation

/// Inverted dropout with its draws given: the forward output and the backward gradient.
///
/// Your task: `uniforms[i, j]` is the U[0, 1) draw of element (i, j). While training,
///
/// ```
/// m_ij = (uniforms_ij ≥ rate) ? 1/(1 − rate) : 0
/// output = input ⊙ m              inputGradient = outputGradient ⊙ m
/// ```
/// (⊙ element-wise; the same mask in both passes). At inference (`training == false`)
/// dropout is the identity: return `input` and `outputGradient` unchanged.
///
/// Example: `input = [[1, −2], [3, 4]]`, `uniforms = [[0.75, 0.25], [0.5, 0.125]]`,
/// `rate = 0.5`, training: the mask is `[[2, 0], [2, 0]]`, so `output = [[2, 0], [6, 0]]`.
///
/// - Parameters:
///   - input: `x`, any shape.
///   - outputGradient: `∂L/∂y`, the shape of `input`.
///   - uniforms: one draw per element, the shape of `input`.
///   - rate: `p`, the probability of dropping a unit, in [0, 1).
///   - training: whether units are dropped.
/// - Returns: `(output, inputGradient)`.
public func dropout(
  input: Matrix, outputGradient: Matrix, uniforms: Matrix, rate: Double, training: Bool
) throws -> (output: Matrix, inputGradient: Matrix) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
