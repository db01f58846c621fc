import ChapterKit
import Foundation
import MonteCarlo
import NumericsCore
import Plot

// Experiment 4: variance reduction. At the same number of function evaluations, a better
// estimator of the same integral has a smaller variance; the ratio of variances is the
// factor by which plain sampling would need more evaluations to match it.
//
// Two integrands on [0, 1]:
//   peak(x) = exp(−(x − 0.3)² / (2 · 0.02²))  — a narrow bump: 88% of uniform
//                                               samples land where it is < 1% of its height
//   eˣ                                         — smooth and monotone
// Importance sampling draws from a density shaped like the integrand. Antithetic variates
// pair each U with 1 − U: a large gain when f is monotone (f(U) and f(1 − U) move in
// opposite directions), none for the off-centre peak (the pair rarely both matter).

/// The width of the peak and where it sits.
private let peakCenter = 0.3
private let peakWidth = 0.02
/// The importance-sampling proposal for the peak: a normal a little wider than the peak.
private let peakProposalSD = 0.03

private func peak(_ x: Double) -> Double {
  let z = (x - peakCenter) / peakWidth
  return exp(-0.5 * z * z)
}

/// ∫₀¹ peak = w √(2π) · [Φ((1 − c)/w) − Φ(−c/w)], with Φ(z) = ½ (1 + erf(z/√2)).
private let peakIntegral =
  peakWidth * (2 * Double.pi).squareRoot() * 0.5
  * (erf((1 - peakCenter) / peakWidth / 2.0.squareRoot())
    + erf(peakCenter / peakWidth / 2.0.squareRoot()))

private func normalDensity(_ x: Double, mean: Double, sd: Double) -> Double {
  let z = (x - mean) / sd
  return exp(-0.5 * z * z) / (sd * (2 * Double.pi).squareRoot())
}

/// One integrand with the three estimators of its integral, each using `evaluations`
/// function evaluations.
private struct Problem {
  var name: String
  var shortName: String
  var key: String
  var truth: Double
  /// The integrand and the importance proposal's density on [0, 1], for the exact ratios.
  var f: (Double) -> Double
  var proposal: (Double) -> Double
  var plain: (Int, inout Xoshiro256StarStar) -> Double
  var importance: (Int, inout Xoshiro256StarStar) -> Double
  var antithetic: (Int, inout Xoshiro256StarStar) -> Double
}

/// One bar of the variance-ratio plot.
private struct RatioBar {
  enum Method { case importance, antithetic }
  var label: String
  var method: Method
  var ratio: Double
}

/// The uniform density on [0, 1]: the target under which ∫₀¹ f = E[f(U)].
private func uniformOnUnit(_ x: Double) -> Double { (0...1).contains(x) ? 1 : 0 }

private func makeProblems() -> [Problem] {
  [
    Problem(
      name: "narrow peak at 0.3", shortName: "peak", key: "peak", truth: peakIntegral, f: peak,
      proposal: { normalDensity($0, mean: peakCenter, sd: peakProposalSD) },
      plain: { n, rng in integrate(peak, over: 0...1, samples: n, using: &rng).mean },
      importance: { n, rng in
        importanceSamplingEstimate(
          of: peak, targetDensity: uniformOnUnit,
          proposalDensity: { normalDensity($0, mean: peakCenter, sd: peakProposalSD) },
          sampleProposal: { $0.nextNormal(mean: peakCenter, standardDeviation: peakProposalSD) },
          samples: n, using: &rng
        ).mean
      },
      antithetic: { n, rng in antitheticIntegrate(peak, over: 0...1, pairs: n / 2, using: &rng).mean
      }
    ),
    Problem(
      name: "eˣ (monotone)", shortName: "eˣ", key: "exponential", truth: M_E - 1, f: exp,
      proposal: { 2.0 / 3.0 * (1 + $0) },
      plain: { n, rng in integrate(exp, over: 0...1, samples: n, using: &rng).mean },
      // q(x) = (2/3)(1 + x) on [0, 1], close to eˣ/(e − 1); drawn by inverting its CDF
      // (x + x²/2)·(2/3) = u  ⇒  x = −1 + √(1 + 3u).
      importance: { n, rng in
        importanceSamplingEstimate(
          of: exp, targetDensity: uniformOnUnit, proposalDensity: { 2.0 / 3.0 * (1 + $0) },
          sampleProposal: { -1 + (1 + 3 * $0.nextUniform()).squareRoot() }, samples: n,
          using: &rng
        ).mean
      },
      antithetic: { n, rng in antitheticIntegrate(exp, over: 0...1, pairs: n / 2, using: &rng).mean
      }
    ),
  ]
}

