import ChapterKit
import Foundation
import MonteCarlo
import NumericsCore
import Plot

// Experiment 2: the 1/√N law. For any estimator that is a mean of N independent samples,
//   E[(estimate − truth)²] = σ²/N   exactly,
// so the root-mean-square error over many repeats falls with slope −½ on log-log axes,
// whatever the dimension of the space the samples live in. We check it on π (darts in 2-D)
// and on a 5-dimensional integral, for which a grid with 10 points per axis already needs
// 10⁵ evaluations.

/// The 5-D integrand: a Gaussian bump exp(−‖x‖²) on the unit cube [0, 1]⁵.
func gaussianBump(_ x: [Double]) -> Double {
  var squaredNorm = 0.0
  for value in x { squaredNorm += value * value }
  return exp(-squaredNorm)
}

/// The exact integral of `gaussianBump` over [0, 1]⁵ and the standard deviation of one
/// sample: ∫₀¹ e^{−x²} dx = (√π/2) erf(1), ∫₀¹ e^{−2x²} dx = √(π/8) erf(√2); the integrand is
/// a product over coordinates, so both moments are fifth powers.
let gaussianBumpIntegral = pow(Double.pi.squareRoot() / 2 * erf(1), 5)
let gaussianBumpSD =
  (pow((Double.pi / 8).squareRoot() * erf(2.0.squareRoot()), 5)
  - gaussianBumpIntegral * gaussianBumpIntegral).squareRoot()

/// What experiment 2 measured.
struct RateResult {
  var piSlope: Double
  var boxSlope: Double
  var json: JSONValue
}

/// Runs experiment 2 and returns both fitted slopes.
func runRateExperiment(run: ChapterRun, sizes: ExperimentSizes) throws -> RateResult {
  run.section("2. The 1/√N law, in 2 and in 5 dimensions")
  var rng = run.makeGenerator(for: "rate")
  let n = sizes.rateSampleSizes.map(Double.init)
  let box = [ClosedRange<Double>](repeating: 0...1, count: 5)

  // errors[i][r]: |error| of repeat r at sample size n[i].
  var piErrors: [[Double]] = []
  var boxErrors: [[Double]] = []
  for size in sizes.rateSampleSizes {
    piErrors.append(
      (0..<sizes.rateRepeats).map { _ in
        abs(estimatePi(samples: size, using: &rng).mean - Double.pi)
      })
    boxErrors.append(
      (0..<sizes.rateRepeats).map { _ in
        abs(
          integrate(gaussianBump, overBox: box, samples: size, using: &rng).mean
            - gaussianBumpIntegral)
      })
  }
  let piRMSE = piErrors.map(rootMeanSquare)
  let boxRMSE = boxErrors.map(rootMeanSquare)
  let piFit = fitPowerLaw(x: n, y: piRMSE)
  let boxFit = fitPowerLaw(x: n, y: boxRMSE)
  let piSD = 4 * (Double.pi / 4 * (1 - Double.pi / 4)).squareRoot()

  run.table(
    header: ["N", "π: RMS error", "π: σ/√N", "5-D: RMS error", "5-D: σ/√N"],
    rows: n.indices.map { i in
      [
        String(sizes.rateSampleSizes[i]), formatNumber(piRMSE[i], digits: 3),
        formatNumber(piSD / n[i].squareRoot(), digits: 3), formatNumber(boxRMSE[i], digits: 3),
        formatNumber(gaussianBumpSD / n[i].squareRoot(), digits: 3),
      ]
    })
  run.say(
    "fitted log-log slope (RMS error over \(sizes.rateRepeats) repeats): π "
      + "\(formatNumber(piFit.slope, digits: 3)), 5-D integral \(formatNumber(boxFit.slope, digits: 3))"
      + " (theory −0.5 for both)")

  let figure = Figure(
    width: 1400, height: 640, rows: 1, columns: 2,
    title: "The error falls like 1/√N, in 2 dimensions and in 5")
  drawRatePanel(
    figure[0, 0], n: n, errors: piErrors, rmse: piRMSE, sd: piSD, slope: piFit.slope,
    title: "π from darts (2-D)")
  drawRatePanel(
    figure[0, 1], n: n, errors: boxErrors, rmse: boxRMSE, sd: gaussianBumpSD,
    slope: boxFit.slope, title: "∫ exp(−‖x‖²) over [0,1]⁵ (5-D)")
  try run.save(
    figure, name: "error-rate",
    caption: "|estimate − truth| against N on log-log axes: 30 of the \(sizes.rateRepeats) "
      + "repeats at each N (dots), the root-mean-square over all of them (line) and σ/√N (dashed, slope −½). Fitted slopes: π "
      + "\(formatNumber(piFit.slope, digits: 3)), 5-D \(formatNumber(boxFit.slope, digits: 3)).")

  return RateResult(
    piSlope: piFit.slope, boxSlope: boxFit.slope,
    json: [
      "samples": .numbers(n), "repeats": .number(Double(sizes.rateRepeats)),
      "pi_rmse": .numbers(piRMSE), "box_rmse": .numbers(boxRMSE),
      "box_dimension": 5, "box_truth": .number(gaussianBumpIntegral),
    ])
}

private func rootMeanSquare(_ x: [Double]) -> Double {
  (x.reduce(0) { $0 + $1 * $1 } / Double(x.count)).squareRoot()
}

private func drawRatePanel(
  _ axes: Axes, n: [Double], errors: [[Double]], rmse: [Double], sd: Double, slope: Double,
  title: String
) {
  // A typographic minus: "−0.499" reads better than "-0.499" in a title.
  let slopeText = formatNumber(slope, digits: 3).replacingOccurrences(of: "-", with: "−")
  axes.title = "\(title): fitted slope \(slopeText)"
  axes.xLabel = "samples N (log scale)"
  axes.yLabel = "|estimate − truth| (log scale)"
  axes.xScale = .log
  axes.yScale = .log
  // At most 30 repeats as dots: enough to show the spread without a solid smear.
  var dotsX: [Double] = []
  var dotsY: [Double] = []
  for (i, row) in errors.enumerated() {
    for error in row.prefix(30) where error > 0 {
      dotsX.append(n[i])
      dotsY.append(error)
    }
  }
  axes.scatter(
    x: dotsX, y: dotsY, label: "single runs (\(min(30, errors[0].count)) per N)", color: .grey,
    size: 4, alpha: 0.35)
  axes.line(x: n, y: rmse, label: "RMS error over repeats", color: .blue, marker: .circle)
  axes.line(
    x: n, y: n.map { sd / $0.squareRoot() }, label: "σ/√N (slope −½)", color: .red,
    style: .dashed)
  axes.legendPosition = .lowerLeft
}
