import NumericsCore

// Importance sampling moves the samples to where the integrand matters and corrects for
// the move with a weight. It estimates the same expectation as plain sampling,
//
//   E_p[f(X)] = ∫ f(x) p(x) dx = ∫ f(x) (p(x)/q(x)) q(x) dx = E_q[f(X) w(X)],  w = p/q,
//
// and its variance is small when q is roughly proportional to |f|·p, large (even
// infinite) when q has lighter tails than |f|·p. Reference: H. Kahn and A. W. Marshall,
// "Methods of reducing sample size in Monte Carlo computations", J. Oper. Res. Soc.
// Am. 1(5), 1953; A. B. Owen, "Monte Carlo theory, methods and examples", ch. 9, 2013.

/// Estimates E_p[f(X)] by sampling from a proposal q and weighting each sample by p/q.
///
/// ```
/// Xᵢ ~ q,   wᵢ = p(Xᵢ) / q(Xᵢ)
/// μ̂ = (1/N) Σ f(Xᵢ) wᵢ        E_q[μ̂] = E_p[f]   (unbiased when q > 0 wherever f·p ≠ 0)
/// SE(μ̂) = sd(f(X) w(X)) / √N
/// ```
/// To estimate an integral ∫ₐᵇ f(x) dx, take p = the uniform density 1/(b − a) on [a, b]
/// and multiply the result by (b − a), or pass f·(b − a) as `f`.
///
/// - Parameters:
///   - f: the function whose expectation under p is wanted.
///   - targetDensity: p, normalised (it integrates to 1).
///   - proposalDensity: q, normalised, the density `sampleProposal` draws from.
///   - sampleProposal: draws one X ~ q from the generator.
///   - samples: the number of draws N.
///   - rng: the generator, handed to `sampleProposal`.
/// - Returns: the estimate with its standard error.
/// - Precondition: `samples > 0`; q(X) > 0 at every draw.
public func importanceSamplingEstimate<G: RandomNumberGenerator>(
  of f: (Double) -> Double, targetDensity: (Double) -> Double,
  proposalDensity: (Double) -> Double, sampleProposal: (inout G) -> Double, samples: Int,
  using rng: inout G
) -> MonteCarloEstimate {
  precondition(samples > 0, "importanceSamplingEstimate: samples \(samples) must be positive")
  var estimate = MonteCarloEstimate()
  for _ in 0..<samples {
    let x = sampleProposal(&rng)
    let q = proposalDensity(x)
    precondition(q > 0, "importanceSamplingEstimate: proposal density q(\(x)) = \(q) at a draw")
    estimate.add(f(x) * targetDensity(x) / q)
  }
  return estimate
}

/// The result of self-normalised importance sampling.
public struct SelfNormalizedEstimate: Sendable, Equatable {
  /// The estimate μ̂ = Σ w̄ᵢ f(Xᵢ) of E_p[f].
  public let estimate: Double
  /// The delta-method standard error √(Σ w̄ᵢ² (f(Xᵢ) − μ̂)²); slightly biased for small N.
  public let standardError: Double
  /// Kish's effective sample size (Σ wᵢ)² / Σ wᵢ²: how many equally weighted draws the
  /// weighted draws are worth. Near N when q ≈ p, near 1 when one weight dominates.
  public let effectiveSampleSize: Double
  /// log((1/N) Σ wᵢ). The mean weight (1/N) Σ wᵢ is an unbiased estimate of Z_p̃ / Z_q̃,
  /// the ratio of the normalising constants of the unnormalised target and proposal.
  public let logNormalizingConstant: Double
  /// The number of draws N.
  public let samples: Int
}

/// Estimates E_p[f(X)] when p is known only up to a constant, by normalising the weights
/// so they sum to one.
///
/// ```
/// Xᵢ ~ q,   log wᵢ = log p̃(Xᵢ) − log q(Xᵢ)      (p̃ = Z · p, Z unknown)
/// w̄ᵢ = wᵢ / Σⱼ wⱼ        (computed from log weights, minus their maximum, so no overflow)
/// μ̂ = Σ w̄ᵢ f(Xᵢ)         consistent, with O(1/N) bias
/// ```
/// This is the form used when the target is a posterior or an energy-based model:
/// the unknown Z cancels in the ratio.
///
/// - Parameters:
///   - f: the function whose expectation under p is wanted.
///   - logTarget: log p̃, the unnormalised log density of the target.
///   - proposalLogDensity: log q (normalised or not: a constant cancels too).
///   - sampleProposal: draws one X ~ q from the generator.
///   - samples: the number of draws N.
///   - rng: the generator, handed to `sampleProposal`.
/// - Returns: the estimate, its standard error, Kish's effective sample size and log Ẑ.
/// - Precondition: `samples > 0`; at least one finite log weight.
public func selfNormalizedImportanceSampling<G: RandomNumberGenerator>(
  of f: (Double) -> Double, logTarget: (Double) -> Double,
  proposalLogDensity: (Double) -> Double, sampleProposal: (inout G) -> Double, samples: Int,
  using rng: inout G
) -> SelfNormalizedEstimate {
  precondition(
    samples > 0, "selfNormalizedImportanceSampling: samples \(samples) must be positive")
  var values = [Double](repeating: 0, count: samples)
  var logWeights = [Double](repeating: 0, count: samples)
  for i in 0..<samples {
    let x = sampleProposal(&rng)
    values[i] = f(x)
    logWeights[i] = logTarget(x) - proposalLogDensity(x)
  }
  let maxLogWeight = logWeights.max() ?? -.infinity
  precondition(
    maxLogWeight.isFinite,
    "selfNormalizedImportanceSampling: no finite log weight (max \(maxLogWeight))")
  // Weights relative to the largest, so the largest is exactly 1 and none overflows.
  let weights = logWeights.map { mcExp($0 - maxLogWeight) }
  let total = weights.reduce(0, +)
  var estimate = 0.0
  for i in 0..<samples { estimate += weights[i] * values[i] }
  estimate /= total
  var variance = 0.0
  var sumOfSquaredWeights = 0.0
  for i in 0..<samples {
    let w = weights[i] / total
    let deviation = values[i] - estimate
    variance += w * w * deviation * deviation
    sumOfSquaredWeights += weights[i] * weights[i]
  }
  return SelfNormalizedEstimate(
    estimate: estimate, standardError: variance.squareRoot(),
    effectiveSampleSize: total * total / sumOfSquaredWeights,
    logNormalizingConstant: maxLogWeight + mcLog(total / Double(samples)), samples: samples)
}

/// Kish's effective sample size of a set of importance weights.
///
/// ```
/// ESS = (Σ wᵢ)² / Σ wᵢ²        1 ≤ ESS ≤ N, = N iff all weights are equal
/// ```
/// Reference: L. Kish, "Survey Sampling", 1965.
/// - Parameter weights: non-negative weights, not all zero (normalised or not).
/// - Returns: the effective sample size.
/// - Precondition: no weight is negative and at least one is positive.
public func kishEffectiveSampleSize(weights: [Double]) -> Double {
  precondition(
    weights.allSatisfy { $0 >= 0 }, "kishEffectiveSampleSize: a weight is negative or NaN")
  let total = weights.reduce(0, +)
  precondition(total > 0, "kishEffectiveSampleSize: every weight is zero")
  let sumOfSquares = weights.reduce(0) { $0 + $1 * $1 }
  return total * total / sumOfSquares
}
