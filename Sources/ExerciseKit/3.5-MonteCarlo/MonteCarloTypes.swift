// What the 3.5 exercises share: the function types the student implements, the generator
// the checks hand to them, and the statistical case that judges an estimate by its error bar.
//
// How a Monte Carlo exercise is checked. Two kinds of case:
//
// 1. Scripted cases. `MonteCarloCheckGenerator(script:)` returns chosen uniforms first, so
//    every draw, and hence the right answer, is known by hand: the estimate and standard
//    error of three darts, or whether one Metropolis proposal is accepted. These are exact
//    (standard tolerance) and come first, so a mistake is named on an input a student can
//    redo on paper. Each stub's doc comment states the order of the draws they rely on.
//    A uniform the student draws is scripted with `.near(u)`, which `nextUniform()` and
//    `Double.random(in:using:)` read as the same number (about u), so either way passes.
// 2. Seeded statistical cases. On a problem whose answer and spread are known exactly (the
//    truth μ and the standard deviation σ of one sample), a correct estimator lands within
//    5·σ/√N of μ: for a nearly normal mean that fails with probability 5.7e-7 per case,
//    whatever the seed and however the implementation consumes its draws. The bound uses the
//    exact σ, not the standard error the implementation reports, so a wrong error bar cannot
//    widen it. The reported standard error is checked against the exact σ/√N too.
//
// Fingerprints. A scripted case's are its numbers, with the estimate and the standard error
// in separate cases, so a mistake in one is recognised whatever the student's other number
// is. A seeded case's are which bound fails and on which side, plus the estimate and the
// standard error themselves: a student who draws in the documented order on the case's
// seed reproduces a mistake's numbers exactly; one who draws otherwise is not named (the
// message then shows the case, the bound and the numbers, which is always true).

import Foundation
import MonteCarlo
import NumericsCore

/// `(N, rng) → estimate of π`: 3.5.1.
public typealias PiEstimator =
  @Sendable (Int, inout MonteCarloCheckGenerator) throws -> MonteCarloEstimate

/// `(f, [a, b], N, rng) → (∫ₐᵇ f estimate, its standard error)`: 3.5.2.
public typealias IntegralEstimator =
  @Sendable ((Double) -> Double, ClosedRange<Double>, Int, inout MonteCarloCheckGenerator)
  throws -> (estimate: Double, standardError: Double)

/// `(f, p, q, draw from q, N, rng) → estimate of E_p[f]`: 3.5.3.
public typealias ImportanceSampler =
  @Sendable (
    (Double) -> Double, (Double) -> Double, (Double) -> Double,
    (inout MonteCarloCheckGenerator) -> Double, Int, inout MonteCarloCheckGenerator
  ) throws -> MonteCarloEstimate

/// `(x, log p̃, proposal width, rng) → (next state, accepted?)`: 3.5.4.
public typealias MetropolisStepper =
  @Sendable ([Double], ([Double]) -> Double, Double, inout MonteCarloCheckGenerator)
  throws -> (next: [Double], accepted: Bool)

extension ExerciseChapter {
  /// Chapter 3.5.
  static let monteCarlo = ExerciseChapter(
    id: "3.5", title: "Monte Carlo (蒙特卡洛法)", directory: "Exercises/3.5-monte-carlo")
}

/// The generator the 3.5 checks hand to an implementation: first a script of chosen
/// uniforms, then a seeded xoshiro256** stream.
///
/// After the script the stream takes over, so an implementation that draws more than the
/// script (a loop that retries) sees fresh numbers instead of the script again.
public struct MonteCarloCheckGenerator: RandomNumberGenerator, Sendable {
  /// One scripted draw: the 64 bits `next()` returns and the uniform they stand for.
  public struct Uniform: Sendable {
    /// The bits returned by `next()`.
    let word: UInt64
    /// The uniform in [0, 1) that `nextUniform()` makes of them.
    public let value: Double

    /// Exactly `u`, as `nextUniform()` reads it (and so `nextNormal()`, two at a time):
    /// the bits `u · 2⁶⁴`. For draws the check itself makes, or that must go through
    /// `nextNormal()`; `Double.random(in:using:)` reads other bits of the same word.
    /// - Precondition: `u` is in [0, 1) and a multiple of 2⁻⁵³.
    public static func exact(_ u: Double) -> Uniform {
      let scaled = u * 0x1.0p53
      precondition(
        (0..<0x1.0p53).contains(scaled) && scaled == scaled.rounded(),
        "MonteCarloCheckGenerator: \(u) is not a multiple of 2⁻⁵³ in [0, 1)")
      return Uniform(word: UInt64(scaled) << 11, value: u)
    }

