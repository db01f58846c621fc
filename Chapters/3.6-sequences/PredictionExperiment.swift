import ChapterKit
import Datasets
import NumericsCore
import Plot
import Sequences

// Experiment 2, the prediction problem: forecast x_{t+k} from x_≤t on the noisy periodic
// signal x_t = sin(2πt/20) + 0.5 sin(2πt/7) + N(0, 0.1²) (Datasets'
// `Synthetic.noisyPeriodicSignal`, also used by chapter 3.7). One series is cut in time
// into training, validation and test stretches; AR(p) is fitted on training by QR, p is
// chosen by one-step error on validation, and the test stretch measures k-step errors.

/// Runs experiment 2 and returns its summary.
func runPredictionExperiment(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("2. Prediction: AR(p) forecasts of a noisy periodic signal")
  let noise = 0.1
  var rng = run.makeGenerator(for: "signal")
  let total = sizes.signalTraining + sizes.signalValidation + sizes.signalTest
  let series = Synthetic.noisyPeriodicSignal(count: total, noise: noise, using: &rng)
  let training = Array(series[..<sizes.signalTraining])
  let validationEnd = sizes.signalTraining + sizes.signalValidation

  // One-step validation RMSE for each p: forecasts of x_t, t in the validation stretch,
  // from the observed values before t (which may reach back into training).
  func oneStepRMSE(_ model: AutoRegressiveModel, from start: Int, to end: Int) -> Double {
    var sum = 0.0
    for t in start..<end {
      let error = model.predictNext(after: series[..<t]) - series[t]
      sum += error * error
    }
    return (sum / Double(end - start)).squareRoot()
  }
  var models: [AutoRegressiveModel] = []
  var validationRMSE: [Double] = []
  var trainingRMSE: [Double] = []
  for p in sizes.arOrders {
    let model = AutoRegressiveModel(fitting: training, order: p)
    models.append(model)
    trainingRMSE.append(oneStepRMSE(model, from: p, to: sizes.signalTraining))
    validationRMSE.append(oneStepRMSE(model, from: sizes.signalTraining, to: validationEnd))
  }
  let bestIndex = validationRMSE.indices.min { validationRMSE[$0] < validationRMSE[$1] }!
  let bestOrder = sizes.arOrders[bestIndex]
  let best = models[bestIndex]
  let testOneStep = oneStepRMSE(best, from: validationEnd, to: total)

  // k-step errors on the test stretch from every origin that leaves room for the horizon.
  let horizon = sizes.maximumHorizon
  let origins = Array((validationEnd - 1)..<(total - horizon))
  let compared = Array(Set([2, 4, bestOrder])).sorted()
  var curves: [Int: [Double]] = [:]
  for p in compared {
    curves[p] = models[sizes.arOrders.firstIndex(of: p)!].forecastErrors(
      of: series, origins: origins, maximumHorizon: horizon)
  }
  // Persistence (x̂_{t+k} = x_t) as the naive baseline; the signal's spread as the limit of
  // knowing nothing.
  let persistence = (1...horizon).map { k in
    (origins.reduce(0.0) { sum, origin in
      let e = series[origin + k] - series[origin]
      return sum + e * e
    } / Double(origins.count)).squareRoot()
  }
  let testValues = Array(series[validationEnd...])
  let mean = testValues.reduce(0, +) / Double(testValues.count)
  let spread = (testValues.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(testValues.count))
    .squareRoot()
  let bestCurve = curves[bestOrder]!

  run.table(
    header: ["p", "training 1-step RMSE", "validation 1-step RMSE"],
    rows: sizes.arOrders.indices.filter { i in
      [1, 2, 3, 4, 6, 8, 10, 15, 20, 30, 40].contains(sizes.arOrders[i]) || i == bestIndex
    }.map { i in
      [
        String(sizes.arOrders[i]) + (i == bestIndex ? " (chosen)" : ""),
        formatNumber(trainingRMSE[i], digits: 4), formatNumber(validationRMSE[i], digits: 4),
      ]
    })
  let shownHorizons = [1, 5, 10, 20, 40, 60].filter { $0 <= horizon }
  run.table(
    header: ["horizon k"] + compared.map { "AR(\($0)) RMSE" } + ["persistence RMSE"],
    rows: shownHorizons.map { k in
      [String(k)] + compared.map { formatNumber(curves[$0]![k - 1], digits: 4) }
        + [formatNumber(persistence[k - 1], digits: 4)]
    })
  run.say(
    "chosen p = \(bestOrder) (validation); test one-step RMSE \(formatNumber(testOneStep, digits: 4))"
      + " vs noise σ = \(noise); \(horizon)-step RMSE \(formatNumber(bestCurve[horizon - 1], digits: 4))"
      + "; signal spread \(formatNumber(spread, digits: 4))")

  try drawOrderAndHorizon(
    run: run, orders: sizes.arOrders, trainingRMSE: trainingRMSE, validationRMSE: validationRMSE,
    bestOrder: bestOrder, curves: curves, persistence: persistence, noise: noise, spread: spread)
  try drawForecastPath(
    run: run, series: series, start: validationEnd, model: best, noise: noise)

  return [
    "training_steps": .number(Double(sizes.signalTraining)),
    "validation_steps": .number(Double(sizes.signalValidation)),
    "test_steps": .number(Double(sizes.signalTest)),
    "noise": .number(noise), "chosen_order": .number(Double(bestOrder)),
    "orders": .numbers(sizes.arOrders.map(Double.init)),
    "validation_rmse": .numbers(validationRMSE), "training_rmse": .numbers(trainingRMSE),
    "test_one_step_rmse": .number(testOneStep),
    "chosen_validation_rmse": .number(validationRMSE[bestIndex]),
    "horizon_rmse": .numbers(bestCurve),
    "rmse_at_10": .number(bestCurve[min(10, horizon) - 1]),
    "rmse_at_max": .number(bestCurve[horizon - 1]), "maximum_horizon": .number(Double(horizon)),
    "ar2_rmse_at_10": .number(curves[2]![min(10, horizon) - 1]),
    "ar4_rmse_at_10": .number(curves[4]![min(10, horizon) - 1]),
    "persistence_rmse_at_10": .number(persistence[min(10, horizon) - 1]),
    "signal_spread": .number(spread),
    "coefficients": .numbers(best.coefficients), "intercept": .number(best.intercept),
  ]
}

