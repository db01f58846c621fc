import ChapterKit
import Foundation
import MonteCarlo
import Plot

// Experiment 5b: why a chain's first steps are thrown away (burn-in). A chain started far
// from the banana's mass, at (4, −4) where log p̃ ≈ −208, walks for a while before its
// states look like draws from p; averages that include that walk are biased.

/// Runs one chain from a far start, without burn-in, and draws its first steps.
/// - Returns: the `burn_in` entry of the summary.
func runBurnInExperiment(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("5b. Burn-in: a chain started far from the mode")
  var rng = run.makeGenerator(for: "burn-in")
  let start = [4.0, -4.0]
  let width = 0.6
  let steps = sizes.chainSteps < 50_000 ? 1000 : 3000
  let chain = metropolisHastings(
    logDensity: bananaLogDensity, initial: start, proposalWidth: width, steps: steps,
    burnIn: 0, using: &rng)
  let xs = chain.trace(0)
  let ys = chain.trace(1)
  // "Arrived": the first step inside the log p̃ = −4.5 contour (3 "sigma" of this density).
  let arrival = xs.indices.first { bananaLogDensity([xs[$0], ys[$0]]) > -4.5 } ?? (steps - 1)
  let meanAfterArrival = ys[arrival...].reduce(0, +) / Double(steps - arrival)
  let runningMeanY = ys.indices.map { i in ys[...i].reduce(0, +) / Double(i + 1) }
  run.say(
    "start (4, −4), width \(formatNumber(width)), \(steps) steps, no burn-in: the chain enters "
      + "the log p̃ > −4.5 region at step \(arrival + 1); mean of y over all steps "
      + "\(formatNumber(runningMeanY.last ?? .nan, digits: 3)) (truth 1)")

  let figure = Figure(
    width: 1400, height: 600, rows: 1, columns: 2,
    title: "From a far start the chain arrives in \(arrival + 1) steps, but the walk in biases "
      + "its early averages: burn-in")
  let path = figure[0, 0]
  path.title = "The first \(min(steps, 400)) steps over the contours"
  let shown = min(steps, 400)
  let contourX = (0...120).map { -3.5 + 8 * Double($0) / 120 }
  let contourY = (0...120).map { -5 + 15 * Double($0) / 120 }
  path.contour(
    x: contourX, y: contourY,
    values: contourY.map { y in contourX.map { x in bananaLogDensity([x, y]) } },
    levels: .explicit([-8, -4.5, -2, -0.5]), color: .grey, label: "log p̃ contours")
  path.line(
    x: [start[0]] + xs.prefix(shown), y: [start[1]] + ys.prefix(shown), label: "chain",
    color: .blue,
    width: 1.5)
  path.scatter(x: [start[0]], y: [start[1]], label: "start", color: .grey, size: 12, alpha: 1)
  path.scatter(
    x: [xs[shown - 1]], y: [ys[shown - 1]], label: "step \(shown)", color: .red, size: 12,
    alpha: 1, marker: .square)
  path.xLabel = "x"
  path.yLabel = "y"
  path.xLimits = -3.5...4.5
  path.yLimits = -5...10
  path.legendPosition = .outsideRight

  let trace = figure[0, 1]
  trace.title = "y and its running mean, from step 1"
  trace.xLabel = "step"
  trace.yLabel = "y"
  let stepAxis = (1...steps).map(Double.init)
  trace.line(x: stepAxis, y: ys, label: "y (chain state)", color: .blue, width: 1)
  trace.line(x: stepAxis, y: runningMeanY, label: "running mean of y", color: .orange, width: 2)
  trace.horizontalLine(y: 1, label: "E[y] = 1", color: .black, style: .dotted)
  trace.verticalLine(
    x: Double(arrival + 1), label: "enters log p̃ > −4.5", color: .grey, style: .dashed)
  trace.legendPosition = .outsideRight
  try run.save(
    figure, name: "mcmc-burn-in",
    caption: "A Metropolis chain (width \(formatNumber(width))) started at (4, −4), far outside "
      + "the banana, with no burn-in. Left: its first \(shown) steps, from the grey start to the "
      + "vermilion square. Right: y at every step and its running mean; the walk in from the "
      + "start drags the mean away from E[y] = 1 long after the chain has arrived.")
  return [
    "start": .numbers(start), "proposal_width": .number(width), "steps": .number(Double(steps)),
    "arrival_step": .number(Double(arrival + 1)),
    "mean_y_all_steps": .number(runningMeanY.last ?? .nan),
    "mean_y_after_arrival": .number(meanAfterArrival),
  ]
}
