// Exercise 3.5.4: one step of random-walk Metropolis.
//
// Expected answers. Accept/reject is checked exactly with a scripted generator: its
// uniforms make the proposal z = √(−2 ln(1 − u₁)) · cos(2π u₂) (the Box–Muller normal of
// `nextNormal()`) and the acceptance uniform known, and the decisions are worked out by
// hand below. The generator records how many words the step drew: the doc comment fixes
// d `nextNormal()` (2 words each) and then one `nextUniform()` on every step, so a uniform
// drawn only on downhill moves is caught on the uphill cases. The acceptance draw is about
// 0.5 (within 0.0003, no ratio near it) except in one case whose uniform is 0.1, where
// u = 1 − 0.1 (as the doc says) and u = 0.1 decide differently.
//
// Then a statistical check of what the steps are for: a chain of N = 40 000 steps on
// N(μ = 1, σ² = 4) with width s = 8 (= 4σ), started at μ, must have the target's moments
// and the acceptance rate of random-walk Metropolis on a normal target,
//
//   α = E[min(1, p(x′)/p(x))] = (2/π) · arctan(2σ/s) = (2/π) · arctan(1/2) ≈ 0.2952.
//
// Chain samples are correlated, so their means have the error σ_f · √(τ/N) with τ the
// integrated autocorrelation time. Measured with Geyer's initial monotone sequence (an
// independent NumPy run of 2 × 200 000 steps): τ ≈ 5.3 for x, ≈ 6.3 for (x − μ)², ≈ 1.1
// for the acceptance indicator. The bounds use τ = 12 for all three, and 6 of those errors:
//
//   |mean − 1|  ≤ 6 · σ · √(12/N)              = 0.208
//   |s² − 4|    ≤ 6 · √(2σ⁴ · 12/N)            = 0.588    (Var((x − μ)²) = 2σ⁴ for a normal)
//   |rate − α|  ≤ 6 · √(α(1 − α) · 12/N)       = 0.047
//
// which with the measured τ are ≥ 8 standard deviations (false failure < 1e-14).
//
// Why there is no "without min(1, ·)" mutant: u ≤ 1, so `u < r` and `u < min(1, r)` (and
// `log u < Δ` and `log u < min(0, Δ)`) accept on exactly the same draws. Leaving out the min
// is the same algorithm, and a mutant that cannot fail would be a defect of the checks.
// The realistic log-space slip is comparing u itself with the log ratio Δ; that one is a
// mutant, and so are the ratio upside down and a rejection that is not kept.
//
// The answer function is one step written out with a switch for the known mistakes (each
// a row of `mistakes`); a rejection that proposes again is a loop, so it keeps a closure.

import Foundation
import MonteCarlo
import NumericsCore

/// 3.5.4: definition, hints and check cases.
public enum MetropolisStepExercise {
  enum Mistake: Sendable { case logRatioAgainstU, inverted, uOnlyDownhill, uNotOneMinusU }

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<MetropolisStepper>(
    id: "3.5.4", title: "One Metropolis step (accept or reject)",
    stub: "Exercises/3.5-monte-carlo/MetropolisStep.swift",
    reference: "Sources/MonteCarlo/Metropolis.swift (metropolisStep)",
    hints: [
      """
      Copy current, add proposalWidth * rng.nextNormal() to each coordinate (in order), then \
      draw one uniform. The log of the acceptance ratio is Δ = logDensity(proposal) − \
      logDensity(current); uphill moves (Δ ≥ 0) are always accepted, downhill ones with \
      probability e^Δ.
      """,
      """
      Accept when log u < Δ, with u = 1 − rng.nextUniform() in (0, 1]: compare a log with a \
      log (u < Δ compares a probability with a log and rejects every downhill move). The \
      ratio is new over old, p̃(x′)/p̃(x), never the reverse. On rejection return the \
      current state with false: do not draw another proposal until one is accepted, because \
      the repeated state is a sample and dropping it makes the chain over-visit the tails.
      """,
      """
      Nearly the answer:
          var proposal = current
          for k in proposal.indices { proposal[k] += proposalWidth * rng.nextNormal() }
          let logU = log(1 - rng.nextUniform())
          if logU < logDensity(proposal) - logDensity(current) { return (proposal, true) }
          return (current, false)
      """,
    ],
    solution: {
      MonteCarlo.metropolisStep(current: $0, logDensity: $1, proposalWidth: $2, using: &$3)
    },
    mutants: mistakes.map { row in row.mutant { answer($0, $1, $2, &$3, row.variant) } }
      + [rejectionNotKept],
    cases: cases)

