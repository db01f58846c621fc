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

  @Option(parsing: .unconditional, help: "The target mean μ, two values, e.g. \"0,2\".")
  var mean: String

  @Option(
    parsing: .unconditional,
    help: "The target covariance Σ, symmetric positive definite, as \"a,b;b,d\".")
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
    do {
      return try Gaussian2D(mean: mean, covariance: rows)
    } catch {
      throw ValidationError(error.description)
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
