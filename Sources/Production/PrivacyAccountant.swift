import Foundation

// The privacy accountant of DP-SGD: how much privacy T noisy, subsampled gradient steps
// spend, as (ε, δ).
//
// One step of DP-SGD is the *Poisson-subsampled Gaussian mechanism*: each example joins
// the batch with probability q, each example's gradient is clipped to norm C, and Gaussian
// noise of standard deviation σ·C is added to their sum. Rényi differential privacy (RDP,
// Mironov 2017) composes simply — T steps of RDP ε(α) at order α give T·ε(α) — and converts
// to (ε, δ)-DP at the end, minimising over the orders.
//
// RDP of one step at order α (Mironov, Talwar & Zhang, "Rényi Differential Privacy of the
// Sampled Gaussian Mechanism", 2019, §3.3):
//
//     RDP(α) = log A_α / (α − 1)
//
//   integer α:     A_α = Σ_{k=0}^{α} C(α,k) (1 − q)^{α−k} q^k exp((k² − k)/(2σ²))
//   fractional α:  A_α = A₀ + A₁ with, for z₀ = σ² log(1/q − 1) + ½,
//                  A₀ = Σ_{k≥0} C(α,k) q^k (1−q)^{α−k} e^{(k²−k)/(2σ²)} · ½ erfc((k − z₀)/(√2 σ))
//                  A₁ = Σ_{k≥0} C(α,k) q^{α−k} (1−q)^k e^{((α−k)²−(α−k))/(2σ²)} · ½ erfc((z₀ − (α−k))/(√2 σ))
//                  (C(α,k) is the generalised binomial coefficient and changes sign for
//                  k > α; the series stop when both terms fall below e^{−30})
//
// Conversion to (ε, δ) (Balle, Barthe, Gaboardi, Hsu & Sato, "Hypothesis Testing
// Interpretations and Rényi Differential Privacy", AISTATS 2020, Theorem 21; the conversion
// Opacus and Google's dp-accounting use):
//
//     ε = min_α [ T·RDP(α) + log((α − 1)/α) − (log δ + log α)/(α − 1) ]
//
// Everything is computed in log space: A_α overflows a double long before ε is large.

/// The orders α at which the accountant evaluates RDP: 1 + x/10 for x = 1…99 and the
/// integers 12…63 (the orders of Opacus's default list up to 63).
public let defaultRDPOrders: [Double] =
  (1...99).map { 1 + Double($0) / 10 } + (12...63).map(Double.init)

/// The RDP of one step of the Poisson-subsampled Gaussian mechanism at order `alpha`.
///
/// - Parameters:
///   - noiseMultiplier: `σ > 0`, the noise standard deviation divided by the clipping norm.
///   - sampleRate: `q` in (0, 1].
///   - order: `α > 1`.
/// - Returns: `RDP(α)` in nats (may be `+∞`).
public func subsampledGaussianRDP(
  noiseMultiplier sigma: Double, sampleRate q: Double, order alpha: Double
)
  -> Double
{
  precondition(sigma > 0 && sigma.isFinite, "subsampledGaussianRDP: σ \(sigma) must be positive")
  precondition(q > 0 && q <= 1, "subsampledGaussianRDP: q \(q) must lie in (0, 1]")
  precondition(alpha > 1, "subsampledGaussianRDP: order \(alpha) must be > 1")
  if q == 1 { return alpha / (2 * sigma * sigma) }  // the plain Gaussian mechanism
  if alpha == alpha.rounded() { return logAInteger(q, sigma, Int(alpha)) / (alpha - 1) }
  // A fractional order whose series does not settle is unusable, not an error: like
  // dp-accounting, leave it out of the minimum (its RDP counts as +∞).
  guard let logA = logAFraction(q, sigma, alpha) else { return .infinity }
  return logA / (alpha - 1)
}

/// ε of T composed steps at δ, and the order that attains it.
public struct PrivacyGuarantee: Sendable, Equatable {
  /// The ε of (ε, δ)-differential privacy.
  public let epsilon: Double
  /// The Rényi order α at which the minimum is attained.
  public let order: Double
}

