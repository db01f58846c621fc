// Exercise 3.5.3: importance sampling.
//
// Expected answers: two scripted cases in which the draws from q are chosen (worked out in
// the comments), one of them the zero-variance proposal q ∝ f·p, and seeded statistical
// cases on a rare event whose probability and weighted spread are known in closed form
// (see MonteCarloTypes.swift for the bounds):
//
//   μ = P(X > 3), X ~ N(0, 1);  proposal q = N(3, 1);  f(x) = 1[x > 3]
//   w(x) = φ(x)/φ(x − 3) = exp(−3x + 4.5); with x = 3 + y, y ~ N(0, 1), w = exp(−3y − 4.5), so
//   E_q[(f w)^k] = e^{−4.5k} ∫₀^∞ φ(y) e^{−3ky} dy = e^{4.5k(k − 1)} Φ̄(3k)
//   k = 1: μ = Φ̄(3) ≈ 1.3499e-3;  k = 2: σ² = e⁹ Φ̄(6) − μ² ≈ 6.172e-6 (σ ≈ 2.484e-3)
//   κ from k = 1…4 ≈ 6.72.  At N = 2·10⁴, σ/√N ≈ 1.76e-5: 1.3 % of μ (plain sampling would
//   need about 4·10⁶ draws for that), and f·w ≤ e^{−4.5} is bounded, so the bounds' normal
//   approximation is sound.
//
// The doc comment makes sampleProposal the only use of rng, so one case counts the calls
// (N) and the words drawn outside them (none). The answer function is the estimator
// written out, with a switch for the weight mistakes (each a row of `mistakes`).

import Foundation
import MonteCarlo
import NumericsCore

/// 3.5.3: definition, hints and check cases.
public enum ImportanceSamplingExercise {
  enum Mistake: Sendable { case inverted, unweighted, targetAlone }

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<ImportanceSampler>(
    id: "3.5.3", title: "Importance sampling",
    stub: "Exercises/3.5-monte-carlo/ImportanceSampling.swift",
    reference: "Sources/MonteCarlo/ImportanceSampling.swift (importanceSamplingEstimate)",
    hints: [
      """
      Each draw comes from q, not p, so on its own it is counted with the wrong frequency. \
      Weight it by how much likelier p makes it than q: the weight is a ratio of the two \
      densities at the draw. Then average f(x) · weight, exactly like plain Monte Carlo, \
      with a MonteCarloEstimate.
      """,
      """
      The weight is w = p(x) / q(x): target over proposal (targetDensity(x) / \
      proposalDensity(x)). Check it: E_q[f w] = ∫ f (p/q) q dx = ∫ f p dx = E_p[f]; with q/p \
      the q's do not cancel. Without any weight you estimate E_q[f] instead (0.5 for the \
      rare event, where the truth is 0.00135); with p alone, ∫ f p q dx.
      """,
      """
      Nearly the answer:
          var estimate = MonteCarloEstimate()
          for _ in 0..<samples {
            let x = sampleProposal(&rng)
            estimate.add(f(x) * targetDensity(x) / proposalDensity(x))
          }
          return estimate
      """,
    ],
    solution: {
      MonteCarlo.importanceSamplingEstimate(
        of: $0, targetDensity: $1, proposalDensity: $2, sampleProposal: $3, samples: $4,
        using: &$5)
    },
    mutants: mistakes.map { row in
      row.mutant { answer($0, $1, $2, $3, $4, &$5, row.variant) }
    },
    cases: cases)

  static let mistakes: [MistakeRow<Mistake>] = [
    MistakeRow(
      .inverted, "weights inverted", hint: 2,
      "this weights by q(x)/p(x): the weight is target over proposal, p(x)/q(x), so that "
        + "∫ f (p/q) q dx = E_p[f]"),
    MistakeRow(
      .unweighted, "no weights", hint: 2,
      "this averages f over draws from q without weighting them: it estimates E_q[f], not "
        + "E_p[f]"),
    MistakeRow(
      .targetAlone, "weight p(x) alone", hint: 2,
      "this weights by p(x) alone: the weight must also divide by q(x), the density the "
        + "draws came from"),
  ]

