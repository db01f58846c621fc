// Exercise 3.7.3: clipping gradients by their global norm.
// Check your work: `swift run exercises check 3.7.3`. Stuck? `swift run exercises hint 3.7.3`.

import ExerciseSupport
import Foundation

/// Clips a set of gradients by their global norm, as PyTorch's `clip_grad_norm_`.
///
/// Your task: with `n` the norm of all the matrices together,
///
/// ```
/// n = √( Σ_k Σ_ij (G_k)_ij² )
/// if c/(n + 1e-6) < 1:   G_k ← G_k · c/(n + 1e-6)   for every k   (c = maxNorm)
/// ```
/// change `matrices` in place and return `n`, the norm **before** clipping. Every matrix
/// is scaled by the same factor (the direction of the update is kept); below the limit
/// nothing changes.
///
/// Example: `[[[3, 0]], [[0], [4]]]` with `maxNorm = 1`: `n = 5`, both matrices are
/// multiplied by `1/(5 + 1e-6)`, giving `[[0.6, 0]]` and `[[0], [0.8]]` (to 6 digits), and
/// the function returns 5.
///
/// - Parameters:
///   - matrices: the gradients, changed in place.
///   - maxNorm: `c > 0`.
/// - Returns: `n`.
public func clipByGlobalNorm(_ matrices: inout [Matrix], maxNorm: Double) throws -> Double {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
