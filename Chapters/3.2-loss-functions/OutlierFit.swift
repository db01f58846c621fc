// Experiment 2: a straight line fitted by gradient descent under MSE, MAE and Huber, to
// data with a few gross outliers.
//
// Each residual pulls on the line with the loss's derivative. Under MSE that pull is
// 2r/N, so four points 25 units off outweigh dozens of good points; under MAE every
// point pulls with the same force 1/N; Huber pulls like MSE on small residuals and like
// MAE (force δ/N) on large ones.

import ChapterKit
import Foundation
import Losses
import NumericsCore
import Plot

/// A line y = slope·x + intercept.
struct Line {
  var slope: Double
  var intercept: Double
  func callAsFunction(_ x: Double) -> Double { slope * x + intercept }
}

/// Fits a line by full-batch gradient descent on `loss`, returning the line and the
/// slope after every step.
///
/// x is standardised (u = (x − x̄)/s) so one learning rate suits every loss; the steps
/// shrink as η₀/√(1 + t/50) so that MAE, whose gradient never gets small, settles down.
func fitLine(
  x: [Double], y: [Double], steps: Int, initialRate: Double = 0.2,
  loss: (Matrix, Matrix) -> LossResult
) -> (line: Line, slopes: [Double]) {
  let n = Double(x.count)
  let mean = x.reduce(0, +) / n
  let scale = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
  let u = x.map { ($0 - mean) / scale }
  let targets = Matrix(column: y)
  var (w, b) = (0.0, 0.0)
  var slopes = [Double]()
  slopes.reserveCapacity(steps)
  for t in 0..<steps {
    let predicted = Matrix(column: u.map { w * $0 + b })
    let g = loss(predicted, targets).gradient
    // Chain rule through p_i = w·u_i + b: ∂L/∂w = Σ g_i u_i, ∂L/∂b = Σ g_i.
    var (gw, gb) = (0.0, 0.0)
    for i in 0..<u.count {
      gw += g[i, 0] * u[i]
      gb += g[i, 0]
    }
    let rate = initialRate / (1 + Double(t) / 50).squareRoot()
    w -= rate * gw
    b -= rate * gb
    slopes.append(w / scale)
  }
  return (Line(slope: w / scale, intercept: b - w * mean / scale), slopes)
}

/// The least-squares line in closed form: slope = cov(x, y) / var(x).
func leastSquaresLine(x: [Double], y: [Double]) -> Line {
  let n = Double(x.count)
  let (mx, my) = (x.reduce(0, +) / n, y.reduce(0, +) / n)
  let cov = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
  let variance = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
  return Line(slope: cov / variance, intercept: my - cov / variance * mx)
}

/// The least-absolute-deviations line, exactly: an optimal L1 line passes through two
/// data points, so trying every pair (n² lines, n residuals each) finds it.
func leastAbsoluteDeviationsLine(x: [Double], y: [Double]) -> Line {
  var best = (cost: Double.infinity, line: Line(slope: 0, intercept: 0))
  for i in 0..<x.count {
    for j in (i + 1)..<x.count where x[i] != x[j] {
      let slope = (y[j] - y[i]) / (x[j] - x[i])
      let line = Line(slope: slope, intercept: y[i] - slope * x[i])
      let cost = zip(x, y).map { abs($1 - line($0)) }.reduce(0, +)
      if cost < best.cost { best = (cost, line) }
    }
  }
  return best.line
}

