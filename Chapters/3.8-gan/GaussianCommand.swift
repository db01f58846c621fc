import ArgumentParser
import ChapterKit
import Foundation
import NumericsCore

/// `gan gaussian --mean M --covariance C [--steps N] [--json]`: a GAN with a known answer.
struct GaussianCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gaussian",
    abstract: "Train a GAN on a 2-D Gaussian and print the true against the learned moments.",
    discussion: """
      The learned mean and covariance are estimated from 100,000 generator samples.
      Negative values work as typed:

        gan gaussian --mean "0,2" --covariance "2,0.3;0.3,0.5"
        gan gaussian --mean -2,3 --covariance "1,-0.4;-0.4,0.8" --json
      """)

  /// The largest `--steps`: about 20 s of release-build training.
  static let maximumSteps = 100_000

  @Option(
    parsing: .unconditional,
    help: "The target mean μ, two values, e.g. \"0,2\"; each |μᵢ| at most 10⁶·√Σᵢᵢ.")
  var mean: String

  @Option(
    parsing: .unconditional,
    help: """
      The target covariance Σ, symmetric positive definite, as "a,b;b,d"; variances a, d in \
      1e-300…1e300.
      """)
  var covariance: String

  @Option(
    parsing: .unconditional,
    help: "Alternating training steps (default 4000, at most \(GaussianCommand.maximumSteps)).")
  var steps: Int = GaussianRecipe().steps

  @Option(parsing: .unconditional, help: "Seed of every random draw.")
  var seed: UInt64 = 42

  @Flag(help: "Print one JSON object instead of the readable report.")
  var json = false

  /// The parsed target.
  func target() throws -> Gaussian2D {
    let mean = try parseList(mean, option: "mean")
    let rows = try parseCovarianceRows(covariance)
    let gaussian: Gaussian2D
    do {
      gaussian = try Gaussian2D(mean: mean, covariance: rows)
    } catch {
      throw ValidationError(error.description)
    }
    try Self.checkScale(gaussian)
    return gaussian
  }

  /// The largest variance and the smallest: beyond them the 100,000 squared deviations of
  /// the moment estimates overflow, or underflow into subnormals.
  static let varianceRange = 1e-300...1e300
  /// The largest |μᵢ| in standard deviations: beyond about 10⁶ σ, `μ + σ·ε` rounds the
  /// noise away in float64 (ulp(10²⁰) ≈ 16,000) and the sample covariance is singular.
  static let maximumMeanInDeviations = 1e6

  /// Refuses a target whose samples float64 cannot hold (issue 19: `--mean 1e20,0` and
  /// `--covariance "1e305,0;0,1e305"` trapped in `Standardization`).
  static func checkScale(_ gaussian: Gaussian2D) throws {
    for i in 0..<2 {
      let variance = gaussian.covariance[i][i]
      guard varianceRange.contains(variance) else {
        throw ValidationError(
          "--covariance: the variance \(formatNumber(variance)) (entry (\(i + 1),\(i + 1))) must "
            + "lie in 1e-300…1e300")
      }
      let limit = maximumMeanInDeviations * variance.squareRoot()
      guard abs(gaussian.mean[i]) <= limit else {
        throw ValidationError(
          "--mean: \(formatNumber(gaussian.mean[i])) is more than 10⁶ standard deviations "
            + "(\(formatNumber(variance.squareRoot()))) from 0; float64 samples would lose the "
            + "spread (at most \(formatNumber(limit)))")
      }
    }
  }

  func validate() throws {
    guard (1...Self.maximumSteps).contains(steps) else {
      throw ValidationError("--steps must be between 1 and \(Self.maximumSteps), got \(steps)")
    }
    _ = try target()
  }

  func run() throws {
    useOneBLASThread()
    let target = try target()
    var recipe = GaussianRecipe()
    recipe.steps = steps
    var rng = Xoshiro256StarStar(seed: seed)
    let fit = try fitGaussian(target, recipe: recipe, using: &rng)
    if json {
      let object: JSONValue = [
        "target_mean": .numbers(target.mean),
        "target_covariance": .array(target.covariance.map { .numbers($0) }),
        "learned_mean": .numbers(fit.learnedMean),
        "learned_covariance": .array(fit.learnedCovariance.map { .numbers($0) }),
      ]
      print(object.serialized())
      return
    }
    print(gaussianReport(fit, steps: steps))
  }
}

/// `"a,b;c,d"` (or four comma-separated values) → 2 rows of 2.
func parseCovarianceRows(_ text: String) throws -> [[Double]] {
  let rows = try parseRows(text, option: "covariance")
  if rows.count == 1 && rows[0].count == 4 {
    return [Array(rows[0][0..<2]), Array(rows[0][2..<4])]
  }
  guard rows.count == 2, rows.allSatisfy({ $0.count == 2 }) else {
    throw ValidationError(
      GaussianInputError.covarianceCount(rows.map(\.count).reduce(0, +)).description)
  }
  return rows
}

/// The table of truth against learned, with the errors measured against the goal.
func gaussianReport(_ fit: GaussianFit, steps: Int) -> String {
  func cells(_ values: [Double]) -> String {
    values.map { formatNumber($0, digits: 4) }.joined(separator: ", ")
  }
  let rows = [
    ["mean", cells(fit.target.mean), cells(fit.learnedMean)],
    ["covariance row 1", cells(fit.target.covariance[0]), cells(fit.learnedCovariance[0])],
    ["covariance row 2", cells(fit.target.covariance[1]), cells(fit.learnedCovariance[1])],
  ]
  return formatTable(header: ["", "target", "learned (100,000 samples)"], rows: rows)
    + "\nafter \(steps) steps: mean error \(formatNumber(fit.meanError, digits: 3)) (goal ≤ 0.1), "
    + "covariance error \(formatNumber(100 * fit.covarianceError, digits: 3))% of the largest "
    + "entry (goal ≤ 10%); D(x) on real \(formatNumber(fit.finalRealOutput, digits: 3)), "
    + "on fake \(formatNumber(fit.finalFakeOutput, digits: 3)) (½ at the ideal point)"
}