  /// The mean of `f(x) · p(x)/q(x)` over N draws x from q; `mistake` changes the weight.
  static func answer(
    _ f: (Double) -> Double, _ p: (Double) -> Double, _ q: (Double) -> Double,
    _ sampleProposal: (inout MonteCarloCheckGenerator) -> Double, _ samples: Int,
    _ rng: inout MonteCarloCheckGenerator, _ mistake: Mistake?
  ) -> MonteCarloEstimate {
    var estimate = MonteCarloEstimate()
    for _ in 0..<samples {
      let x = sampleProposal(&rng)
      let weight: Double
      switch mistake {
      case nil: weight = p(x) / q(x)
      case .inverted: weight = q(x) / p(x)
      case .unweighted: weight = 1
      case .targetAlone: weight = p(x)
      }
      estimate.add(f(x) * weight)
    }
    return estimate
  }

  /// The rare event P(X > 3) under N(0, 1) with the proposal N(3, 1), from the moments
  /// E_q[(f w)^k] = e^{4.5k(k − 1)} Φ̄(3k) derived in the header.
  static let rareEventProblem: MonteCarloChecks.KnownProblem = {
    let m = (1...4).map { k -> Double in
      let k = Double(k)
      return exp(4.5 * k * (k - 1)) * MonteCarloChecks.normalTail(3 * k)
    }
    let mean = m[0]
    let c2 = m[1] - mean * mean
    let c4 = m[3] - 4 * mean * m[2] + 6 * mean * mean * m[1] - 3 * pow(mean, 4)
    return .init(truth: mean, sigma: c2.squareRoot(), kurtosis: c4 / (c2 * c2))
  }()

  /// The standard normal density φ(x) = e^{−x²/2} / √(2π).
  static func standardNormalDensity(_ x: Double) -> Double {
    exp(-x * x / 2) / (2 * Double.pi).squareRoot()
  }

  /// p(x) = 1 on [0, 1], the target of the scripted cases.
  static let uniformDensity: @Sendable (Double) -> Double = { (0...1).contains($0) ? 1 : 0 }
  /// q(x) = 2x on [0, 1], the proposal of the scripted cases.
  static let linearDensity: @Sendable (Double) -> Double = { (0...1).contains($0) ? 2 * $0 : 0 }