func outlierFit(_ run: ChapterRun) throws {
  run.section("2. Outliers: fitting a line under MSE, MAE and Huber")
  var rng = run.makeGenerator(for: "outliers")
  let truth = Line(slope: 2, intercept: 1)
  let (cleanCount, outlierCount, noise, offset) = (36, 4, 0.5, -25.0)
  var x = (0..<cleanCount).map { _ in rng.nextUniform(in: 0, 10) }
  var y = x.map { truth($0) + rng.nextNormal(mean: 0, standardDeviation: noise) }
  // Gross errors at the right end, where they have the most leverage on the slope.
  let outlierX = (0..<outlierCount).map { _ in rng.nextUniform(in: 7.5, 10) }
  let outlierY = outlierX.map { truth($0) + offset + rng.nextNormal(mean: 0, standardDeviation: 1) }
  x += outlierX
  y += outlierY

  let steps = run.options.quick ? 1500 : 5000
  let delta = 1.0
  let fits: [(name: String, loss: (Matrix, Matrix) -> LossResult)] = [
    ("MSE", { meanSquaredError(predicted: $0, expected: $1) }),
    ("MAE", { meanAbsoluteError(predicted: $0, expected: $1) }),
    ("Huber δ = 1", { huberLoss(predicted: $0, expected: $1, delta: delta) }),
  ]
  let results = fits.map { fitLine(x: x, y: y, steps: steps, loss: $0.loss) }
  let exact = [
    leastSquaresLine(x: x, y: y), leastAbsoluteDeviationsLine(x: x, y: y), nil,
  ]
  run.say(
    "\(cleanCount) points on y = 2x + 1 with noise σ = \(formatNumber(noise)), plus "
      + "\(outlierCount) points moved \(formatNumber(offset)); \(steps) gradient steps each.")
  run.table(
    header: ["loss", "slope", "intercept", "|slope − 2|", "exact optimum slope"],
    rows: zip(fits, zip(results, exact)).map { fit, pair in
      [
        fit.name, formatNumber(pair.0.line.slope), formatNumber(pair.0.line.intercept),
        formatNumber(abs(pair.0.line.slope - truth.slope)),
        pair.1.map { formatNumber($0.slope) } ?? "-",
      ]
    })
  run.say(
    "(exact optimum: least squares in closed form; least absolute deviations by trying every pair)")

  let figure = Figure(
    width: 1400, height: 620, rows: 1, columns: 2,
    title: "Fitting a line to data with \(outlierCount) gross outliers")
  let data = figure[0, 0]
  data.title = "Data and fitted lines"
  data.xLabel = "x"
  data.yLabel = "y"
  data.scatter(
    x: Array(x[..<cleanCount]), y: Array(y[..<cleanCount]), label: "data", color: .grey, size: 7)
  data.scatter(
    x: outlierX, y: outlierY, label: "outliers", color: .black, size: 11, marker: .cross)
  let ends = [0.0, 10]
  data.line(
    x: ends, y: ends.map { truth($0) }, label: "true line (slope 2)", color: .black, style: .dotted)
  for (i, (fit, result)) in zip(fits, results).enumerated() {
    data.line(
      x: ends, y: ends.map { result.line($0) },
      label: "\(fit.name): slope \(formatNumber(result.line.slope, digits: 3))",
      color: .okabeIto(i))
  }
  data.legendPosition = .upperLeft
  let history = figure[0, 1]
  history.title = "Slope during gradient descent"
  history.xLabel = "gradient-descent step (log scale)"
  history.yLabel = "slope"
  history.xScale = .log
  let stepAxis = (1...steps).map(Double.init)
  for (i, (fit, result)) in zip(fits, results).enumerated() {
    history.line(x: stepAxis, y: result.slopes, label: fit.name, color: .okabeIto(i))
  }
  history.horizontalLine(y: truth.slope, label: "true slope", color: .black, style: .dotted)
  history.legendPosition = .lowerRight
  try run.save(
    figure, name: "outliers",
    caption: "A line fitted by gradient descent under MSE, MAE and Huber (δ = 1) to "
      + "\(cleanCount) good points and \(outlierCount) gross outliers. The outliers drag "
      + "the MSE line down; MAE and Huber stay near the true slope 2.")
  run.summary["true_slope"] = .number(truth.slope)
  run.summary["mse_slope"] = .number(results[0].line.slope)
  run.summary["mae_slope"] = .number(results[1].line.slope)
  run.summary["huber_slope"] = .number(results[2].line.slope)
  run.summary["true_intercept"] = .number(truth.intercept)
  run.summary["mse_intercept"] = .number(results[0].line.intercept)
  run.summary["mae_intercept"] = .number(results[1].line.intercept)
  run.summary["huber_intercept"] = .number(results[2].line.intercept)
  run.summary["least_squares_slope"] = .number(exact[0]?.slope ?? .nan)
  run.summary["least_absolute_deviations_slope"] = .number(exact[1]?.slope ?? .nan)
}