/// ∫₀¹ g by the midpoint rule on 20000 cells: plenty for these smooth integrands (the
/// peak is 400 cells wide at one standard deviation).
private func midpointIntegral(_ g: (Double) -> Double) -> Double {
  let cells = 20_000
  var sum = 0.0
  for i in 0..<cells { sum += g((Double(i) + 0.5) / Double(cells)) }
  return sum / Double(cells)
}

/// The exact variance ratios at equal cost, by quadrature (an independent check of the
/// measured ones):
/// ```
/// plain:       Var f(U)                    = ∫ f² − I²
/// importance:  Var f(X)/q(X), X ~ q         = ∫ f²/q − I²
/// antithetic:  ½ · Var[(f(U) + f(1 − U))/2] per evaluation = ½ (∫ ((f + f(1−·))/2)² − I²)
/// ```
private func exactRatios(_ problem: Problem) -> (importance: Double, antithetic: Double) {
  let f = problem.f
  let squared = problem.truth * problem.truth
  let plain = midpointIntegral { f($0) * f($0) } - squared
  let importance = midpointIntegral { f($0) * f($0) / problem.proposal($0) } - squared
  let pair =
    midpointIntegral { x in
      let mean = 0.5 * (f(x) + f(1 - x))
      return mean * mean
    } - squared
  return (plain / importance, plain / (2 * pair))
}

/// Runs experiment 4 and returns the `variance_ratios` entry of the summary.
func runVarianceReductionExperiment(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("4. Variance reduction at equal cost")
  var rng = run.makeGenerator(for: "variance-reduction")
  let n = sizes.reductionEvaluations
  let repeats = sizes.reductionRepeats
  run.say("\(repeats) independent estimates per method, \(n) function evaluations each.")

  var rows: [[String]] = []
  var json: [String: JSONValue] = [:]
  var peakEstimates: [[Double]] = []
  var ratiosForPlot: [RatioBar] = []
  for problem in makeProblems() {
    let methods = [problem.plain, problem.importance, problem.antithetic]
    let estimates = methods.map { method in (0..<repeats).map { _ in method(n, &rng) } }
    let variances = estimates.map { MonteCarloEstimate($0).variance }
    let means = estimates.map { MonteCarloEstimate($0).mean }
    let importanceRatio = variances[0] / variances[1]
    let antitheticRatio = variances[0] / variances[2]
    let exact = exactRatios(problem)
    let exactByIndex = [1, exact.importance, exact.antithetic]
    for (method, index) in [("plain", 0), ("importance", 1), ("antithetic", 2)] {
      rows.append([
        problem.name, method, formatNumber(means[index], digits: 5),
        formatNumber(variances[index].squareRoot(), digits: 3),
        formatNumber(variances[0] / variances[index], digits: 3),
        formatNumber(exactByIndex[index], digits: 3),
      ])
    }
    json[problem.key] = [
      "truth": .number(problem.truth), "importance": .number(importanceRatio),
      "antithetic": .number(antitheticRatio), "plain_sd": .number(variances[0].squareRoot()),
      "importance_exact": .number(exact.importance), "antithetic_exact": .number(exact.antithetic),
    ]
    if problem.key == "peak" { peakEstimates = estimates }
    ratiosForPlot += [
      RatioBar(label: "\(problem.shortName): IS", method: .importance, ratio: importanceRatio),
      RatioBar(label: "\(problem.shortName): anti", method: .antithetic, ratio: antitheticRatio),
    ]
    run.say("\(problem.name): true integral \(formatNumber(problem.truth, digits: 6))")
  }
  run.table(
    header: [
      "integrand", "method", "mean estimate", "sd of estimate", "variance ratio", "exact ratio",
    ],
    rows: rows)
  run.say("variance ratio = Var(plain) / Var(method) at the same number of evaluations.")

  try drawVarianceReduction(run: run, peakEstimates: peakEstimates, ratios: ratiosForPlot, n: n)
  json["evaluations"] = .number(Double(n))
  json["repeats"] = .number(Double(repeats))
  return .object(json)
}

