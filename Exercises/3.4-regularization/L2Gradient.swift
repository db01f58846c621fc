// Exercise 3.4.5: the L2 penalty's term in the gradient.
// Check your work: `swift run exercises check 3.4.5`. Stuck? `swift run exercises hint 3.4.5`.

import ExerciseSupport
import Foundation

/// The gradient of the L2 penalty `(λ/2)·‖W‖²`, which is added to `∂L/∂W` before the
/// optimizer step ("coupled" weight decay).
///
/// Your task: return
///
/// ```
/// ∂/∂W [ (λ/2) · Σ_ij w_ij² ] = λ · W
/// ```
/// Example: `weights = [[2, −0.5], [0, 10]]`, `strength = 0.1` gives `[[0.2, −0.05], [0, 1]]`.
///
/// - Parameters:
///   - weights: `W`, any shape.
///   - strength: `λ ≥ 0`.
/// - Returns: `λ·W`, the shape of `weights`.
public func l2PenaltyGradient(weights: Matrix, strength: Double) throws -> Matrix {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
