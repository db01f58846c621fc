// How much a correlated sequence of samples is worth.
//
// For a stationary sequence with variance σ² and autocorrelations ρₖ, the variance of its
// mean is (σ²/N) · τ with τ = 1 + 2 Σₖ≥₁ ρₖ, the integrated autocorrelation time. So N
// correlated samples give the error bar of N/τ independent ones: the effective sample size.
// Estimating τ needs care because the far-lag ρ̂ₖ are mostly noise; Geyer's initial
// positive sequence stops summing where that noise starts.

/// The sample autocorrelation of a sequence at lags 0 … maxLag.
///
/// ```
/// x̄ = (1/N) Σ xₜ,   c₀ = (1/N) Σ (xₜ − x̄)²
/// ρ̂ₖ = (1/N) Σₜ₌₁^{N−k} (xₜ − x̄)(xₜ₊ₖ − x̄) / c₀      (ρ̂₀ = 1)
/// ```
/// The 1/N (not 1/(N − k)) normalisation is the standard one: it keeps the sequence of
/// ρ̂ₖ positive semi-definite and shrinks the noisy long lags towards 0.
///
/// - Parameters:
///   - x: the sequence (e.g. one coordinate's trace).
///   - maxLag: the largest lag; it is clipped to N − 1.
/// - Returns: `min(maxLag, N − 1) + 1` values, the first being 1.
/// - Precondition: N ≥ 2, `maxLag >= 0` and x is not constant.
public func autocorrelation(_ x: [Double], maxLag: Int) -> [Double] {
  precondition(x.count >= 2, "autocorrelation: needs at least 2 values, has \(x.count)")
  precondition(maxLag >= 0, "autocorrelation: maxLag \(maxLag) is negative")
  let centered = centeredValues(x)
  let c0 = autocovariance(centered, lag: 0)
  precondition(c0 > 0, "autocorrelation: the sequence is constant")
  return (0...min(maxLag, x.count - 1)).map { autocovariance(centered, lag: $0) / c0 }
}

/// The effective sample size N / τ of a correlated sequence, with τ estimated by Geyer's
/// initial monotone positive sequence.
///
/// ```
/// Γₘ = ρ̂₂ₘ + ρ̂₂ₘ₊₁           (sums of adjacent pairs; positive for a reversible chain)
/// sum Γ₀, Γ₁, … while Γₘ > 0, each capped by the previous one (monotone)
/// τ̂ = −1 + 2 Σₘ Γₘ,    ESS = N / τ̂
/// ```
/// For independent samples τ ≈ 1 and ESS ≈ N; for a slowly mixing chain ESS ≪ N. An
/// antithetic (negatively correlated) chain can have ESS > N.
///
/// Reference: C. J. Geyer, "Practical Markov chain Monte Carlo", Statistical Science
/// 7(4), 1992.
///
/// - Parameter x: the sequence (e.g. one coordinate's trace).
/// - Returns: the effective sample size, in (0, ∞); typically ≤ N.
/// - Precondition: N ≥ 4 and x is not constant.
public func effectiveSampleSize(_ x: [Double]) -> Double {
  precondition(x.count >= 4, "effectiveSampleSize: needs at least 4 values, has \(x.count)")
  let centered = centeredValues(x)
  let c0 = autocovariance(centered, lag: 0)
  precondition(c0 > 0, "effectiveSampleSize: the sequence is constant")
  // Autocorrelations are computed lazily, pair by pair, and only as far as the positive
  // sequence goes: a fast-mixing chain costs a few lags, not N.
  var sum = 0.0
  var previous = Double.infinity
  var m = 0
  while 2 * m + 1 < x.count {
    let pair =
      (autocovariance(centered, lag: 2 * m) + autocovariance(centered, lag: 2 * m + 1)) / c0
    if pair <= 0 { break }
    let capped = min(pair, previous)
    sum += capped
    previous = capped
    m += 1
  }
  let tau = max(-1 + 2 * sum, 1e-12)
  return Double(x.count) / tau
}

/// x − x̄.
private func centeredValues(_ x: [Double]) -> [Double] {
  let mean = x.reduce(0, +) / Double(x.count)
  return x.map { $0 - mean }
}

/// (1/N) Σₜ yₜ yₜ₊ₖ for an already centred y.
private func autocovariance(_ y: [Double], lag: Int) -> Double {
  let n = y.count
  return y.withUnsafeBufferPointer { p in
    var sum = 0.0
    for t in 0..<(n - lag) { sum += p[t] * p[t + lag] }
    return sum / Double(n)
  }
}
