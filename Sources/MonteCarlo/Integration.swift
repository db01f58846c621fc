import NumericsCore

// Monte Carlo integration is the estimation of an expectation in disguise:
//
//   ∫ₐᵇ f(x) dx = (b − a) · E[f(U)],   U uniform on [a, b],
//
// so the integral is estimated by the sample mean of (b − a) · f(Uᵢ), and its error bar is
// that mean's standard error. Nothing here depends on the dimension except the cost of
// drawing a point: the error shrinks like σ/√N in one dimension or in a hundred.

/// Estimates ∫ₐᵇ f(x) dx by averaging f at uniform random points, with its standard error.
///
/// ```
/// Uᵢ ~ Uniform[a, b]   (i = 1 … N, independent)
/// Î = (1/N) Σ (b − a) f(Uᵢ)       E[Î] = ∫ₐᵇ f,   SE(Î) = (b − a) · sd(f(U)) / √N
/// ```
/// - Parameters:
///   - f: the integrand.
///   - interval: [a, b].
///   - samples: the number of points N.
///   - rng: the generator; one uniform is drawn per point.
/// - Returns: the estimate of the integral (its `mean`) with its standard error.
/// - Precondition: `samples > 0` and the interval is finite.
public func integrate<G: RandomNumberGenerator>(
  _ f: (Double) -> Double, over interval: ClosedRange<Double>, samples: Int,
  using rng: inout G
) -> MonteCarloEstimate {
  precondition(samples > 0, "integrate: samples \(samples) must be positive")
  precondition(
    interval.lowerBound.isFinite && interval.upperBound.isFinite,
    "integrate: interval \(interval) must be finite")
  let a = interval.lowerBound
  let width = interval.upperBound - a
  var estimate = MonteCarloEstimate()
  for _ in 0..<samples {
    estimate.add(width * f(a + width * rng.nextUniform()))
  }
  return estimate
}

/// Estimates the integral of f over a box [a₁, b₁] × … × [a_d, b_d] by averaging f at
/// uniform random points in the box, with its standard error.
///
/// ```
/// Uᵢ ~ Uniform(box),   V = Π (bₖ − aₖ)   (the box's volume)
/// Î = (1/N) Σ V · f(Uᵢ)       SE(Î) = V · sd(f(U)) / √N   (no d in the rate)
/// ```
/// The point handed to `f` is one reused buffer of length d: read it, do not keep it.
///
/// - Parameters:
///   - f: the integrand, taking a point with `box.count` coordinates.
///   - box: one finite interval per dimension.
///   - samples: the number of points N.
///   - rng: the generator; d uniforms are drawn per point, coordinate 0 first.
/// - Returns: the estimate of the integral with its standard error.
/// - Precondition: `samples > 0`, `box` is not empty and every interval is finite.
public func integrate<G: RandomNumberGenerator>(
  _ f: ([Double]) -> Double, overBox box: [ClosedRange<Double>], samples: Int,
  using rng: inout G
) -> MonteCarloEstimate {
  precondition(samples > 0, "integrate: samples \(samples) must be positive")
  precondition(!box.isEmpty, "integrate: the box has no dimensions")
  precondition(
    box.allSatisfy { $0.lowerBound.isFinite && $0.upperBound.isFinite },
    "integrate: box \(box) must be finite")
  let lower = box.map(\.lowerBound)
  let widths = box.map { $0.upperBound - $0.lowerBound }
  let volume = widths.reduce(1, *)
  var point = lower
  var estimate = MonteCarloEstimate()
  for _ in 0..<samples {
    for k in 0..<point.count { point[k] = lower[k] + widths[k] * rng.nextUniform() }
    estimate.add(volume * f(point))
  }
  return estimate
}

/// Estimates ∫ₐᵇ f(x) dx with antithetic pairs: each uniform U is used twice, as U and as
/// its mirror image a + b − U, and the pair's average is one sample.
///
/// ```
/// Yᵢ = (b − a) · [f(Uᵢ) + f(a + b − Uᵢ)] / 2
/// Var(Yᵢ) = (b − a)² · [Var f(U) + Cov(f(U), f(a + b − U))] / 2
/// ```
/// Both halves have the right expectation, so Ȳ is unbiased. Against N = 2·pairs
/// independent evaluations (variance (b − a)² Var f / N) it wins exactly when the
/// covariance is negative, which is guaranteed when f is monotone; for an f symmetric
/// about the midpoint the two halves are equal and the variance doubles.
///
/// Reference: J. M. Hammersley and K. W. Morton, "A new Monte Carlo technique: antithetic
/// variates", Proc. Cambridge Philos. Soc. 52, 1956.
///
/// - Parameters:
///   - f: the integrand.
///   - interval: [a, b].
///   - pairs: the number of antithetic pairs (2 · pairs evaluations of f).
///   - rng: the generator; one uniform per pair.
/// - Returns: the estimate over `pairs` pair-averages (its `count` is `pairs`).
/// - Precondition: `pairs > 0` and the interval is finite.
public func antitheticIntegrate<G: RandomNumberGenerator>(
  _ f: (Double) -> Double, over interval: ClosedRange<Double>, pairs: Int,
  using rng: inout G
) -> MonteCarloEstimate {
  precondition(pairs > 0, "antitheticIntegrate: pairs \(pairs) must be positive")
  precondition(
    interval.lowerBound.isFinite && interval.upperBound.isFinite,
    "antitheticIntegrate: interval \(interval) must be finite")
  let a = interval.lowerBound
  let b = interval.upperBound
  let width = b - a
  var estimate = MonteCarloEstimate()
  for _ in 0..<pairs {
    let x = a + width * rng.nextUniform()
    estimate.add(width * 0.5 * (f(x) + f(a + b - x)))
  }
  return estimate
}
