import ChapterKit
import Foundation
import MonteCarlo
import NumericsCore
import Plot

// Experiment 5: Markov chain Monte Carlo on a banana-shaped density
//   x ~ N(0, 1),   y | x ~ N(x², 1)
//   log p̃(x, y) = −x²/2 − (y − x²)²/2        (normalising constant not needed)
// whose exact moments E[x] = 0, E[y] = E[x²] = 1 let us check the chain. The curved, narrow
// ridge is what makes it hard for a random walk: steps small enough to stay on the ridge
// are too small to travel along it quickly.

private let bananaSD = 1.0

/// The banana's unnormalised log density.
func bananaLogDensity(_ point: [Double]) -> Double {
  let x = point[0]
  let r = (point[1] - x * x) / bananaSD
  return -0.5 * x * x - 0.5 * r * r
}

/// The effective sample size, or 0 for a chain that never moved.
private func safeESS(_ trace: [Double]) -> Double {
  guard let first = trace.first, trace.contains(where: { $0 != first }) else { return 0 }
  return effectiveSampleSize(trace)
}

/// The chains run at one proposal width.
private struct ChainSummary {
  var width: Double
  /// The first chain: the one drawn in the figures and used for the moments.
  var chain: MarkovChain
  /// The first chain's effective sample sizes of x and y.
  var essX: Double
  var essY: Double
  /// Means over all the chains at this width: one chain's ESS is itself a noisy estimate.
  var meanAcceptance: Double
  var meanMinimumESS: Double
}

/// Runs experiment 5 and returns the `mcmc` entry of the summary.
func runMetropolisExperiment(
  run: ChapterRun, sizes: ExperimentSizes, featuredWidth: Double
)
  throws -> JSONValue
{
  run.section("5. Markov chain Monte Carlo: Metropolis on a banana-shaped density")
  var rng = run.makeGenerator(for: "metropolis")
  let widths = Array(Set(sizes.proposalWidths + [featuredWidth])).sorted()
  let summaries = widths.map { width -> ChainSummary in
    let chains = (0..<sizes.chainsPerWidth).map { _ in
      metropolisHastings(
        logDensity: bananaLogDensity, initial: [0, 0], proposalWidth: width,
        steps: sizes.chainSteps, burnIn: sizes.chainBurnIn, using: &rng)
    }
    let ess = chains.map { (safeESS($0.trace(0)), safeESS($0.trace(1))) }
    let count = Double(chains.count)
    return ChainSummary(
      width: width, chain: chains[0], essX: ess[0].0, essY: ess[0].1,
      meanAcceptance: chains.map(\.acceptanceRate).reduce(0, +) / count,
      meanMinimumESS: ess.map { min($0.0, $0.1) }.reduce(0, +) / count)
  }
  run.say(
    "\(sizes.chainsPerWidth) chains per width, \(sizes.chainSteps) steps each after "
      + "\(sizes.chainBurnIn) burn-in, from (0, 0); acceptance and ESS are means over the chains.")
  run.table(
    header: ["proposal width", "acceptance", "ESS (worse of x, y)", "ESS per 1000 steps"],
    rows: summaries.map { s in
      [
        formatNumber(s.width, digits: 3), formatNumber(s.meanAcceptance, digits: 3),
        formatNumber(s.meanMinimumESS, digits: 4),
        formatNumber(1000 * s.meanMinimumESS / Double(sizes.chainSteps), digits: 3),
      ]
    })

  guard let featured = summaries.first(where: { $0.width == featuredWidth }),
    let best = summaries.max(by: { $0.meanMinimumESS < $1.meanMinimumESS })
  else { return .null }
  let x = featured.chain.trace(0)
  let y = featured.chain.trace(1)
  let meanX = x.reduce(0, +) / Double(x.count)
  let meanY = y.reduce(0, +) / Double(y.count)
  // Standard errors from the ESS, not from N: the chain's samples are correlated.
  // Var x = 1 and Var y = Var x² + 1 = 3 under the target.
  let seX = featured.essX > 0 ? (1 / featured.essX).squareRoot() : .infinity
  let seY = featured.essY > 0 ? (3 / featured.essY).squareRoot() : .infinity
  run.say(
    "featured width \(formatNumber(featuredWidth, digits: 3)): E[x] ≈ \(formatNumber(meanX, digits: 3))"
      + " ± \(formatNumber(seX, digits: 2)) (true 0), E[y] ≈ \(formatNumber(meanY, digits: 3))"
      + " ± \(formatNumber(seY, digits: 2)) (true 1); standard errors use the ESS, not N.")
  run.say(
    "most efficient width here: \(formatNumber(best.width, digits: 3)) (acceptance "
      + "\(formatNumber(best.meanAcceptance, digits: 2)))")

  let small = summaries[0]
  let large = summaries[summaries.count - 1]
  try drawBanana(run: run, featured: featured, small: small, large: large)
  try drawTraces(run: run, chains: [small, featured, large])
  try drawWidthSweep(
    run: run, summaries: summaries, featuredWidth: featuredWidth, steps: sizes.chainSteps)

  return [
    "proposal_width": .number(featuredWidth),
    "acceptance_rate": .number(featured.chain.acceptanceRate),
    "ess": .numbers([featured.essX, featured.essY]), "mean": .numbers([meanX, meanY]),
    "mean_standard_error": .numbers([seX, seY]), "steps": .number(Double(sizes.chainSteps)),
    "widths": .numbers(widths), "acceptance_rates": .numbers(summaries.map(\.meanAcceptance)),
    "ess_min": .numbers(summaries.map(\.meanMinimumESS)), "best_width": .number(best.width),
  ]
}