private func drawOrderAndHorizon(
  run: ChapterRun, orders: [Int], trainingRMSE: [Double], validationRMSE: [Double],
  bestOrder: Int, curves: [Int: [Double]], persistence: [Double], noise: Double, spread: Double
) throws {
  let figure = Figure(
    width: 1700, height: 620, rows: 1, columns: 2,
    title: "AR(\(bestOrder)), chosen on validation, forecasts many steps ahead near the noise floor"
  )
  let left = figure[0, 0]
  left.title = "Choosing p: one-step error"
  left.xLabel = "order p (lags)"
  left.yLabel = "one-step RMSE"
  let x = orders.map(Double.init)
  left.line(x: x, y: trainingRMSE, label: "training", color: .grey, style: .dashed)
  left.line(x: x, y: validationRMSE, label: "validation", color: .blue, marker: .circle)
  left.verticalLine(x: Double(bestOrder), label: "chosen p = \(bestOrder)", color: .green)
  left.horizontalLine(y: noise, label: "noise σ = \(noise)", color: .red)
  left.yScale = .log
  left.legendPosition = .upperRight
  let right = figure[0, 1]
  right.title = "k-step forecasts on the test stretch"
  right.xLabel = "horizon k (steps ahead)"
  right.yLabel = "RMSE"
  let horizons = (1...persistence.count).map(Double.init)
  right.line(x: horizons, y: persistence, label: "persistence x̂ = x_t", color: .grey)
  for (index, p) in curves.keys.sorted().enumerated() {
    right.line(
      x: horizons, y: curves[p]!, label: "AR(\(p))" + (p == bestOrder ? " (chosen)" : ""),
      color: [Color.orange, .purple, .blue][index % 3])
  }
  right.horizontalLine(y: noise, label: "noise σ", color: .red)
  right.horizontalLine(
    y: spread, label: "signal spread (predict the mean)", color: .darkGrey, style: .dotted)
  right.yScale = .log
  right.legendPosition = .outsideRight
  try run.save(
    figure, name: "ar-forecast-error",
    caption: "Left: one-step RMSE of AR(p) on training and validation; p is chosen where the "
      + "validation error is lowest. Right: RMSE of k-step forecasts (the model's own forecasts "
      + "fed back) on the test stretch for AR(2), AR(4) and the chosen order, against "
      + "persistence, the noise σ = \(noise) and the signal's spread.")
}

private func drawForecastPath(
  run: ChapterRun, series: [Double], start: Int, model: AutoRegressiveModel, noise: Double
) throws {
  let length = 120
  let origin = start + 19
  let steps = Array(start..<(start + length))
  let oneStep = steps.map { model.predictNext(after: series[..<$0]) }
  let ahead = model.forecast(after: Array(series[...origin]), steps: start + length - origin - 1)
  let figure = Figure(
    width: 1400, height: 560,
    title:
      "Forecasts from t = \(origin), up to \(start + length - origin - 1) steps ahead, stay as close to the "
      + "signal as one-step ones")
  let axes = figure.axes
  axes.xLabel = "time step t"
  axes.yLabel = "x_t"
  axes.scatter(
    x: steps.map(Double.init), y: steps.map { series[$0] }, label: "observed x_t", color: .grey,
    size: 5, alpha: 0.8)
  // The noise-free signal (noise 0 ignores the generator's draws).
  var unused = Xoshiro256StarStar(seed: 0)
  let clean = Synthetic.noisyPeriodicSignal(count: start + length, noise: 0, using: &unused)
  axes.line(
    x: steps.map(Double.init), y: steps.map { clean[$0] }, label: "noise-free signal",
    color: .darkGrey, width: 1)
  axes.line(
    x: steps.map(Double.init), y: oneStep, label: "one-step forecast AR(\(model.order))",
    color: .blue)
  axes.line(
    x: ((origin + 1)..<(start + length)).map(Double.init), y: ahead,
    label: "k-step forecast from t = \(origin)", color: .orange, style: .dashed)
  axes.verticalLine(x: Double(origin), color: .orange, style: .dotted)
  axes.legendPosition = .outsideRight
  try run.save(
    figure, name: "ar-forecast-path",
    caption: "The first \(length) test steps: observations (dots, noise σ = \(noise)), the "
      + "noise-free signal, "
      + "one-step forecasts from the observed past, and forecasts made at t = \(origin) for "
      + "every later step from the model's own predictions.")
}
