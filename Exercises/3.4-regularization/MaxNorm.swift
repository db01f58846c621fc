// Exercise 3.4.2: the max-norm projection.
// Check your work: `swift run exercises check 3.4.2`. Stuck? `swift run exercises hint 3.4.2`.

import ExerciseSupport
import Foundation

/// The max-norm constraint: project each unit's incoming weight vector onto the ball of
/// radius `c`.
///
/// Your task: a Dense layer's weights are `in × out`, so unit `j`'s incoming weights are
/// **column** `j`. Return the weights with every column rescaled by
///
/// ```
/// w_j ← w_j · min(1, c / ‖w_j‖₂)
/// ```
/// Columns whose norm is at most `c` are unchanged.
///
/// Example: `weights = [[3, 0.1], [4, 0.2]]`, `radius = 1`: column 0 has norm 5 and
/// becomes (0.6, 0.8); column 1 has norm ≈ 0.22 and stays. Result `[[0.6, 0.1], [0.8, 0.2]]`.
///
/// - Parameters:
///   - weights: `in × out`.
///   - c: the radius, > 0.
/// - Returns: the projected weights.
public func maxNormProjection(_ weights: Matrix, radius c: Double) throws -> Matrix {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
