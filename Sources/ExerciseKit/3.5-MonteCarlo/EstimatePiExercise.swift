// Exercise 3.5.1: estimating π with darts.
//
// Expected answers: three scripted cases whose darts are chosen by hand (the arithmetic is
// in the comments; each coordinate is within 0.0005 of its nominal value, and no dart is
// within 0.015 of the circle, so the hits are exact), and three seeded statistical cases on
// 10 000 darts each, judged with the exact spread of one dart (see MonteCarloTypes.swift for
// how the bounds are derived):
//
//   p = π/4 (the quarter circle's area),  Xᵢ ∈ {0, 4},  P(Xᵢ = 4) = p
//   σ² = Var(Xᵢ) = 16 p (1 − p)  ⇒  σ = 4 √(p (1 − p)) ≈ 1.6422,  σ/√N ≈ 0.0164 at N = 10⁴
//   κ = E[(X − μ)⁴]/σ⁴ = (1 − 3p(1 − p)) / (p(1 − p)) ≈ 2.933  (a two-valued variable)
//
// so π̂ must land within 5σ/√N ≈ 0.082 of π, and the reported SE within 5.6 % of σ/√N.
// The doc comment fixes two uniforms per dart, so one more case counts the draws on a
// recording generator: 200 for N = 100.
//
// The answer function counts the hits and builds the estimate from the count, with a
// switch for the known mistakes (each a row of `mistakes`).

import Foundation
import MonteCarlo
import NumericsCore

/// 3.5.1: definition, hints and check cases.
public enum EstimatePiExercise {
  enum Mistake: Sendable { case integerDivision, oneUniform, noFactorFour, m2WithoutSixteen }

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<PiEstimator>(
    id: "3.5.1", title: "Estimating π with darts (with its standard error)",
    stub: "Exercises/3.5-monte-carlo/EstimatePi.swift",
    reference: "Sources/MonteCarlo/Pi.swift (estimatePi)",
    hints: [
      """
      Loop N times: draw x, then y, with rng.nextUniform(); the dart hits when \
      x * x + y * y < 1. Each dart is one sample worth 4 (hit) or 0 (miss), and π̂ is their \
      mean. MonteCarloEstimate does the bookkeeping: var estimate = MonteCarloEstimate(), \
      then estimate.add(hit ? 4 : 0) per dart, and return estimate.
      """,
      """
      The usual slips: 4 * hits / samples on Ints is integer division (it gives 3, never \
      3.14): convert to Double first. Draw two uniforms per dart; x = y = one uniform puts \
      every dart on the diagonal (hit when x < 1/√2, so π̂ ≈ 2.83). The 4 belongs to every \
      sample: adding 1 per hit estimates π/4, with a quarter of the error bar. Built from \
      the count, M2 = Σ (Xᵢ − π̂)² = 16 · hits · (N − hits) / N: the 16 is the 4².
      """,
      """
      Nearly the answer:
          var estimate = MonteCarloEstimate()
          for _ in 0..<samples {
            let x = rng.nextUniform()
            let y = rng.nextUniform()
            estimate.add(x * x + y * y < 1 ? 4 : 0)
          }
          return estimate
      """,
    ],
    solution: { MonteCarlo.estimatePi(samples: $0, using: &$1) },
    mutants: mistakes.map { row in row.mutant { answer($0, &$1, row.variant) } },
    cases: cases,
    handValues: {
      scriptedRows.compactMap { row in
        var rng = MonteCarloCheckGenerator(script: script(row.darts))
        let got = answer(row.darts.count, &rng, nil)
        let problem =
          compare("estimate", got: got.mean, expected: row.estimate, tolerance: .standard)
          ?? compare(
            "standard error", got: got.standardError, expected: row.standardError,
            tolerance: .standard)
        return problem.map { "\(row.name): the answer function disagrees: \($0)" }
      }
    })

  static let mistakes: [MistakeRow<Mistake>] = [
    MistakeRow(
      .integerDivision, "integer division", hint: 2,
      "this computes 4 · hits / N in integers, which truncates (3 instead of 3.14): convert "
        + "to Double before dividing"),
    MistakeRow(
      .oneUniform, "one uniform per dart", hint: 2,
      "this uses one uniform for both coordinates (x = y), so every dart lies on the "
        + "diagonal: draw x and y separately"),
    MistakeRow(
      .noFactorFour, "factor 4 missing", hint: 2,
      "this estimates π/4, the hit fraction: each dart's value is 4 for a hit, not 1"),
    MistakeRow(
      .m2WithoutSixteen, "M2 without the 16", hint: 2,
      "this estimate is right but its standard error is a quarter of the true one: "
        + "M2 = Σ (Xᵢ − π̂)² is 16 · hits · (N − hits)/N for values 4 and 0"),
  ]