private func drawVarianceReduction(
  run: ChapterRun, peakEstimates: [[Double]], ratios: [RatioBar], n: Int
) throws {
  let figure = Figure(
    width: 1800, height: 620, rows: 1, columns: 3,
    title: "Same cost, smaller variance: importance sampling and antithetic variates")
  let densities = figure[0, 0]
  densities.title = "The narrow peak and where each method samples"
  densities.xLabel = "x"
  densities.yLabel = "value / density"
  let x = (0...400).map { Double($0) / 400 }
  densities.line(x: x, y: x.map(peak), label: "integrand: peak(x)", color: .black)
  densities.line(
    x: x, y: x.map { _ in 1 }, label: "plain: uniform density", color: .blue, style: .dashed)
  densities.line(
    x: x, y: x.map { normalDensity($0, mean: peakCenter, sd: peakProposalSD) / 10 },
    label: "importance: N(0.3, 0.03²) density ÷ 10", color: .orange)
  // Head room above the curves for the legend.
  densities.yLimits = 0...2
  densities.legendPosition = .upperRight

  let histograms = figure[0, 1]
  histograms.title = "\(peakEstimates.first?.count ?? 0) estimates of ∫ peak, N = \(n) each"
  histograms.xLabel = "estimate of the integral"
  histograms.yLabel = "estimates per bin"
  let names = ["plain", "importance sampling", "antithetic"]
  let colors: [Color] = [.blue, .orange, .green]
  // Shared bins, so the bars' widths compare: the importance-sampling estimates pile into a
  // few bins where the others spread over all of them.
  let all = peakEstimates.flatMap { $0 }
  let lower = all.min() ?? 0
  let binWidth = ((all.max() ?? 1) - lower) / 40
  for (i, estimates) in peakEstimates.enumerated() {
    var counts = [Double](repeating: 0, count: 40)
    for value in estimates { counts[min(39, Int((value - lower) / binWidth))] += 1 }
    // A step outline: each bin is a flat segment from its left to its right edge.
    var stepX: [Double] = []
    var stepY: [Double] = []
    for (bin, count) in counts.enumerated() {
      stepX += [lower + Double(bin) * binWidth, lower + Double(bin + 1) * binWidth]
      stepY += [count, count]
    }
    // Only plain is filled: two translucent fills would blend into a third colour where
    // they overlap. Importance sampling is a solid outline (its tall narrow spike reads
    // without a fill); antithetic, nearly the same histogram as plain, a dashed one on top.
    let antithetic = i == 2
    if i == 0 {
      histograms.band(
        x: stepX, lower: stepX.map { _ in 0 }, upper: stepY, label: names[i], color: colors[i],
        alpha: 0.2, edgeWidth: 1.5)
    } else {
      histograms.line(
        x: stepX, y: stepY, label: names[i], color: colors[i],
        style: antithetic ? .dashed : .solid, width: antithetic ? 2.5 : 2)
    }
  }
  histograms.verticalLine(x: peakIntegral, label: "true value", color: .black, style: .solid)
  histograms.legendPosition = .upperRight

  let bars = figure[0, 2]
  bars.title = "Variance ratio Var(plain) / Var(method)"
  bars.xLabel = "integrand: method (anti = antithetic)"
  bars.yLabel = "variance ratio"
  let labels = ratios.map(\.label)
  let largest = ratios.map(\.ratio).max() ?? 10
  bars.yLimits = 0...(largest * 1.3)
  // Two bar series over the same categories (NaN = no bar), so each method has its colour.
  bars.bars(
    labels: labels, heights: ratios.map { $0.method == .importance ? $0.ratio : .nan },
    label: "importance sampling", color: .orange)
  bars.bars(
    labels: labels, heights: ratios.map { $0.method == .antithetic ? $0.ratio : .nan },
    label: "antithetic variates", color: .green)
  for (i, entry) in ratios.enumerated() {
    bars.text(
      "\(formatNumber(entry.ratio, digits: 2))×",
      at: (Double(i) - 0.2, entry.ratio + 0.04 * largest))
  }
  bars.horizontalLine(y: 1, label: "no gain (ratio 1)", color: .black)
  bars.legendPosition = .upperRight
  try run.save(
    figure, name: "variance-reduction",
    caption: "Left: a narrow peak that uniform samples mostly miss, and the importance "
      + "proposal placed on it. Middle: the spread of repeated estimates per method. Right: "
      + "variance ratios at equal cost for the peak and for the monotone eˣ.")
}
