import ChapterKit
import Datasets
import NumericsCore
import Optimizers
import Plot
import Recurrent
import Sequences

// Experiment 5: forecasting 3.6's noisy periodic signal, a GRU against 3.6's AR baseline.
// The series is the same (Datasets' generator with 3.6's sizes and the generator named
// "signal"), cut the same way into training, validation and test stretches; the AR model is
// 3.6's (Sequences' `AutoRegressiveModel`, p chosen by one-step validation error). The GRU
// reads a window of the last `w` observations from a zero state and predicts the next
// value (many-to-one); it is trained on windows from the training stretch, and the
// checkpoint with the lowest one-step validation error is kept. Both forecast k steps ahead
// by ITERATION: each forecast is fed back as the next input, as 3.6 does for AR.

/// `w` steps of `B × 1`: row `b` of step `s` is `series[ends[b] − w + 1 + s]`.
private func windows(_ series: [Double], ending ends: [Int], length w: Int) -> [Matrix] {
  (0..<w).map { s in Matrix(column: ends.map { series[$0 - w + 1 + s] }) }
}

/// RMSE of iterated GRU forecasts for k = 1 … `horizon` from every origin (the last
/// observed index): warm up on the window ending at the origin, then feed each forecast back.
private func gruForecastErrors(
  _ model: SequenceRegressor<GRUCell>, series: [Double], origins: [Int], window: Int,
  horizon: Int
) -> [Double] {
  let inputs = windows(series, ending: origins, length: window)
  var state = unroll(model.cell, over: inputs, from: model.cell.zeroState(batch: origins.count))
    .finalState
  var squared = [Double](repeating: 0, count: horizon)
  for k in 0..<horizon {
    let forecast = model.readout.forward(state.hidden)
    for (b, origin) in origins.enumerated() {
      let error = forecast[b, 0] - series[origin + 1 + k]
      squared[k] += error * error
    }
    if k + 1 < horizon { state = model.cell.forward(forecast, state: state).state }
  }
  return squared.map { ($0 / Double(origins.count)).squareRoot() }
}

/// One-step RMSE of an AR model on `start..<end`, from the observed values before each t.
private func arOneStepRMSE(
  _ model: AutoRegressiveModel, _ series: [Double], _ range: Range<Int>
)
  -> Double
{
  let sum = range.reduce(0.0) { sum, t in
    let e = model.predictNext(after: series[..<t]) - series[t]
    return sum + e * e
  }
  return (sum / Double(range.count)).squareRoot()
}

