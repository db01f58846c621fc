// Exercise 3.5.1: estimating π with darts, with the estimate's standard error.
// Check your work: `swift run exercises check 3.5.1`. Stuck? `swift run exercises hint 3.5.1`.

import ExerciseSupport
import Foundation

/// Estimates π by throwing N darts at the unit square and counting those that land inside
/// the quarter circle.
///
/// Your task: for each of the N darts draw `x = rng.nextUniform()`, **then**
/// `y = rng.nextUniform()` (two uniforms in [0, 1) per dart, x first), and count a hit when
/// `x² + y² < 1`. The quarter circle covers π/4 of the square, so one dart's value
/// `Xᵢ = 4 · 1[xᵢ² + yᵢ² < 1]` (4 for a hit, 0 for a miss) has mean π:
///
/// ```
/// π̂  = (1/N) Σ Xᵢ = 4 · hits / N
/// s² = Σ (Xᵢ − π̂)² / (N − 1)          (sample variance of one dart's value)
/// SE = s / √N                          (standard error of π̂)
/// ```
/// Return the result as a `MonteCarloEstimate`, which carries the count, the mean and the
/// spread. Either add every dart's value with `estimate.add(_:)` (start from
/// `var estimate = MonteCarloEstimate()`), or build it from the hit count with
/// `MonteCarloEstimate(count: N, mean: π̂, sumOfSquaredDeviations: M2)`, where
/// `M2 = Σ (Xᵢ − π̂)²` works out to `16 · hits · (N − hits) / N` for 0/4-valued samples.
/// Either way `.mean` is π̂ and `.standardError` is s/√N.
///
/// Example, N = 4 darts: the uniforms 0.5, 0.5, 0.75, 0.75, 0.25, 0.875, 0.125, 0.25 make the
/// darts (0.5, 0.5) hit (0.5 < 1), (0.75, 0.75) miss (1.125), (0.25, 0.875) hit (0.828125),
/// (0.125, 0.25) hit. So hits = 3, π̂ = 4 · 3/4 = 3, the values are 4, 0, 4, 4,
/// M2 = 3 · 1² + 3² = 12, s² = 12/3 = 4 and SE = √(4/4) = 1. (Mind Swift's integer
/// division: `4 * 3 / 5` is 2, not 2.4.)
/// - Parameters:
///   - samples: the number of darts N (the checks pass N ≥ 2).
///   - rng: the generator; exactly two `nextUniform()` draws per dart, x then y.
/// - Returns: the estimate of π: `.count` N, `.mean` π̂, `.standardError` s/√N.
public func estimatePi<G: RandomNumberGenerator>(
  samples: Int, using rng: inout G
) throws -> MonteCarloEstimate {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
