// Exercise 3.5.2: a Monte Carlo integral with its standard error.
// Check your work: `swift run exercises check 3.5.2`. Stuck? `swift run exercises hint 3.5.2`.

import ExerciseSupport
import Foundation

/// Estimates ∫ₐᵇ f(x) dx by averaging f at uniform random points, and says how far off the
/// estimate typically is: its standard error.
///
/// Your task: the integral is (b − a) times the mean of f over [a, b], so draw N points
/// `xᵢ = a + (b − a) · rng.nextUniform()` (one uniform per point, in order) and average the
/// samples `Yᵢ = (b − a) · f(xᵢ)`. Compute the standard error yourself here (do not use
/// `MonteCarloEstimate`): it is the spread of one sample divided by √N.
///
/// ```
/// Î  = (1/N) Σ Yᵢ                       E[Î] = ∫ₐᵇ f(x) dx
/// s² = Σ (Yᵢ − Î)² / (N − 1)            (the unbiased sample variance of one Yᵢ)
/// SE = s / √N                            (the standard deviation of Î itself)
/// ```
/// The 1/√N is the whole point: the error bar of the mean shrinks like 1/√N in any
/// dimension, while s, the spread of a single sample, does not shrink at all.
///
/// Example: f(x) = x² on [0, 2] with the uniforms 0.25, 0.5, 0.75 (N = 3): the points are
/// 0.5, 1, 1.5, the samples 2 · [0.25, 1, 2.25] = [0.5, 2, 4.5], so Î = 7/3 ≈ 2.333
/// (the true integral is 8/3). Their deviations from 7/3 are −11/6, −1/3, 13/6, whose squares
/// add up to 49/6, so s² = (49/6)/2 = 49/12 and SE = √(49/12 / 3) = 7/6 ≈ 1.167.
/// - Parameters:
///   - f: the integrand.
///   - interval: [a, b], finite.
///   - samples: the number of points N (the checks pass N ≥ 2).
///   - rng: the generator; exactly one `nextUniform()` per point.
/// - Returns: the estimate Î of the integral and its standard error s/√N.
public func integrate<G: RandomNumberGenerator>(
  _ f: (Double) -> Double, over interval: ClosedRange<Double>, samples: Int,
  using rng: inout G
) throws -> (estimate: Double, standardError: Double) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