    /// The uniform nearest `u` among those every usual reader sees alike.
    ///
    /// `nextUniform()` reads the top 53 bits of a word, `Double.random(in: 0..<1, using:)`
    /// the bottom 53, and `Double.random(in: 0...1, using:)` (about) the top ones. A word
    /// whose 53-bit halves are equal serves them all: with k = a · 2⁴² + b, the word
    /// (k ≪ 11) | r has bottom bits b · 2¹¹ + r, which equals k when
    /// b = (a · 2⁴² − r)/2047 and r = a · 2⁴² mod 2047. Its value k/2⁵³ is a/2047 to within
    /// 1e-19, so a student's solution passes whichever of them it draws with.
    /// - Precondition: `u` rounds to a/2047 with 1 ≤ a ≤ 2046.
    public static func near(_ u: Double) -> Uniform {
      let a = UInt64((u * 2047).rounded())
      precondition((1...2046).contains(a), "MonteCarloCheckGenerator: \(u) is too near 0 or 1")
      let high = a << 42
      let r = high % 2047
      let k = high + (high - r) / 2047
      return Uniform(word: (k << 11) | r, value: Double(k) * 0x1.0p-53)
    }
  }

  private let script: [UInt64]
  private var position = 0
  private var stream: Xoshiro256StarStar

  /// A generator with no script: the xoshiro256** stream of `seed`.
  public init(seed: UInt64) {
    script = []
    stream = Xoshiro256StarStar(seed: seed)
  }

  /// A generator that returns the scripted draws first, then the stream of `seed`.
  public init(script: [Uniform], thenSeed seed: UInt64 = 35) {
    self.script = script.map(\.word)
    stream = Xoshiro256StarStar(seed: seed)
  }

  /// How many 64-bit words the implementation has drawn so far: a recording generator, so
  /// a check can hold an implementation to the draws its doc comment fixes
  /// (`nextUniform()` takes one word, `nextNormal()` two).
  public private(set) var draws = 0

  /// The next 64 bits: the next scripted word while there is one, then the stream.
  public mutating func next() -> UInt64 {
    draws += 1
    guard position < script.count else { return stream.next() }
    position += 1
    return script[position - 1]
  }
}

/// Helpers shared by the 3.5 check files.
enum MonteCarloChecks {
  /// `Φ̄(t) = P(Z > t)` for a standard normal Z, from the complementary error function.
  static func normalTail(_ t: Double) -> Double { 0.5 * erfc(t / 2.0.squareRoot()) }

