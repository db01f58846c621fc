/// The Euclidean norm of several matrices taken together, as one long vector:
///
/// ```
/// ‖(G₁, …, G_k)‖ = √(Σ_i Σ_jk G_i[j,k]²)
/// ```
/// This is the norm that gradient clipping "by global norm" measures (PyTorch's
/// `torch.nn.utils.clip_grad_norm_` with `norm_type=2`).
public func globalNorm(_ matrices: [Matrix]) -> Double {
  var sumOfSquares = 0.0
  for matrix in matrices {
    matrix.withUnsafeElements { elements in
      for value in elements { sumOfSquares += value * value }
    }
  }
  return sumOfSquares.squareRoot()
}

/// Clips several gradients together by their global norm, in place.
///
/// ```
/// n = ‖(G₁, …, G_k)‖                  (see `globalNorm`)
/// if n > c:  G_i ← G_i · c/(n + 1e-6)   for every i
/// ```
/// Every matrix is scaled by the same factor, so the direction of the whole update is
/// kept; clipping each matrix on its own would turn it. The `1e-6` is PyTorch's
/// (`clip_grad_norm_` multiplies by `max_norm / (total_norm + 1e-6)`, clamped to 1).
///
/// - Parameters:
///   - matrices: the gradients, changed in place.
///   - maxNorm: `c > 0`.
/// - Returns: the norm before clipping (PyTorch returns it too), so a caller can count how
///   often clipping acted (`returned > maxNorm`).
/// - Precondition: `maxNorm > 0` and finite.
@discardableResult
public func clipByGlobalNorm(_ matrices: inout [Matrix], maxNorm: Double) -> Double {
  precondition(
    maxNorm > 0 && maxNorm.isFinite, "clipByGlobalNorm: max norm \(maxNorm) must be positive")
  let norm = globalNorm(matrices)
  let factor = maxNorm / (norm + 1e-6)
  if factor < 1 {
    for index in matrices.indices { matrices[index] *= factor }
  }
  return norm
}