  static let mistakes: [MistakeRow<Mistake>] = [
    MistakeRow(
      .logRatioAgainstU, "log ratio compared with u", hint: 2,
      "this accepts when u < log p̃(x′) − log p̃(x), a probability against a log: compare "
        + "log u with the log ratio (or u with the ratio itself)"),
    MistakeRow(
      .inverted, "ratio inverted", hint: 2,
      "this accepts with probability min(1, p̃(x)/p̃(x′)), old over new: the ratio is "
        + "p̃(x′)/p̃(x), so uphill moves are always accepted"),
    MistakeRow(
      .uOnlyDownhill, "u drawn only downhill", hint: 1,
      "this draws the uniform only when the move is downhill: the doc comment fixes one "
        + "nextUniform() on every step, after the normals, so the chain's draws (and a "
        + "seeded run) do not depend on the path taken"),
    MistakeRow(
      .uNotOneMinusU, "u where the doc says 1 − u", hint: 2,
      "this compares log of the uniform itself, where the doc says u = 1 − rng.nextUniform() "
        + "(in (0, 1], so log u is finite): same distribution, but not the draws the doc "
        + "fixes"),
  ]

  /// One step: `x′ = x + width · z` (one `nextNormal()` per coordinate, in order), then
  /// `u = 1 − nextUniform()`, accepted when `log u < log p̃(x′) − log p̃(x)`, else stay at x;
  /// `mistake` changes one of those.
  static func answer(
    _ current: [Double], _ logDensity: ([Double]) -> Double, _ width: Double,
    _ rng: inout MonteCarloCheckGenerator, _ mistake: Mistake?
  ) -> (next: [Double], accepted: Bool) {
    let proposal = current.map { $0 + width * rng.nextNormal() }
    let (new, old) = (logDensity(proposal), logDensity(current))
    let logRatio = mistake == .inverted ? old - new : new - old
    if mistake == .uOnlyDownhill && logRatio >= 0 { return (proposal, true) }
    let uniform = rng.nextUniform()
    let u = mistake == .uNotOneMinusU ? uniform : 1 - uniform
    let accepted = mistake == .logRatioAgainstU ? u < logRatio : log(u) < logRatio
    return accepted ? (proposal, true) : (current, false)
  }

  /// Structurally different: on rejection it proposes again until a move is accepted.
  static let rejectionNotKept = Mutant<MetropolisStepper>(
    "rejection not kept",
    diagnosis: "on rejection this proposes again until a move is accepted: a rejected step "
      + "must return the current state (with false), which is the chain's next sample",
    hint: 2,
    implementation: { current, logDensity, width, rng in
      while true {
        let proposal = current.map { $0 + width * rng.nextNormal() }
        let logU = log(1 - rng.nextUniform())
        if logU < logDensity(proposal) - logDensity(current) { return (proposal, true) }
      }
    })

  /// A case with a scripted generator whose step is known by hand: `normals` holds a pair
  /// of uniforms per coordinate (read exactly by `nextNormal()`), `acceptance` the nominal
  /// acceptance uniform (scripted with `.near`, so any uniform reader sees about it).
  static func scripted(
    _ name: String, target: String, logDensity: @escaping @Sendable ([Double]) -> Double,
    current: [Double], width: Double, normals: [Double], acceptance: Double,
    expected: [Double], accepted: Bool
  ) -> CheckCase<MetropolisStepper> {
    let script = normals.map(MonteCarloCheckGenerator.Uniform.exact) + [.near(acceptance)]
    let z = stride(from: 0, to: normals.count - 1, by: 2).map {
      MonteCarloChecks.boxMuller(normals[$0], normals[$0 + 1])
    }
    let input =
      "current = \(MonteCarloChecks.describe(current)), log p̃(x) = \(target), "
      + "proposalWidth = \(formatted(width)), generator scripted so that nextNormal() gives "
      + "z = \(MonteCarloChecks.describe(z)) (coordinate 0 first; proposal current + width · z)"
      + " and the next uniform is \(formatted(script.last?.value ?? 0))"
    return CheckCase(name, input: input) { implementation in
      var rng = MonteCarloCheckGenerator(script: script)
      let got = try implementation(current, logDensity, width, &rng)
      let expectedDraws = 2 * current.count + 1
      var problem: String?
      if rng.draws != expectedDraws {
        problem =
          "drew \(rng.draws) numbers from the generator, expected \(expectedDraws) "
          + "(\(current.count) nextNormal() of 2 words each, then 1 nextUniform()): "
          + (rng.draws < expectedDraws
            ? "the uniform must be drawn on every step, uphill moves included"
            : "draw exactly one normal per coordinate and one uniform per step")
      } else if got.next.count != current.count {
        problem = "next has \(got.next.count) coordinates, expected \(current.count)"
      } else if got.accepted != accepted {
        problem =
          "accepted: got \(got.accepted), expected \(accepted) (next: got "
          + "\(MonteCarloChecks.describe(got.next)), expected "
          + "\(MonteCarloChecks.describe(expected)))"
      } else {
        for k in expected.indices where problem == nil {
          problem = compare(
            "next[\(k)]", got: got.next[k], expected: expected[k], tolerance: .standard)
        }
      }
      return Observation(
        fingerprint: got.next + [got.accepted ? 1 : 0, Double(rng.draws)], problem: problem)
    }
  }