/// (ε, δ) of `steps` steps of DP-SGD with Poisson sampling.
///
/// - Parameters:
///   - noiseMultiplier: `σ > 0`.
///   - sampleRate: `q` in (0, 1].
///   - steps: `T ≥ 1`.
///   - delta: `δ` in (0, 1).
///   - orders: the orders to minimise over (default `defaultRDPOrders`).
/// - Returns: the smallest ε over the orders and the order that attains it.
public func dpSGDPrivacy(
  noiseMultiplier: Double, sampleRate: Double, steps: Int, delta: Double,
  orders: [Double] = defaultRDPOrders
) -> PrivacyGuarantee {
  precondition(steps >= 1, "dpSGDPrivacy: steps \(steps) must be ≥ 1")
  precondition(delta > 0 && delta < 1, "dpSGDPrivacy: δ \(delta) must lie in (0, 1)")
  var best = PrivacyGuarantee(epsilon: .infinity, order: orders.first ?? .nan)
  for alpha in orders {
    let rdp =
      Double(steps)
      * subsampledGaussianRDP(
        noiseMultiplier: noiseMultiplier, sampleRate: sampleRate, order: alpha)
    let epsilon = rdp + log((alpha - 1) / alpha) - (log(delta) + log(alpha)) / (alpha - 1)
    if epsilon < best.epsilon {
      best = PrivacyGuarantee(epsilon: Swift.max(0, epsilon), order: alpha)
    }
  }
  return best
}

// MARK: - log A_α

/// Integer α: the finite binomial sum, term by term in log space.
private func logAInteger(_ q: Double, _ sigma: Double, _ alpha: Int) -> Double {
  var logA = -Double.infinity
  for k in 0...alpha {
    let (kd, ad) = (Double(k), Double(alpha))
    let term =
      logBinomial(ad, kd) + kd * log(q) + (ad - kd) * log1p(-q) + (kd * kd - kd)
      / (2 * sigma * sigma)
    logA = logAdd(logA, term)
  }
  return logA
}

/// Fractional α: the two series of MTZ 2019 §3.3.
///
/// The generalised binomial C(α,k) changes sign for k > α. Like Google's dp-accounting
/// (which this is checked against), the terms are added by magnitude, |C(α,k)|: that
/// bounds A_α from above, so ε can only come out larger (conservative). Opacus keeps the
/// signs; the two agree to many digits where the series converges fast. The series stop
/// when both terms are falling and below e^{−30} of the running total; nil when that has
/// not happened after 1,000 terms (dp-accounting's limit too).
private func logAFraction(_ q: Double, _ sigma: Double, _ alpha: Double) -> Double? {
  var (logA0, logA1) = (-Double.infinity, -Double.infinity)
  var (lastS0, lastS1) = (-Double.infinity, -Double.infinity)
  let z0 = sigma * sigma * log(1 / q - 1) + 0.5
  var logCoefficient = 0.0  // log |C(α, k)|, updated by the ratio (α − k + 1)/k
  for k in 0..<1000 {
    let kd = Double(k)
    if k > 0 { logCoefficient += log(abs((alpha - kd + 1) / kd)) }
    let j = alpha - kd
    let logT0 = logCoefficient + kd * log(q) + j * log1p(-q)
    let logT1 = logCoefficient + j * log(q) + kd * log1p(-q)
    let logE0 = log(0.5) + logErfc((kd - z0) / (2.0.squareRoot() * sigma))
    let logE1 = log(0.5) + logErfc((z0 - j) / (2.0.squareRoot() * sigma))
    let logS0 = logT0 + (kd * kd - kd) / (2 * sigma * sigma) + logE0
    let logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1
    logA0 = logAdd(logA0, logS0)
    logA1 = logAdd(logA1, logS1)
    let total = logAdd(logA0, logA1)
    if logS0 < lastS0 && logS1 < lastS1 && Swift.max(logS0, logS1) < total - 30 { return total }
    (lastS0, lastS1) = (logS0, logS1)
  }
  return nil
}

/// log C(n, k) for real n ≥ k ≥ 0, through log Γ.
private func logBinomial(_ n: Double, _ k: Double) -> Double {
  lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
}

/// log(eᵃ + eᵇ) without overflow.
func logAdd(_ a: Double, _ b: Double) -> Double {
  let (high, low) = a >= b ? (a, b) : (b, a)
  if high == -.infinity { return -.infinity }
  return high + log1p(exp(low - high))
}

/// log erfc(x), accurate where erfc(x) underflows (x ≳ 26) through the asymptotic series
/// erfc(x) = e^{−x²}/(x√π) · (1 − 1/(2x²) + 3/(4x⁴) − …).
func logErfc(_ x: Double) -> Double {
  if x < 25 { return log(erfc(x)) }
  // log of the series: −1/(2x²) + 5/(8x⁴) − 37/(24x⁶) + 353/(64x⁸) (its logarithm's expansion).
  let u = 1 / (x * x)
  return -x * x - log(x) - 0.5 * log(Double.pi) - 0.5 * u + 0.625 * u * u - 37.0 / 24 * u * u * u
    + 353.0 / 64 * u * u * u * u
}
