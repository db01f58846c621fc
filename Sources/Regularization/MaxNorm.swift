import NumericsCore

/// The max-norm constraint (Srebro and Shraibman 2005; used with dropout by Srivastava et
/// al. 2014): after every step, each unit's incoming weight vector is projected onto the
/// ball of radius `c`:
/// ```
/// w_j ← w_j · min(1, c / ‖w_j‖₂)
/// ```
/// A Dense layer's weights are `in × out`, so unit `j`'s incoming weights are **column**
/// `j` (a Conv2D kernel matrix is `K × F`: filter `f` is column `f`, too). Projecting rows
/// instead would bound each *input's* outgoing weights: a different, wrong constraint.
///
/// What it bounds is the weights, not the gradients: it keeps a unit from growing without
/// limit (useful with the large learning rates dropout likes), but a gradient can still be
/// huge within one step. Exploding gradients are handled by clipping the gradient norm
/// (`clipByGlobalNorm`, chapter 3.7), before the update.
///
/// - Parameters:
///   - weights: `in × out`.
///   - radius: `c > 0`.
/// - Returns: the projected weights (columns with norm ≤ c are unchanged).
public func maxNormProjection(_ weights: Matrix, radius c: Double) -> Matrix {
  precondition(c > 0, "maxNormProjection: radius \(c) must be > 0")
  let norms = weights.columnNorms().elements
  var out = weights
  let n = weights.columns
  let scales = norms.map { $0 > c ? c / $0 : 1 }
  out.withUnsafeMutableElements { w in
    for i in 0..<w.count { w[i] *= scales[i % n] }
  }
  return out
}