  static func cases() -> [CheckCase<MetropolisStepper>] {
    let standardNormal: @Sendable ([Double]) -> Double = { -$0[0] * $0[0] / 2 }
    // z(0.25, 0) = √(−2 ln 0.75) ≈ 0.75853; z(0.75, 0) = √(−2 ln 0.25) ≈ 1.66511;
    // z(0.25, 0.5) = −√(−2 ln 0.75) (cos π = −1); z(0.5, 0) = √(2 ln 2) ≈ 1.17741.
    let small = (-2 * log(0.75)).squareRoot()
    let middle = (2 * log(2.0)).squareRoot()
    var cases: [CheckCase<MetropolisStepper>] = [
      // From 0 to z = 0.7585: Δ = −z²/2 = ln 0.75, ratio 0.75 > u = 0.5: accepted.
      scripted(
        "downhill, ratio 0.75 > u = 0.5: accepted", target: "−x₀²/2",
        logDensity: standardNormal, current: [0], width: 1, normals: [0.25, 0], acceptance: 0.5,
        expected: [small], accepted: true),
      // From 0 to z = 1.665: Δ = ln 0.25, ratio 0.25 < u = 0.5: rejected, stay at 0.
      scripted(
        "downhill, ratio 0.25 < u = 0.5: rejected", target: "−x₀²/2",
        logDensity: standardNormal, current: [0], width: 1, normals: [0.75, 0], acceptance: 0.5,
        expected: [0], accepted: false),
      // From 2 to 2 − 0.7585 = 1.2415: Δ = (4 − 1.5413)/2 ≈ 1.229 > 0: accepted whatever u.
      scripted(
        "uphill: always accepted", target: "−x₀²/2", logDensity: standardNormal,
        current: [2], width: 1, normals: [0.25, 0.5], acceptance: 0.5, expected: [2 - small],
        accepted: true),
      // 2-D, width 0.5: x′ = [1 − 0.5·0.7585, −0.5 + 0.5·1.1774] = [0.62074, 0.08871];
      // log p̃(x′) = −(0.38531 + 4 · 0.00787)/2 ≈ −0.2084 > log p̃(x) = −(1 + 4 · 0.25)/2 = −1:
      // Δ ≈ 0.79, uphill, accepted whatever u. Drawing the coordinates in the other order
      // proposes [1.5887, −0.8793], Δ ≈ −1.81, ratio 0.16 < u ≈ 0.5: rejected. (The ratio
      // upside down, e^−0.79 ≈ 0.45 < u ≈ 0.5, rejects too.)
      scripted(
        "2-D uphill, coordinates drawn in order", target: "−(x₀² + 4x₁²)/2",
        logDensity: { -($0[0] * $0[0] + 4 * $0[1] * $0[1]) / 2 }, current: [1, -0.5],
        width: 0.5, normals: [0.25, 0.5, 0.5, 0], acceptance: 0.5,
        expected: [1 - 0.5 * small, -0.5 + 0.5 * middle], accepted: true),
      // The doc fixes u = 1 − nextUniform(): the generator's uniform is 0.1, so u = 0.9.
      // From 0 to z = 0.7585 the ratio is 0.75 < 0.9: rejected. With u = 0.1 (the uniform
      // itself, where the doc says 1 − u) it would be accepted.
      scripted(
        "u = 1 − nextUniform() = 0.9 > ratio 0.75: rejected", target: "−x₀²/2",
        logDensity: standardNormal, current: [0], width: 1, normals: [0.25, 0], acceptance: 0.1,
        expected: [0], accepted: false),
      // Uniform target on [0, 1]: x′ = 0.5 + 0.7585 = 1.2585 is outside, log p̃(x′) = −∞,
      // ratio 0: rejected, stay at 0.5.
      scripted(
        "proposal outside the support (log p̃ = −∞): rejected",
        target: "0 on [0, 1], −∞ outside",
        logDensity: { (0...1).contains($0[0]) ? 0 : -.infinity }, current: [0.5], width: 1,
        normals: [0.25, 0], acceptance: 0.5, expected: [0.5], accepted: false),
    ]
    cases.append(chainCase(seed: 3541))
    return cases
  }
}