  /// `π̂ = v · hits / N` with `v = 4` and `M2 = v² · hits · (N − hits) / N`, darts x then y;
  /// `mistake` changes one of those.
  static func answer(
    _ samples: Int, _ rng: inout MonteCarloCheckGenerator, _ mistake: Mistake?
  ) -> MonteCarloEstimate {
    var hits = 0
    for _ in 0..<samples {
      let x = rng.nextUniform()
      let y = mistake == .oneUniform ? x : rng.nextUniform()
      if x * x + y * y < 1 { hits += 1 }
    }
    let (h, n) = (Double(hits), Double(samples))
    let value: Double = mistake == .noFactorFour ? 1 : 4
    let mean = mistake == .integerDivision ? Double(4 * hits / samples) : value * h / n
    let square = mistake == .m2WithoutSixteen ? 1 : value * value
    return MonteCarloEstimate(
      count: samples, mean: mean, sumOfSquaredDeviations: square * h * (n - h) / n)
  }

  /// A scripted case: darts (x, y) chosen by hand and the answer worked out from them.
  struct ScriptedRow: Sendable {
    let name: String
    let darts: [(Double, Double)]
    let estimate: Double
    let standardError: Double
  }

  static func script(_ darts: [(Double, Double)]) -> [MonteCarloCheckGenerator.Uniform] {
    darts.flatMap { [MonteCarloCheckGenerator.Uniform.near($0.0), .near($0.1)] }
  }

  static let scriptedRows: [ScriptedRow] = [
    // By hand: x² + y² = 0.078125 (hit), 0.3125 (hit), 1.015625, 1.15625, 0.703125 (hit).
    // hits = 3 of N = 5: π̂ = 12/5 = 2.4; values 4, 4, 0, 0, 4 deviate by 1.6, 1.6, −2.4,
    // −2.4, 1.6: M2 = 3 · 2.56 + 2 · 5.76 = 19.2 (= 16 · 3 · 2/5), s² = 19.2/4 = 4.8,
    // SE = √(4.8/5) = √0.96.
    ScriptedRow(
      name: "scripted 5 darts, 3 hits",
      darts: [(0.125, 0.25), (0.25, 0.5), (0.5, 0.875), (0.875, 0.625), (0.375, 0.75)],
      estimate: 2.4, standardError: 0.96.squareRoot()),
    // The doc comment's example: hits = 3 of 4, π̂ = 3, M2 = 12, s² = 4, SE = √(4/4) = 1.
    ScriptedRow(
      name: "scripted 4 darts (the doc comment's example)",
      darts: [(0.5, 0.5), (0.75, 0.75), (0.25, 0.875), (0.125, 0.25)],
      estimate: 3, standardError: 1),
    // Edge: every dart misses (x² + y² = 1.53125): π̂ = 0, and every value is 0, so
    // s = 0 and SE = 0 (a correct zero, not NaN).
    ScriptedRow(
      name: "scripted 3 darts, every one outside",
      darts: [(0.875, 0.875), (0.875, 0.875), (0.875, 0.875)], estimate: 0, standardError: 0),
  ]

  /// The exact spread of one dart's value: p = π/4, σ = 4√(p(1 − p)), κ of a two-valued
  /// variable.
  static let dartProblem: MonteCarloChecks.KnownProblem = {
    let p = Double.pi / 4
    let q = p * (1 - p)
    return .init(truth: Double.pi, sigma: 4 * q.squareRoot(), kurtosis: (1 - 3 * q) / q)
  }()

  /// The two exact cases (estimate, error bar) of a scripted row.
  static func scriptedCases(_ row: ScriptedRow) -> [CheckCase<PiEstimator>] {
    let shown: [String] = row.darts.map { "(\(formatted($0.0)), \(formatted($0.1)))" }
    let input: String =
      "N = \(row.darts.count), generator scripted so that the darts (x, y), x drawn first, are "
      + shown.joined(separator: ", ") + " (each coordinate within 0.0005 of the value shown, "
      + "whether drawn with nextUniform() or Double.random(in:using:))"
    let darts = row.darts
    return MonteCarloChecks.exactCases(
      row.name, input: input, count: darts.count, estimate: row.estimate,
      standardError: row.standardError,
      result: { (implementation: PiEstimator) in
        var rng = MonteCarloCheckGenerator(script: script(darts))
        return try implementation(darts.count, &rng).judged
      })
  }

  static func cases() -> [CheckCase<PiEstimator>] {
    var cases = scriptedRows.flatMap(scriptedCases)
    // The draws the doc comment fixes: exactly two uniforms (one word each) per dart.
    cases.append(
      MonteCarloChecks.drawsCase(
        "draws: 100 darts", input: "N = 100", seed: 3514, expected: 200,
        rule: "two uniforms per dart, x = rng.nextUniform() then y = rng.nextUniform()"
      ) { implementation, rng in _ = try implementation(100, &rng) })
    for seed: UInt64 in [3511, 3512, 3513] {
      let samples = 10_000
      cases.append(
        MonteCarloChecks.statisticalCase(
          "seeded \(samples) darts (seed \(seed))",
          input: "N = \(samples), MonteCarloCheckGenerator(seed: \(seed)); truth π",
          problem: dartProblem, samples: samples,
          result: { implementation in
            var rng = MonteCarloCheckGenerator(seed: seed)
            return try implementation(samples, &rng).judged
          }))
    }
    return cases
  }
}
