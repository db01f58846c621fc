// Exercise 2.3.2: per-example gradient clipping, the heart of DP-SGD.
// Check your work: `swift run exercises check 2.3.2`. Stuck? `swift run exercises hint 2.3.2`.

import ExerciseSupport
import Foundation

/// Bounds what any one training example can do to a DP-SGD update: each example's gradient
/// is clipped to norm C on its own, and only then are they summed (Abadi et al. 2016).
///
/// Your task: row i of `perExampleGradients` is example i's whole gradient, flattened.
/// Return the clipped sum
///
/// ```
/// Σ_i cᵢ · gᵢ,        cᵢ = min(1, C / (‖gᵢ‖ + 1e-6)),        ‖gᵢ‖ = √(Σ_j g_ij²)
/// ```
/// (the factor the course's DP-SGD uses, as Opacus does: a gradient already inside the ball
/// of radius C is left alone, never scaled up). Do not divide by the batch size: the noise
/// is added to this sum, and the division comes after.
///
/// Example: rows [6, 8] (norm 10) and [−3, −4] (norm 5), C = 1: the first is scaled by
/// 1/(10 + 1e-6), the second by 1/(5 + 1e-6); each becomes about ±[0.6, 0.8], and the sum is
/// about [6e-8, 8e-8] — nearly 0, where clipping the summed gradient [3, 4] would give
/// [0.6, 0.8].
///
/// - Parameters:
///   - perExampleGradients: `B × P`, one example per row.
///   - clipNorm: C > 0.
/// - Returns: the P coordinates of the clipped sum.
public func clippedGradientSum(perExampleGradients: Matrix, clipNorm: Double) throws -> [Double] {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