  /// The Box–Muller normal that `nextNormal()` makes of the uniforms u₁, u₂:
  /// `√(−2 ln(1 − u₁)) · cos(2π u₂)`, written out so scripted answers can be computed.
  static func boxMuller(_ u1: Double, _ u2: Double) -> Double {
    (-2 * log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A list of numbers, printed for a case's input.
  static func describe(_ values: [Double]) -> String {
    "[" + values.map(formatted).joined(separator: ", ") + "]"
  }

  /// What a problem with a known answer tells about an estimator of it.
  struct KnownProblem: Sendable {
    /// The exact value being estimated.
    let truth: Double
    /// The exact standard deviation σ of one sample (so the exact SE is σ/√N).
    let sigma: Double
    /// The exact kurtosis κ = E[(X − μ)⁴]/σ⁴ of one sample, which sets the spread of the
    /// sample variance and hence of a reported standard error.
    let kurtosis: Double
  }

  /// A seeded statistical case: runs the estimator on `samples` draws and checks
  ///
  /// ```
  /// |estimate − μ| ≤ 5 · σ/√N                    (P(false failure) ≈ 5.7e-7, normal approximation)
  /// |SE / (σ/√N) − 1| ≤ 8 · ½ √((κ − 1)/N)
  /// ```
  /// The second bound: the sample variance s² has relative standard deviation
  /// √((κ − 1)/N) (Var s² ≈ (μ₄ − σ⁴)/N), so SE = s/√N has about half that; 8 of those
  /// standard deviations (false failure ≈ 1e-15) are a few per cent, while forgetting or
  /// misplacing the √N is off by a factor √N. Over the 11 seeded cases of 3.5.1–3.5.3 a
  /// correct solution, however it draws, fails one with probability below 1e-5.
  /// - Parameter result: runs the implementation; returns its count (nil when the
  ///   result type has none), estimate and standard error.
  static func statisticalCase<Implementation>(
    _ name: String, input: String, problem: KnownProblem, samples: Int,
    result:
      @escaping @Sendable (Implementation) throws -> (
        count: Int?, estimate: Double, standardError: Double
      )
  ) -> CheckCase<Implementation> {
    CheckCase(name, input: input) { implementation in
      let got = try result(implementation)
      let n = Double(samples)
      let exactSE = problem.sigma / n.squareRoot()
      let estimateBound = 5 * exactSE
      let relativeSEBound = 8 * 0.5 * ((problem.kurtosis - 1) / n).squareRoot()
      var found: String?
      if let count = got.count, count != samples {
        found = "count: got \(count), expected \(samples) (one sample per draw)"
      } else if !(abs(got.estimate - problem.truth) <= estimateBound) {
        found =
          "estimate: got \(formatted(got.estimate)), expected \(formatted(problem.truth)) "
          + "within ±\(formatted(estimateBound)) (5 exact standard errors σ/√N, σ = "
          + "\(formatted(problem.sigma)), N = \(samples); a correct estimator lands outside "
          + "with probability about 6e-7)"
      } else if !(abs(got.standardError / exactSE - 1) <= relativeSEBound) {
        found =
          "standard error: got \(formatted(got.standardError)), expected σ/√N = "
          + "\(formatted(exactSE)) within ±\(formatted(100 * relativeSEBound))% "
          + "(σ = \(formatted(problem.sigma)), N = \(samples))"
      }
      // Which bound fails and on which side, and the numbers themselves: a mistake drawn
      // in the documented order on this seed gives exactly these numbers, so a student is
      // named only when their estimate and error bar are the mistake's, not merely on the
      // same side of a bound.
      return Observation(
        fingerprint: [
          got.count.map { $0 == samples ? 0 : 1 } ?? 0,
          side(got.estimate - problem.truth, bound: estimateBound),
          side(got.standardError / exactSE - 1, bound: relativeSEBound),
          got.estimate, got.standardError,
        ], problem: found)
    }
  }

  /// A case that holds an implementation to the number of words its doc comment fixes:
  /// `run` calls it on the stream of `seed`, and `rng.draws` must be `expected`.
  static func drawsCase<Implementation>(
    _ name: String, input: String, seed: UInt64, expected: Int, rule: String,
    run: @escaping @Sendable (Implementation, inout MonteCarloCheckGenerator) throws -> Void
  ) -> CheckCase<Implementation> {
    CheckCase(name, input: input + ", MonteCarloCheckGenerator(seed: \(seed))") {
      implementation in
      var rng = MonteCarloCheckGenerator(seed: seed)
      try run(implementation, &rng)
      return Observation(
        fingerprint: [Double(rng.draws)],
        problem: rng.draws == expected
          ? nil : "drew \(rng.draws) numbers, expected \(expected): " + rule)
    }
  }

  /// 0 when `|deviation| ≤ bound`, otherwise the sign of the deviation (NaN counts as 2).
  static func side(_ deviation: Double, bound: Double) -> Double {
    if deviation.isNaN { return 2 }
    return abs(deviation) <= bound ? 0 : deviation < 0 ? -1 : 1
  }

  /// Two cases on one scripted input whose estimate and standard error are known by hand:
  /// the count and estimate, then the standard error. Apart, a mistake in one is recognised
  /// whatever the student's other number does.
  static func exactCases<Implementation>(
    _ name: String, input: String, count: Int?, estimate: Double, standardError: Double,
    result:
      @escaping @Sendable (Implementation) throws -> (
        count: Int?, estimate: Double, standardError: Double
      )
  ) -> [CheckCase<Implementation>] {
    let estimateCase = CheckCase<Implementation>(name + " [estimate]", input: input) {
      implementation in
      let got = try result(implementation)
      var found: String?
      if let count, let gotCount = got.count, gotCount != count {
        found = "count: got \(gotCount), expected \(count) (one sample per draw)"
      }
      found =
        found
        ?? compare("estimate", got: got.estimate, expected: estimate, tolerance: .standard)
      return Observation(fingerprint: [Double(got.count ?? 0), got.estimate], problem: found)
    }
    let errorCase = CheckCase<Implementation>(name + " [error bar]", input: input) {
      implementation in
      let got = try result(implementation).standardError
      return Observation(
        fingerprint: [got],
        problem: compare(
          "standard error", got: got, expected: standardError, tolerance: .standard))
    }
    return [estimateCase, errorCase]
  }
}

extension MonteCarloEstimate {
  /// The triple the 3.5 cases judge: count, mean, standard error.
  var judged: (count: Int?, estimate: Double, standardError: Double) {
    (count, mean, standardError)
  }
}
