import ChapterKit
import Datasets
import Foundation
import Layers
import NumericsCore
import Optimizers
import Plot

/// The curve the regression networks try to recover from noisy samples.
func regressionTruth(_ x: Double) -> Double {
  sin(2 * x) + 0.3 * x
}

/// Part 2: a one-hidden-layer MLP fits a noisy 1-D function; wider hidden layers fit better.
func runRegression(run: ChapterRun) throws {
  run.section("2. An MLP fits a noisy curve: the width of the hidden layer")
  let quick = run.options.quick
  var rng = run.makeGenerator(for: "regression")
  let noise = 0.2
  let train = Synthetic.noisyFunction(
    count: 200, domain: -3...3, noise: noise, function: regressionTruth, using: &rng)
  let test = Synthetic.noisyFunction(
    count: 1000, domain: -3...3, noise: noise, function: regressionTruth, using: &rng)
  let widths = [1, 2, 4, 8, 32]
  // Full-batch Adam: with 200 samples a mini-batch buys nothing but noise in the final
  // error, and the comparison between widths should not depend on where the noise left it.
  let epochs = quick ? 800 : 3000
  run.say(
    "data: 200 samples of y = sin 2x + 0.3x + noise (σ = \(noise)) on [−3, 3]; "
      + "networks 1-h-1 with tanh, full-batch Adam lr 0.02, \(epochs) steps")

  let grid = linearlySpaced(from: -3, to: 3, count: 301)
  var fits = [(width: Int, curve: [Double], trainMSE: Double, testMSE: Double)]()
  for width in widths {
    var network = Sequential.multilayerPerceptron(
      sizes: [1, width, 1], activation: .tanh, using: &rng)
    var adam = Adam(learningRate: 0.02)
    let history: [Double]
    do {
      history = try trainRegressor(
        &network, inputs: train.inputs, targets: train.targets, epochs: epochs,
        batchSize: train.count,
        optimizer: &adam, using: &rng)
    } catch {
      switch error {
      case .diverged(let step, let loss): throw ChapterError.diverged(step: step, loss: loss)
      }
    }
    let testPrediction = network.predict(test.inputs)
    let testMSE = (testPrediction - test.targets).map { $0 * $0 }.mean()
    let curve = network.predict(Matrix(column: grid)).column(0)
    fits.append((width, curve, history.last ?? .nan, testMSE))
  }

  run.table(
    header: ["hidden units", "parameters", "train MSE", "test MSE"],
    rows: fits.map {
      ["\($0.width)", "\(3 * $0.width + 1)", formatNumber($0.trainMSE), formatNumber($0.testMSE)]
    })
  run.say(
    "noise floor: a perfect fit still has MSE σ² = \(formatNumber(noise * noise)) on new data")
  run.summary["regression"] = .object([
    "widths": .array(widths.map { .number(Double($0)) }),
    "train_mse": .numbers(fits.map(\.trainMSE)),
    "test_mse": .numbers(fits.map(\.testMSE)),
    "noise_variance": .number(noise * noise),
    "epochs": .number(Double(epochs)),
  ])

  let figure = Figure(
    width: 1400, height: 620, rows: 1, columns: 2,
    title: "Fitting y = sin 2x + 0.3x from 200 noisy samples with one hidden layer of tanh units")
  let fitAxes = figure[0, 0]
  fitAxes.title = "Fits by hidden-layer width"
  fitAxes.xLabel = "x"
  fitAxes.yLabel = "y"
  fitAxes.scatter(
    x: train.inputs.column(0), y: train.targets.column(0), label: "training data",
    color: .grey, size: 5, alpha: 0.5)
  fitAxes.line(
    x: grid, y: grid.map(regressionTruth), label: "truth", color: .black, style: .dashed,
    width: 2)
  for (k, fit) in fits.enumerated() {
    fitAxes.line(
      x: grid, y: fit.curve, label: "\(fit.width) hidden unit\(fit.width == 1 ? "" : "s")",
      color: .okabeIto(k), width: 2.5)
  }
  fitAxes.legendPosition = .upperLeft
  fitAxes.yLimits = -1.7...2.5  // headroom for the legend above the data

  let errorAxes = figure[0, 1]
  errorAxes.title = "Error by width"
  errorAxes.xLabel = "hidden units (log scale)"
  errorAxes.yLabel = "mean squared error"
  errorAxes.xScale = .log
  let x = fits.map { Double($0.width) }
  errorAxes.line(x: x, y: fits.map(\.trainMSE), label: "training MSE", marker: .circle)
  errorAxes.line(
    x: x, y: fits.map(\.testMSE), label: "test MSE (1,000 new samples)", marker: .square)
  errorAxes.horizontalLine(y: noise * noise, label: "noise floor σ² = 0.04")
  errorAxes.legendPosition = .upperRight
  try run.save(
    figure, name: "regression-widths",
    caption: "One hidden unit can only draw one S-shaped step (underfit); as the hidden layer "
      + "widens the fit follows the curve, and the test error falls to the noise floor.")
}
