// The Kullback–Leibler divergence between two discrete distributions.

import NumericsCore

/// KL divergence KL(p ‖ q) between the rows of `p` and `q` (Kullback & Leibler, 1951).
///
/// ```
/// KL_i = Σ_j p[i, j] · log(p[i, j] / q[i, j])        with 0 · log(0 / q) = 0
/// ∂KL_i/∂q[i, j] = −p[i, j] / q[i, j]                 (0 where p[i, j] = 0)
/// L = (1/B) Σ_i KL_i     (.mean, PyTorch's reduction="batchmean")   or   Σ_i KL_i (.sum)
/// ```
/// KL(p ‖ q) ≥ 0 with equality exactly when p = q (Gibbs' inequality); it is not
/// symmetric. It is the extra cost, in nats, of coding samples from p with a code built
/// for q: cross-entropy H(p, q) = H(p) + KL(p ‖ q). The gradient is taken with respect
/// to `q`, the model's distribution, with `p` fixed as the target. Unlike PyTorch's
/// `kl_div`, which expects log q, this takes q itself. Where q = 0 but p > 0 the
/// divergence is +inf, as it mathematically is.
/// - Parameters:
///   - p: `batch × C` target distributions (non-negative entries).
///   - q: `batch × C` model distributions (non-negative entries).
///   - reduction: `.mean` over rows (default) or `.sum`.
/// - Returns: the divergence and `∂L/∂q` (`batch × C`).
/// - Precondition: equal, non-empty shapes; no negative entry in `p` or `q`.
public func klDivergence(p: Matrix, q: Matrix, reduction: Reduction = .mean) -> LossResult {
  requireSameShape(p, q, "klDivergence", ("p", "q"))
  let scale = reduction.scale(count: p.rows, "klDivergence")
  var total = 0.0
  var gradient = [Double](repeating: 0, count: p.count)
  for k in 0..<p.count {
    let (pk, qk) = (p.elements[k], q.elements[k])
    precondition(pk >= 0, "klDivergence: p has the negative entry \(pk) at element \(k)")
    precondition(qk >= 0, "klDivergence: q has the negative entry \(qk) at element \(k)")
    guard pk > 0 else { continue }
    // log p − log q rather than log(p / q): the ratio can overflow for a tiny q.
    total += pk * (naturalLog(pk) - naturalLog(qk))
    gradient[k] = -pk / qk * scale
  }
  return LossResult(
    value: total * scale, gradient: Matrix(rows: p.rows, columns: p.columns, elements: gradient))
}
