import ChapterKit
import Foundation
import MonteCarlo
import NumericsCore
import Plot

// Experiment 3: what a 95% confidence interval promises. Not that π is in this interval
// with probability 0.95 (π is not random), but that the procedure "estimate ± 1.96·SE"
// catches the truth in 95% of repeated runs. We repeat the π estimate many times and
// count. The promise rests on the central limit theorem, so it is only approximate for
// small N: the count at N = 5 … 100 shows how it fails there.

/// What experiment 3 measured.
struct CoverageResult {
  var coverage: Double
  var json: JSONValue
}

/// Runs experiment 3.
func runCoverageExperiment(run: ChapterRun, sizes: ExperimentSizes) throws -> CoverageResult {
  run.section("3. Honest error bars: how often does the 95% interval contain π?")
  var rng = run.makeGenerator(for: "coverage")
  let repeats = sizes.coverageRepeats

  var intervals: [ClosedRange<Double>] = []
  intervals.reserveCapacity(repeats)
  for _ in 0..<repeats {
    intervals.append(estimatePi(samples: sizes.coverageSamples, using: &rng).confidenceInterval95)
  }
  let hits = intervals.filter { $0.contains(Double.pi) }.count
  let coverage = Double(hits) / Double(repeats)
  // The count of hits is Binomial(R, 0.95) if the promise holds: ±1.96 sd around 0.95.
  let binomialHalfWidth = MonteCarloEstimate.z95 * (0.95 * 0.05 / Double(repeats)).squareRoot()

  var coverageBySize: [Double] = []
  for size in sizes.coverageSampleSizes {
    if size == sizes.coverageSamples {
      coverageBySize.append(coverage)
      continue
    }
    var covered = 0
    for _ in 0..<repeats {
      // With very few darts every dart can land inside (SE = 0): the interval is a point.
      let estimate = estimatePi(samples: size, using: &rng)
      if abs(estimate.mean - Double.pi) <= MonteCarloEstimate.z95 * estimate.standardError {
        covered += 1
      }
    }
    coverageBySize.append(Double(covered) / Double(repeats))
  }

  run.say(
    "\(hits) of \(repeats) intervals (N = \(sizes.coverageSamples) darts each) contain π: "
      + "coverage \(formatNumber(coverage, digits: 3)) (a fair 95% procedure gives "
      + "0.95 ± \(formatNumber(binomialHalfWidth, digits: 2)) with this many repeats)")
  run.table(
    header: ["darts per estimate", "coverage"],
    rows: zip(sizes.coverageSampleSizes, coverageBySize).map {
      [String($0), formatNumber($1, digits: 3)]
    })

  try drawCoverage(
    run: run, intervals: intervals, sizes: sizes, coverageBySize: coverageBySize,
    binomialHalfWidth: binomialHalfWidth, coverage: coverage)

  return CoverageResult(
    coverage: coverage,
    json: [
      "repeats": .number(Double(repeats)), "samples": .number(Double(sizes.coverageSamples)),
      "binomial_half_width_95": .number(binomialHalfWidth),
      "by_samples": .object(
        Dictionary(
          uniqueKeysWithValues: zip(sizes.coverageSampleSizes, coverageBySize).map {
            (String($0), JSONValue.number($1))
          })),
    ])
}

private func drawCoverage(
  run: ChapterRun, intervals: [ClosedRange<Double>], sizes: ExperimentSizes,
  coverageBySize: [Double], binomialHalfWidth: Double, coverage: Double
) throws {
  let figure = Figure(
    width: 1400, height: 640, rows: 1, columns: 2,
    title: "A 95% interval is a procedure that catches the truth 95% of the time")
  let shown = intervals.prefix(100)
  let missed = shown.filter { !$0.contains(Double.pi) }.count
  let left = figure[0, 0]
  left.title =
    "\(shown.count) of the \(intervals.count) intervals (N = \(sizes.coverageSamples)):"
    + " \(missed) miss π"
  left.xLabel = "repeat"
  left.yLabel = "95% interval for π"
  var labelledHit = false
  var labelledMiss = false
  for (i, interval) in shown.enumerated() {
    let hit = interval.contains(Double.pi)
    var label: String?
    if hit && !labelledHit {
      label = "contains π"
      labelledHit = true
    } else if !hit && !labelledMiss {
      label = "misses π"
      labelledMiss = true
    }
    left.line(
      x: [Double(i), Double(i)], y: [interval.lowerBound, interval.upperBound], label: label,
      color: hit ? .blue : .red, width: hit ? 2 : 3)
  }
  left.horizontalLine(y: Double.pi, label: "true π", color: .black, style: .solid)
  // Room above the intervals for the legend, so it hides none of them.
  left.yLimits = (Double.pi - 0.3)...(Double.pi + 0.45)
  left.legendPosition = .upperRight

  let right = figure[0, 1]
  right.title = "Coverage against darts per estimate (\(intervals.count) repeats each)"
  right.xLabel = "darts per estimate N (log scale)"
  right.yLabel = "fraction of intervals containing π"
  right.xScale = .log
  let n = sizes.coverageSampleSizes.map(Double.init)
  right.band(
    x: n, lower: n.map { _ in 0.95 - binomialHalfWidth },
    upper: n.map { _ in 0.95 + binomialHalfWidth }, label: "0.95 ± binomial noise",
    color: .green)
  right.horizontalLine(y: 0.95, label: "promised 0.95", color: .black)
  right.line(x: n, y: coverageBySize, label: "measured coverage", color: .blue, marker: .circle)
  right.yLimits = 0.5...1
  right.legendPosition = .lowerRight
  try run.save(
    figure, name: "coverage",
    caption: "Left: 100 of \(intervals.count) independent 95% intervals for π; vermilion ones "
      + "miss. Overall coverage \(formatNumber(coverage, digits: 3)). Right: the normal-approximation "
      + "interval keeps its promise once N is large, not for a handful of darts.")
}