  static func cases() -> [CheckCase<ImportanceSampler>] {
    var cases: [CheckCase<ImportanceSampler>] = []
    // p = uniform on [0, 1], q(x) = 2x on (0, 1], drawn by inverting its CDF x²:
    // x = √(1 − u), so the scripted uniforms 15/16, 3/4, 0 give the draws 0.25, 0.5, 1.
    let script = [15.0 / 16, 0.75, 0].map(MonteCarloCheckGenerator.Uniform.exact)
    func scripted(
      _ name: String, function: String, f: @escaping @Sendable (Double) -> Double,
      target: (String, @Sendable (Double) -> Double) = ("1", uniformDensity),
      estimate: Double, standardError: Double
    ) -> [CheckCase<ImportanceSampler>] {
      MonteCarloChecks.exactCases(
        name,
        input: "f(x) = \(function), p(x) = \(target.0) on [0, 1], "
          + "q(x) = 2x on [0, 1], sampleProposal = √(1 − rng.nextUniform()) on a generator "
          + "scripted so that the draws from q are 0.25, 0.5, 1 (N = 3)",
        count: 3, estimate: estimate, standardError: standardError,
        result: { implementation in
          var rng = MonteCarloCheckGenerator(script: script)
          return try implementation(
            f, target.1, linearDensity, { (1 - $0.nextUniform()).squareRoot() }, 3, &rng
          ).judged
        })
    }
    // f(x) = x: w = 1/(2x), so f·w = 1/2 at every draw. E_p[x] = 1/2 exactly, with zero
    // variance: q ∝ f·p is the perfect proposal. μ̂ = 0.5, SE = 0.
    cases.append(
      contentsOf: scripted(
        "scripted, zero-variance proposal (f = x, q ∝ f·p)", function: "x", f: { $0 },
        estimate: 0.5, standardError: 0))
    // f(x) = x²: f·w = x/2 = 1/8, 2/8, 4/8; μ̂ = 7/24; deviations −4/24, −1/24, 5/24;
    // squares (16 + 1 + 25)/576 = 7/96; s² = 7/192; SE = √(7/192 / 3) = √7/24.
    cases.append(
      contentsOf: scripted(
        "scripted, f = x² (the doc comment's example)", function: "x²", f: { $0 * $0 },
        estimate: 7.0 / 24, standardError: 7.0.squareRoot() / 24))
    // f = 1 under p(x) = 3x²: E_p[1] = 1, but the estimate is the mean weight
    // w = 3x²/(2x) = 1.5x = 0.375, 0.75, 1.5: μ̂ = 0.875; deviations −0.5, −0.125, 0.625,
    // squares 0.25 + 0.015625 + 0.390625 = 21/32; s² = 21/64; SE = √(21/64 / 3) = √7/8.
    cases.append(
      contentsOf: scripted(
        "scripted, f = 1 under p(x) = 3x²", function: "1", f: { _ in 1 },
        target: ("3x²", { (0...1).contains($0) ? 3 * $0 * $0 : 0 }), estimate: 0.875,
        standardError: 7.0.squareRoot() / 8))
    cases.append(drawsCase)
    for seed: UInt64 in [3531, 3532, 3533] {
      let samples = 20_000
      cases.append(
        MonteCarloChecks.statisticalCase(
          "seeded rare event P(X > 3), N = \(samples) (seed \(seed))",
          input: "f(x) = 1[x > 3], p = N(0, 1), q = N(3, 1), sampleProposal = "
            + "3 + rng.nextNormal(), N = \(samples), MonteCarloCheckGenerator(seed: \(seed)); "
            + "truth Φ̄(3) = \(formatted(rareEventProblem.truth))",
          problem: rareEventProblem, samples: samples,
          result: { implementation in
            var rng = MonteCarloCheckGenerator(seed: seed)
            return try implementation(
              { $0 > 3 ? 1 : 0 }, { standardNormalDensity($0) },
              { standardNormalDensity($0 - 3) }, { 3 + $0.nextNormal() }, samples, &rng
            ).judged
          }))
    }
    return cases
  }

  /// The draws the doc comment fixes: N calls of sampleProposal, and no word of rng drawn
  /// outside them.
  static let drawsCase = CheckCase<ImportanceSampler>(
    "draws: 100 draws from q",
    input: "f(x) = x, p = N(0, 1), q = N(3, 1), sampleProposal = 3 + rng.nextNormal(), "
      + "N = 100, MonteCarloCheckGenerator(seed: 3534)"
  ) { implementation in
    var rng = MonteCarloCheckGenerator(seed: 3534)
    let counter = DrawCounter()
    _ = try implementation(
      { $0 }, { standardNormalDensity($0) }, { standardNormalDensity($0 - 3) },
      { generator in
        let before = generator.draws
        let x = 3 + generator.nextNormal()
        counter.calls += 1
        counter.inside += generator.draws - before
        return x
      }, 100, &rng)
    let (calls, outside) = (counter.calls, rng.draws - counter.inside)
    var problem: String?
    if calls != 100 {
      problem =
        "called sampleProposal \(calls) times for N = 100, expected 100: one draw from q per "
        + "sample"
    } else if outside != 0 {
      problem =
        "drew \(outside) numbers from rng outside sampleProposal, expected none: every x "
        + "comes from sampleProposal(&rng), which is the only use of rng"
    }
    return Observation(fingerprint: [Double(calls), Double(outside)], problem: problem)
  }
}

/// Counts the calls of a sampleProposal and the words they draw (one check, one thread).
private final class DrawCounter {
  var calls = 0
  var inside = 0
}
