// Exercise 3.5.2: a Monte Carlo integral with its standard error.
//
// Expected answers: three scripted cases (two worked out by hand, one computed from its
// scripted uniforms by the definition written out below), and seeded statistical cases
// on two integrands whose answer and spread are known in closed form (see
// MonteCarloTypes.swift for the bounds). With X uniform on [a, b], w = b − a and one sample
// Y = w · f(X):
//
//   ∫₀¹ x² dx = 1/3.  Y = U²: E[Y^k] = 1/(2k + 1), so σ² = 1/5 − 1/9 = 4/45 exactly
//   (σ ≈ 0.2981, σ/√N ≈ 0.00298 at N = 10⁴), and the fourth central moment is
//   1/9 − 4/21 + 6/45 − 3/81 = 16/945, so κ = (16/945)/(4/45)² = 15/7.
//   ∫₋₁² eˣ dx = e² − e⁻¹ ≈ 7.0212.  E[e^{kX}] = (e^{2k} − e^{−k}) / (3k), so
//   σ² = 9 (E[e^{2X}] − E[e^X]²) (σ ≈ 5.6919), and κ from the central moments of e^X.
//
// The stub returns (estimate, standardError) rather than the module's MonteCarloEstimate:
// here the student computes the error bar, and that is where the √N goes missing.
// The doc comment fixes one uniform per point, so one case counts the draws (100 for
// N = 100). The answer function is the definition written out, with a switch for the
// known mistakes (each a row of `mistakes`).

import Foundation
import MonteCarlo
import NumericsCore

/// 3.5.2: definition, hints and check cases.
public enum IntegrateExercise {
  enum Mistake: Sendable { case withoutRootN, overN, varianceOverN, withoutWidth }

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<IntegralEstimator>(
    id: "3.5.2", title: "Monte Carlo integral with its standard error",
    stub: "Exercises/3.5-monte-carlo/Integrate.swift",
    reference: "Sources/MonteCarlo/Integration.swift (integrate(_:over:samples:using:))",
    hints: [
      """
      Draw each point as x = a + (b − a) * rng.nextUniform() and keep the sample \
      y = (b − a) * f(x): the integral is the width times the mean height. The estimate is \
      the mean of the y's; the standard error needs their spread, so keep the y's in an \
      array (or keep Σy and Σ(y − mean)² as you go).
      """,
      """
      The standard error is the spread of the MEAN, not of one sample: SE = s / √N, where \
      s² = Σ (yᵢ − Î)² / (N − 1) is the sample variance. Returning s itself (no √N) gives an \
      error bar that never shrinks; dividing by N instead of √N shrinks it far too fast. \
      Divide the squared deviations by N − 1, not N. And multiply every sample by the \
      width b − a, or ∫ over [−1, 2] comes out a third of the truth.
      """,
      """
      Nearly the answer:
          let a = interval.lowerBound, width = interval.upperBound - interval.lowerBound
          var ys: [Double] = []
          for _ in 0..<samples { ys.append(width * f(a + width * rng.nextUniform())) }
          let n = Double(samples)
          let mean = ys.reduce(0, +) / n
          let s2 = ys.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
          return (mean, (s2 / n).squareRoot())
      """,
    ],
    solution: { f, interval, samples, rng in
      let result = MonteCarlo.integrate(f, over: interval, samples: samples, using: &rng)
      return (result.mean, result.standardError)
    },
    mutants: mistakes.map { row in row.mutant { answer($0, $1, $2, &$3, row.variant) } },
    cases: cases)

  static let mistakes: [MistakeRow<Mistake>] = [
    MistakeRow(
      .withoutRootN, "standard error without √N", hint: 2,
      "this standard error is s, the spread of ONE sample: the error of the mean is s/√N"),
    MistakeRow(
      .overN, "standard error s/N", hint: 2,
      "this standard error is s/N: the error of the mean is s/√N (its VARIANCE is s²/N)"),
    MistakeRow(
      .varianceOverN, "variance over N, not N − 1", hint: 2,
      "this divides the squared deviations by N: the unbiased sample variance divides by "
        + "N − 1"),
    MistakeRow(
      .withoutWidth, "width b − a missing", hint: 2,
      "this averages f without the factor b − a: it estimates the mean of f, not its "
        + "integral"),
  ]

  /// `Yᵢ = w · f(a + w uᵢ)` with `w = b − a`, one uniform each; `Î = mean(Y)`,
  /// `SE = √(Σ (Yᵢ − Î)² / (N − 1) / N)` (two passes); `mistake` changes one of those.
  static func answer(
    _ f: (Double) -> Double, _ interval: ClosedRange<Double>, _ samples: Int,
    _ rng: inout MonteCarloCheckGenerator, _ mistake: Mistake?
  ) -> (estimate: Double, standardError: Double) {
    let a = interval.lowerBound
    let width = interval.upperBound - a
    var ys: [Double] = []
    for _ in 0..<samples {
      ys.append((mistake == .withoutWidth ? 1 : width) * f(a + width * rng.nextUniform()))
    }
    let n = Double(samples)
    let mean = ys.reduce(0, +) / n
    let m2 = ys.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let s = (m2 / (mistake == .varianceOverN ? n : n - 1)).squareRoot()
    switch mistake {
    case .withoutRootN: return (mean, s)
    case .overN: return (mean, s / n)
    default: return (mean, s / n.squareRoot())
    }
  }

  /// ∫₀¹ x² dx: truth 1/3, σ² = 4/45, κ = 15/7 (derived in the header).
  static let squareProblem = MonteCarloChecks.KnownProblem(
    truth: 1.0 / 3, sigma: (4.0 / 45).squareRoot(), kurtosis: 15.0 / 7)