func runForecasting(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("5. Forecasting 3.6's noisy periodic signal: GRU against AR(p)")
  let noise = 0.1
  let (trainEnd, validationEnd) = (
    sizes.signalTraining, sizes.signalTraining + sizes.signalValidation
  )
  let total = validationEnd + sizes.signalTest
  var signalRNG = run.makeGenerator(for: "signal")
  let series = Synthetic.noisyPeriodicSignal(count: total, noise: noise, using: &signalRNG)
  let horizon = sizes.forecastHorizon

  // The AR baseline, as 3.6 fits and chooses it.
  let training = Array(series[..<trainEnd])
  let candidates = sizes.arOrders.map { AutoRegressiveModel(fitting: training, order: $0) }
  let arValidation = candidates.map { arOneStepRMSE($0, series, trainEnd..<validationEnd) }
  let bestIndex = arValidation.indices.min { arValidation[$0] < arValidation[$1] }!
  let ar = candidates[bestIndex]
  let testOrigins = Array((validationEnd - 1)..<(total - horizon))
  let arCurve = ar.forecastErrors(of: series, origins: testOrigins, maximumHorizon: horizon)

  // The GRU: trained on random windows of the training stretch, checkpoint chosen on the
  // one-step validation error.
  let w = sizes.forecastWindow
  var rng = run.makeGenerator(for: "forecasting")
  let h = sizes.forecastHidden
  var model = SequenceRegressor(
    cell: GRUCell(inputSize: 1, hiddenSize: h, using: &rng),
    readout: Readout(hiddenSize: h, outputSize: 1, using: &rng))
  var adam = Adam(learningRate: 3e-3)
  let validationOrigins = Array((trainEnd - 1)..<(validationEnd - 1))
  var best = (rmse: Double.infinity, step: 0, model: model)
  var losses: [Double] = []
  let chunk = max(1, sizes.forecastSteps / 12)
  var trained = 0
  while trained < sizes.forecastSteps {
    let steps = min(chunk, sizes.forecastSteps - trained)
    let record = try trainRegressor(
      &model, steps: steps, optimizer: &adam, clippingAt: 1,
      makeBatch: { g in
        let ends = (0..<sizes.forecastBatch).map { _ in
          w - 1 + g.nextInt(below: trainEnd - w)
        }
        return (
          windows(series, ending: ends, length: w), Matrix(column: ends.map { series[$0 + 1] })
        )
      }, using: &rng)
    trained += steps
    losses += record.losses
    let rmse = gruForecastErrors(
      model, series: series, origins: validationOrigins, window: w, horizon: 1)[0]
    if rmse < best.rmse { best = (rmse, trained, model) }
  }
  let gruCurve = gruForecastErrors(
    best.model, series: series, origins: testOrigins, window: w, horizon: horizon)

  let shown = [1, 5, 10, 20, 40, 60].filter { $0 <= horizon }
  run.table(
    header: ["horizon k", "AR(\(ar.order)) RMSE", "GRU RMSE", "noise σ"],
    rows: shown.map { k in
      [
        String(k), formatNumber(arCurve[k - 1], digits: 4),
        formatNumber(gruCurve[k - 1], digits: 4),
        String(noise),
      ]
    })
  run.say(
    "AR(\(ar.order)) chosen on validation (one-step RMSE \(formatNumber(arValidation[bestIndex], digits: 4)));"
      + " GRU \(h) hidden, window \(w), checkpoint at step \(best.step) of \(sizes.forecastSteps)"
      + " (validation one-step RMSE \(formatNumber(best.rmse, digits: 4)))")

  try drawForecastErrors(
    run: run, arOrder: ar.order, arCurve: arCurve, gruCurve: gruCurve, noise: noise, hidden: h)

  let meanRatio = zip(gruCurve, arCurve).map { $0 / $1 }.reduce(0, +) / Double(horizon)
  return [
    "method": .string("iterated: each forecast fed back as the next input"),
    "noise": .number(noise), "maximum_horizon": .number(Double(horizon)),
    "ar_order": .number(Double(ar.order)), "ar_validation_rmse": .number(arValidation[bestIndex]),
    "ar_horizon_rmse": .numbers(arCurve), "ar_rmse_at_1": .number(arCurve[0]),
    "ar_rmse_at_10": .number(arCurve[min(10, horizon) - 1]),
    "ar_rmse_at_max": .number(arCurve[horizon - 1]),
    "gru_hidden": .number(Double(h)), "gru_window": .number(Double(w)),
    "gru_steps": .number(Double(sizes.forecastSteps)), "gru_best_step": .number(Double(best.step)),
    "gru_validation_rmse": .number(best.rmse), "gru_horizon_rmse": .numbers(gruCurve),
    "gru_rmse_at_1": .number(gruCurve[0]),
    "gru_rmse_at_10": .number(gruCurve[min(10, horizon) - 1]),
    "gru_rmse_at_max": .number(gruCurve[horizon - 1]),
    "gru_over_ar_mean_ratio": .number(meanRatio),
    "gru_final_training_mse": .number(losses.last ?? .nan),
  ]
}

private func drawForecastErrors(
  run: ChapterRun, arOrder: Int, arCurve: [Double], gruCurve: [Double], noise: Double,
  hidden: Int
) throws {
  let horizon = arCurve.count
  let worse = zip(gruCurve, arCurve).filter { $0 > $1 }.count
  let figure = Figure(width: 1200, height: 620)
  let axes = figure.axes
  axes.title =
    worse == horizon
    ? "AR(\(arOrder)) beats the GRU at every horizon; both stay above the noise floor"
    : worse == 0
      ? "The GRU beats AR(\(arOrder)) at every horizon; both stay above the noise floor"
      : "GRU and AR(\(arOrder)) trade places; neither gets below the noise floor"
  axes.xLabel = "horizon k (steps ahead, forecasts fed back)"
  axes.yLabel = "RMSE on the test stretch"
  let k = (1...horizon).map(Double.init)
  axes.line(x: k, y: arCurve, label: "AR(\(arOrder)), p chosen on validation", color: .blue)
  axes.line(x: k, y: gruCurve, label: "GRU, \(hidden) hidden", color: .orange)
  axes.horizontalLine(y: noise, label: "noise floor σ = \(noise)", color: .red, style: .dashed)
  axes.legendPosition = .upperLeft
  try run.save(
    figure, name: "forecasting",
    caption: "RMSE of k-step forecasts on the test stretch of 3.6's signal: 3.6's AR model "
      + "and a GRU, each feeding its own forecasts back; no forecast can beat the noise σ.")
}
