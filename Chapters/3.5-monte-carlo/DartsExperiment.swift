import ChapterKit
import Foundation
import MonteCarlo
import NumericsCore
import Plot

// Experiment 1: π from darts. The darts are uniform on the unit square; the fraction
// inside the quarter circle estimates its area π/4. The estimate is a sample mean, so it
// comes with a standard error and a 95% interval, which narrows like 1/√N.

/// Runs experiment 1 and returns the `pi` entry of the summary.
func runDartsExperiment(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("1. π from darts")
  var rng = run.makeGenerator(for: "darts")
  // A copy replays the same stream: the darts in the scatter are the run's first darts.
  var replay = rng

  // The running estimate at log-spaced checkpoints, by merging chunks counted with the
  // fast `estimatePi`.
  let checkpoints = logSpacedIntegers(from: 10, to: sizes.darts, perDecade: 12)
  var running = MonteCarloEstimate()
  var trajectory: [(n: Double, mean: Double, lower: Double, upper: Double)] = []
  for checkpoint in checkpoints {
    running.merge(estimatePi(samples: checkpoint - running.count, using: &rng))
    let interval = running.confidenceInterval95
    trajectory.append((Double(checkpoint), running.mean, interval.lowerBound, interval.upperBound))
  }
  let final = running
  let interval = final.confidenceInterval95

  let tableSizes = checkpoints.filter { [10, 100, 1000, 10_000, 100_000, 1_000_000].contains($0) }
  let rows = tableSizes.compactMap { n in trajectory.first { Int($0.n) == n } }.map { point in
    [
      String(Int(point.n)), formatNumber(point.mean, digits: 6),
      formatNumber((point.upper - point.lower) / (2 * MonteCarloEstimate.z95), digits: 3),
      "[\(formatNumber(point.lower, digits: 6)), \(formatNumber(point.upper, digits: 6))]",
      formatNumber(abs(point.mean - Double.pi), digits: 3),
    ]
  }
  run.table(header: ["darts N", "estimate", "std error", "95% interval", "|error|"], rows: rows)
  run.say(
    "π ≈ \(formatNumber(final.mean, digits: 6)) ± \(formatNumber(final.standardError, digits: 3))"
      + " (N = \(final.count)); true π = 3.141593, "
      + (interval.contains(Double.pi) ? "inside" : "outside") + " the 95% interval.")

  try drawDarts(run: run, replay: &replay, shown: sizes.dartsShown, trajectory: trajectory)

  return [
    "estimate": .number(final.mean), "standard_error": .number(final.standardError),
    "ci95": .numbers([interval.lowerBound, interval.upperBound]),
    "samples": .number(Double(final.count)),
  ]
}

private func drawDarts(
  run: ChapterRun, replay: inout Xoshiro256StarStar, shown: Int,
  trajectory: [(n: Double, mean: Double, lower: Double, upper: Double)]
) throws {
  var inside: (x: [Double], y: [Double]) = ([], [])
  var outside: (x: [Double], y: [Double]) = ([], [])
  for _ in 0..<shown {
    let x = replay.nextUniform()
    let y = replay.nextUniform()
    if x * x + y * y < 1 {
      inside.x.append(x)
      inside.y.append(y)
    } else {
      outside.x.append(x)
      outside.y.append(y)
    }
  }
  let figure = Figure(
    width: 1400, height: 640, rows: 1, columns: 2, title: "Estimating π by throwing darts")
  let darts = figure[0, 0]
  darts.title =
    "The first \(shown) darts: \(inside.x.count) inside ⇒ π ≈ "
    + formatNumber(4 * Double(inside.x.count) / Double(shown), digits: 4)
  darts.xLabel = "x"
  darts.yLabel = "y"
  darts.equalAspect = true
  darts.xLimits = 0...1
  darts.yLimits = 0...1
  darts.scatter(x: inside.x, y: inside.y, label: "inside x² + y² < 1", color: .blue, size: 4)
  darts.scatter(x: outside.x, y: outside.y, label: "outside", color: .orange, size: 4)
  let angles = (0...200).map { Double($0) / 200 * Double.pi / 2 }
  darts.line(x: angles.map(cos), y: angles.map(sin), color: .black, width: 2)
  darts.legendPosition = .outsideRight

  let estimate = figure[0, 1]
  estimate.title = "Running estimate with its 95% interval"
  estimate.xLabel = "darts N (log scale)"
  estimate.yLabel = "estimate of π"
  estimate.xScale = .log
  let n = trajectory.map(\.n)
  estimate.band(
    x: n, lower: trajectory.map(\.lower), upper: trajectory.map(\.upper),
    label: "95% interval: estimate ± 1.96·SE", color: .blue)
  estimate.line(x: n, y: trajectory.map(\.mean), label: "estimate 4·hits/N", color: .blue)
  estimate.horizontalLine(y: Double.pi, label: "true π", color: .black)
  estimate.yLimits = 2.4...3.9
  estimate.legendPosition = .upperRight
  try run.save(
    figure, name: "pi-darts",
    caption: "Left: uniform darts on the unit square; the fraction inside the quarter circle "
      + "estimates π/4. Right: the running estimate and its 95% interval, which narrows "
      + "like 1/√N and keeps π inside.")
}