  /// ∫₋₁² eˣ dx: the moments of Y = 3e^X from E[e^{kX}] = (e^{2k} − e^{−k}) / (3k).
  static let exponentialProblem: MonteCarloChecks.KnownProblem = {
    let m = (1...4).map { k -> Double in
      let k = Double(k)
      return (exp(2 * k) - exp(-k)) / (3 * k)
    }
    let mean = m[0]
    let c2 = m[1] - mean * mean
    let c4 = m[3] - 4 * mean * m[2] + 6 * mean * mean * m[1] - 3 * pow(mean, 4)
    return .init(truth: exp(2) - exp(-1), sigma: 3 * c2.squareRoot(), kurtosis: c4 / (c2 * c2))
  }()

  static func cases() -> [CheckCase<IntegralEstimator>] {
    var cases: [CheckCase<IntegralEstimator>] = []
    func scripted(
      _ name: String, function: String, f: @escaping @Sendable (Double) -> Double,
      interval: ClosedRange<Double>, uniforms: [Double], estimate: Double? = nil,
      standardError: Double? = nil
    ) -> [CheckCase<IntegralEstimator>] {
      let script = uniforms.map(MonteCarloCheckGenerator.Uniform.near)
      let u = script.map(\.value)
      let (a, b) = (interval.lowerBound, interval.upperBound)
      // Without a hand-computed answer: the definition, on the exact scripted uniforms.
      var exact = MonteCarloCheckGenerator(script: script)
      let computed = answer(f, interval, u.count, &exact, nil)
      return MonteCarloChecks.exactCases(
        name,
        input: "f(x) = \(function) over [\(formatted(a)), \(formatted(b))], N = \(u.count), "
          + "generator scripted to give the uniforms \(MonteCarloChecks.describe(u)), "
          + "i.e. the points \(MonteCarloChecks.describe(u.map { a + (b - a) * $0 }))",
        count: nil, estimate: estimate ?? computed.estimate,
        standardError: standardError ?? computed.standardError,
        result: { implementation in
          var rng = MonteCarloCheckGenerator(script: script)
          let got = try implementation(f, interval, u.count, &rng)
          return (nil, got.estimate, got.standardError)
        })
    }
    // The doc comment's example, on uniforms within 0.0005 of 0.25, 0.5, 0.75 (those that
    // nextUniform() and Double.random read alike), so the answer is computed from them:
    // about Î = 7/3 and SE = 7/6 (points 0.5, 1, 1.5; samples 0.5, 2, 4.5; deviations
    // −11/6, −1/3, 13/6, squares summing to 49/6; s² = 49/12; SE = √(49/12 / 3)).
    cases.append(
      contentsOf: scripted(
        "scripted x² on [0, 2], N = 3 (the doc comment's example)", function: "x²",
        f: { $0 * $0 }, interval: 0...2, uniforms: [0.25, 0.5, 0.75]))
    // A step on [1, 3] (a ≠ 0: the points must start at a): points ≈ 1.5 and ≈ 2.5 give
    // f = 1 and 3 exactly, samples 2 · 1 = 2 and 2 · 3 = 6; Î = 4; s² = (2² + 2²)/1 = 8;
    // SE = √(8/2) = 2.
    cases.append(
      contentsOf: scripted(
        "scripted step on [1, 3], N = 2", function: "x < 2 ? 1 : 3",
        f: { $0 < 2 ? 1 : 3 }, interval: 1...3, uniforms: [0.25, 0.75], estimate: 4,
        standardError: 2))
    // Edge: a constant integrand 3 on [−2, 1]: every sample is 3 · 3 = 9, so Î = 9 exactly
    // and the spread is 0: SE = 0.
    cases.append(
      contentsOf: scripted(
        "scripted constant 3 on [−2, 1], N = 4", function: "3", f: { _ in 3 },
        interval: -2...1, uniforms: [0.125, 0.5, 0.875, 0.25], estimate: 9, standardError: 0))
    // The draws the doc comment fixes: exactly one uniform (one word) per point.
    cases.append(
      MonteCarloChecks.drawsCase(
        "draws: 100 points", input: "f(x) = x² over [0, 1], N = 100", seed: 3526,
        expected: 100, rule: "one uniform per point, x = a + (b − a) · rng.nextUniform()"
      ) { implementation, rng in _ = try implementation({ $0 * $0 }, 0...1, 100, &rng) })
    let statistical:
      [(
        String, @Sendable (Double) -> Double, ClosedRange<Double>,
        MonteCarloChecks.KnownProblem, [UInt64]
      )] = [
        ("x² on [0, 1]", { $0 * $0 }, 0...1, squareProblem, [3521, 3522, 3523]),
        ("eˣ on [−1, 2]", { exp($0) }, -1...2, exponentialProblem, [3524, 3525]),
      ]
    for (function, f, interval, problem, seeds) in statistical {
      for seed in seeds {
        let samples = 10_000
        cases.append(
          MonteCarloChecks.statisticalCase(
            "seeded \(function), N = \(samples) (seed \(seed))",
            input: "f(x) = \(function), N = \(samples), MonteCarloCheckGenerator(seed: \(seed)); "
              + "truth \(formatted(problem.truth))",
            problem: problem, samples: samples,
            result: { implementation in
              var rng = MonteCarloCheckGenerator(seed: seed)
              let got = try implementation(f, interval, samples, &rng)
              return (nil, got.estimate, got.standardError)
            }))
      }
    }
    return cases
  }
}
