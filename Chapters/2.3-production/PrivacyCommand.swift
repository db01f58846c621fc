import ArgumentParser
import ChapterKit
import Foundation
import Production

/// `production privacy`: ε of DP-SGD with Poisson sampling, by the RDP accountant.
struct PrivacyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "privacy",
    abstract: "The (ε, δ) privacy of DP-SGD: T steps of the Poisson-subsampled Gaussian mechanism.",
    discussion: """
      Each step samples every example with probability q, clips each example's gradient to
      norm C and adds Gaussian noise of standard deviation σ·C to their sum. The accountant
      computes the Rényi DP of one step (Mironov, Talwar & Zhang 2019) at the orders
      α = 1 + x/10 for x = 1…99 and α = 12…63, composes it over T steps (T·RDP(α)) and
      converts to (ε, δ) by

        ε = min over α of [ T·RDP(α) + log((α−1)/α) − (log δ + log α)/(α−1) ]

      (Balle et al. 2020; the conversion Opacus and Google's dp-accounting use). Fractional
      orders whose series does not converge within 1,000 terms are left out, as in
      dp-accounting. Output: ε and the order α that attains the minimum; with --json,
      {"epsilon": …, "order": …} with numbers that round-trip exactly.

        production privacy --noise-multiplier 1.1 --sample-rate 0.004267 --steps 14040 --delta 1e-5
      """)

  @Option(
    name: .customLong("noise-multiplier"), parsing: .unconditional,
    help: "σ > 0 (at most 10⁶): noise standard deviation / clipping norm.")
  var noiseMultiplier: Double

  @Option(
    name: .customLong("sample-rate"), parsing: .unconditional,
    help: "q in (0, 1]: the probability that an example joins a batch.")
  var sampleRate: Double

  @Option(parsing: .unconditional, help: "T: the number of steps, 1 … 10⁹.")
  var steps: Int

  @Option(parsing: .unconditional, help: "δ in (0, 1): the failure probability of (ε, δ)-DP.")
  var delta: Double

  @Flag(help: "Print {\"epsilon\": …, \"order\": …} as JSON.")
  var json = false

  func validate() throws {
    guard noiseMultiplier > 0, noiseMultiplier <= 1e6 else {
      throw ValidationError("--noise-multiplier \(noiseMultiplier) must lie in (0, 10⁶]")
    }
    guard sampleRate > 0, sampleRate <= 1 else {
      throw ValidationError("--sample-rate \(sampleRate) must lie in (0, 1]")
    }
    guard steps >= 1, steps <= 1_000_000_000 else {
      throw ValidationError("--steps \(steps) must lie in 1 … 10⁹")
    }
    guard delta > 0, delta < 1 else { throw ValidationError("--delta \(delta) must lie in (0, 1)") }
  }

  func run() throws {
    let guarantee = dpSGDPrivacy(
      noiseMultiplier: noiseMultiplier, sampleRate: sampleRate, steps: steps, delta: delta)
    guard guarantee.epsilon.isFinite else {
      throw ValidationError(
        "ε is unbounded at every order for σ = \(noiseMultiplier), q = \(sampleRate), "
          + "T = \(steps): the noise is too small for this many steps")
    }
    if json {
      print(
        JSONValue.object([
          "epsilon": .number(guarantee.epsilon), "order": .number(guarantee.order),
        ]).serialized(pretty: false))
    } else {
      print(
        "(ε, δ) = (\(guarantee.epsilon), \(delta)) after \(steps) steps of σ = \(noiseMultiplier), "
          + "q = \(sampleRate); minimum at Rényi order α = \(guarantee.order)")
    }
  }
}