private func drawContours(_ axes: Axes) {
  let gridX = (0...120).map { -3.5 + 7 * Double($0) / 120 }
  let gridY = (0...120).map { -2 + 12 * Double($0) / 120 }
  let values = gridY.map { y in gridX.map { x in bananaLogDensity([x, y]) } }
  // log p̃ = −k²/2 traces the k-"sigma" contours of this density.
  axes.contour(
    x: gridX, y: gridY, values: values, levels: .explicit([-8, -4.5, -2, -0.5]),
    color: .grey, label: "log p̃ contours")
  axes.xLimits = -3.5...3.5
  axes.yLimits = -2...10
  axes.xLabel = "x"
  axes.yLabel = "y"
}

private func drawBanana(
  run: ChapterRun, featured: ChainSummary, small: ChainSummary, large: ChainSummary
) throws {
  let figure = Figure(
    width: 1400, height: 680, rows: 1, columns: 2,
    title: "Random-walk Metropolis on the banana x ~ N(0, 1), y | x ~ N(x², 1)")
  let samples = figure[0, 0]
  samples.title =
    "Samples, width \(formatNumber(featured.width, digits: 3)) "
    + "(acceptance \(formatNumber(featured.chain.acceptanceRate, digits: 2)))"
  drawContours(samples)
  let shown = min(featured.chain.count, 3000)
  samples.scatter(
    x: Array(featured.chain.trace(0).prefix(shown)),
    y: Array(featured.chain.trace(1).prefix(shown)),
    label: "\(shown) chain states (repeats overlap)", color: .blue, size: 4, alpha: 0.4)
  samples.legendPosition = .upperRight

  let paths = figure[0, 1]
  paths.title = "300 steps after the burn-in, for three proposal widths"
  drawContours(paths)
  // The moderate chain first, so the short paths of the other two stay visible on top.
  for (summary, color) in [(featured, Color.blue), (small, .orange), (large, .red)] {
    let x = Array(summary.chain.trace(0).prefix(300))
    let y = Array(summary.chain.trace(1).prefix(300))
    let moves = zip(zip(x, y), zip(x, y).dropFirst()).filter { $0.0 != $0.1 }.count
    paths.line(
      x: x, y: y, label: "width \(formatNumber(summary.width, digits: 3)): \(moves) moves",
      color: color, width: summary.width == featured.width ? 1 : 2, marker: .circle)
  }
  paths.legendPosition = .upperRight
  try run.save(
    figure, name: "mcmc-banana",
    caption: "Left: chain states over the contours of the banana density. Right: a tiny "
      + "proposal crawls, a huge one is almost always rejected and sits still, a moderate one "
      + "travels along the ridge.")
}

