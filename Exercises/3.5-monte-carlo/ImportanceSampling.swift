// Exercise 3.5.3: importance sampling.
// Check your work: `swift run exercises check 3.5.3`. Stuck? `swift run exercises hint 3.5.3`.

import ExerciseSupport
import Foundation

/// Estimates E_p[f(X)] by drawing from a proposal q instead of p and weighting each draw by
/// how much more (or less) likely p makes it.
///
/// Your task: draw N points from q with `sampleProposal(&rng)` (that is the only use of
/// `rng`), weight each by `w = p(x)/q(x)`, and average the weighted values:
///
/// ```
/// Xᵢ ~ q,   wᵢ = p(Xᵢ) / q(Xᵢ)          (targetDensity / proposalDensity)
/// μ̂ = (1/N) Σ f(Xᵢ) · wᵢ                 E_q[f(X) w(X)] = ∫ f (p/q) q dx = E_p[f(X)]
/// SE = sd(f(X) w(X)) / √N
/// ```
/// The weight undoes the change of distribution: where q draws too often (q > p) it
/// counts a draw less, where q draws too rarely it counts it more. Return the estimate as
/// a `MonteCarloEstimate` (`var estimate = MonteCarloEstimate()`, then
/// `estimate.add(f(x) * w)` per draw): its `.mean` is μ̂ and its `.standardError` is SE.
/// A good q puts its draws where |f|·p is large; for P(X > 3) under a standard normal, q =
/// N(3, 1) makes the rare event happen half the time, and the weights shrink it back.
///
/// Example: p = uniform on [0, 1] (p(x) = 1), q(x) = 2x, f(x) = x², and the draws from q are
/// 0.25, 0.5, 1. The weights are 1/(2x) = 2, 1, 0.5, the weighted values x²/(2x) = x/2 =
/// 0.125, 0.25, 0.5, so μ̂ = 0.875/3 = 7/24 ≈ 0.2917 (the truth is 1/3). The deviations
/// from 7/24 are −4/24, −1/24, 5/24, their squares add up to 42/576, so s² = 42/576/2 =
/// 7/192 and SE = √(7/192 / 3) = √7/24 ≈ 0.1102.
/// - Parameters:
///   - f: the function whose expectation under p is wanted.
///   - targetDensity: p, normalised (it integrates to 1).
///   - proposalDensity: q, normalised, the density `sampleProposal` draws from (q > 0 at
///     every draw).
///   - sampleProposal: draws one X ~ q from the generator.
///   - samples: the number of draws N (the checks pass N ≥ 2).
///   - rng: the generator, handed to `sampleProposal`.
/// - Returns: the estimate of E_p[f] with its standard error.
public func importanceSamplingEstimate<G: RandomNumberGenerator>(
  of f: (Double) -> Double, targetDensity: (Double) -> Double,
  proposalDensity: (Double) -> Double, sampleProposal: (inout G) -> Double, samples: Int,
  using rng: inout G
) throws -> MonteCarloEstimate {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
