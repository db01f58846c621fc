// Exercise 3.5.4: one step of random-walk Metropolis.
// Check your work: `swift run exercises check 3.5.4`. Stuck? `swift run exercises hint 3.5.4`.

import ExerciseSupport
import Foundation

/// One step of random-walk Metropolis: propose a nearby point, then move there or stay.
///
/// Your task, in this order (the checks script the generator, so the order of the draws
/// matters):
///
/// 1. Propose `x′ₖ = xₖ + width · rng.nextNormal()` for k = 0, 1, …, d − 1 (coordinate 0
///    first, one `nextNormal()` each).
/// 2. Draw `u = 1 − rng.nextUniform()`, a uniform in (0, 1] (so log u is finite).
/// 3. Accept when `log u < log p̃(x′) − log p̃(x)`, that is, with probability
///    `min(1, p̃(x′)/p̃(x))`: return `(x′, true)`. Otherwise reject and return
///    `(x, false)`: the chain stays where it is, and that repeated x is its next sample.
///
/// ```
/// x′ = x + width · z,   z ~ N(0, I)          (symmetric: q(x′ | x) = q(x | x′))
/// α  = min(1, p̃(x′) / p̃(x))                   (uphill moves always, downhill sometimes)
/// ```
/// Work with log densities: p̃ is known only up to a constant (it cancels in the ratio),
/// and p̃ itself can underflow (e^−800 is 0 in a Double) where its log is an ordinary
/// number. A proposal with log p̃(x′) = −∞ (outside the target's support) is never accepted.
/// Repeated, these steps make a chain whose samples are distributed as p̃ / ∫ p̃.
///
/// Example: x = [0], log p̃(x) = −x₀²/2, width 1, and the generator gives z =
/// √(−2 ln 0.75) ≈ 0.7585 and then u = 0.5. The proposal is x′ = [0.7585], the log ratio is
/// −z²/2 = ln 0.75 ≈ −0.288 (the ratio is 0.75), and log u = ln 0.5 ≈ −0.693 < −0.288, so the
/// step returns ([0.7585…], true). Had z been √(−2 ln 0.25) ≈ 1.665 (ratio 0.25 < u), it
/// would return ([0], false).
/// - Parameters:
///   - current: the chain's state x (d ≥ 1 coordinates).
///   - logDensity: log p̃, the target's log density up to an additive constant.
///   - proposalWidth: the proposal's standard deviation per coordinate.
///   - rng: the generator: d `nextNormal()` draws, then one `nextUniform()`.
/// - Returns: the next state and whether the proposal was accepted.
public func metropolisStep<G: RandomNumberGenerator>(
  current: [Double], logDensity: ([Double]) -> Double, proposalWidth: Double,
  using rng: inout G
) throws -> (next: [Double], accepted: Bool) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