private func drawTraces(run: ChapterRun, chains: [ChainSummary]) throws {
  let figure = Figure(
    width: 1400, height: 900, rows: 2, columns: 2, title: "Trace plots and autocorrelation of x")
  let colors: [Color] = [.orange, .blue, .red]
  let positions = [(0, 0), (0, 1), (1, 0)]
  let steps = min(chains[0].chain.count, 2000)
  for (i, summary) in chains.enumerated() {
    let axes = figure[positions[i].0, positions[i].1]
    axes.title =
      "width \(formatNumber(summary.width, digits: 3)): acceptance "
      + "\(formatNumber(summary.chain.acceptanceRate, digits: 2)), ESS(x) "
      + formatNumber(summary.essX, digits: 3)
    axes.xLabel = "step"
    axes.yLabel = "x"
    axes.yLimits = -3.5...3.5
    axes.line(y: Array(summary.chain.trace(0).prefix(steps)), color: colors[i], width: 1)
  }
  let acf = figure[1, 1]
  acf.title = "Autocorrelation of x against lag"
  acf.xLabel = "lag k (steps)"
  acf.yLabel = "autocorrelation ρ(k)"
  let maxLag = min(200, chains[0].chain.count - 1)
  for (i, summary) in chains.enumerated() {
    let trace = summary.chain.trace(0)
    guard safeESS(trace) > 0 else { continue }
    acf.line(
      y: autocorrelation(trace, maxLag: maxLag),
      label: "width \(formatNumber(summary.width, digits: 3))",
      color: colors[i])
  }
  acf.horizontalLine(y: 0, color: .black, style: .solid, width: 1)
  // Head room for the legend above ρ = 1.
  acf.yLimits = -0.2...1.45
  acf.legendPosition = .upperRight
  try run.save(
    figure, name: "mcmc-traces",
    caption: "Traces of x for a tiny, a moderate and a huge proposal width, and their "
      + "autocorrelations: the slower ρ(k) decays, the fewer independent samples the chain "
      + "is worth.")
}

private func drawWidthSweep(
  run: ChapterRun, summaries: [ChainSummary], featuredWidth: Double, steps: Int
) throws {
  let figure = Figure(
    width: 1400, height: 600, rows: 1, columns: 2,
    title: "The proposal width trades acceptance against step size")
  let widths = summaries.map(\.width)
  let acceptance = figure[0, 0]
  acceptance.title = "Acceptance rate"
  acceptance.xLabel = "proposal width (log scale)"
  acceptance.yLabel = "fraction of proposals accepted"
  acceptance.xScale = .log
  acceptance.yLimits = 0...1
  acceptance.line(
    x: widths, y: summaries.map(\.meanAcceptance), label: "measured", color: .blue,
    marker: .circle)
  acceptance.horizontalLine(y: 0.234, label: "0.234 (optimal for many-D normals)", color: .grey)
  acceptance.verticalLine(x: featuredWidth, label: "featured width", color: .black, style: .dotted)
  acceptance.legendPosition = .upperRight

  let ess = figure[0, 1]
  ess.title = "Effective sample size per 1000 steps (worse of x, y)"
  ess.xLabel = "proposal width (log scale)"
  ess.yLabel = "ESS per 1000 steps"
  ess.xScale = .log
  ess.line(
    x: widths, y: summaries.map { 1000 * $0.meanMinimumESS / Double(steps) }, label: "measured",
    color: .green, marker: .circle)
  ess.verticalLine(x: featuredWidth, label: "featured width", color: .black, style: .dotted)
  ess.legendPosition = .upperLeft
  try run.save(
    figure, name: "mcmc-proposal-width",
    caption: "Acceptance falls steadily as the proposal widens, but the chain's worth (ESS) "
      + "peaks in between: tiny steps are accepted but go nowhere, huge ones are rejected.")
}
