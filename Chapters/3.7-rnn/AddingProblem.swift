import ChapterKit
import Foundation
import NumericsCore
import Optimizers
import Plot
import Recurrent

// Experiment 3: the adding problem (Hochreiter & Schmidhuber 1997). Each step carries two
// features: a value drawn from U(0, 1) and a marker that is 1 at exactly two steps — one
// in the first half of the sequence, one in the second — and 0 elsewhere. The target is
// the sum of the two marked values. A model that ignores the input and answers 1 has
// MSE = Var(U₁ + U₂) = 2/12 ≈ 0.167; beating it means carrying the first marked value
// across at least lag/2 steps.

/// A batch of adding-problem sequences of length `lag`: `lag` steps of `B × 2`, targets
/// `B × 1`.
func addingBatch(
  lag: Int, batch: Int, using rng: inout Xoshiro256StarStar
) -> (inputs: [Matrix], targets: Matrix) {
  var steps = (0..<lag).map { _ in Matrix.zeros(rows: batch, columns: 2) }
  var targets = Matrix.zeros(rows: batch, columns: 1)
  let half = max(1, lag / 2)
  for b in 0..<batch {
    for t in 0..<lag { steps[t][b, 0] = rng.nextUniform() }
    let first = rng.nextInt(below: half)
    let second = half + rng.nextInt(below: max(1, lag - half))
    steps[first][b, 1] = 1
    steps[second][b, 1] = 1
    targets[b, 0] = steps[first][b, 0] + steps[second][b, 0]
  }
  return (steps, targets)
}

/// Test MSE of a trained regressor on `count` fresh sequences.
func addingTestError<Cell: RecurrentCell>(
  _ model: SequenceRegressor<Cell>, lag: Int, count: Int, seed: UInt64
) -> Double {
  var rng = Xoshiro256StarStar(seed: seed)
  var total = 0.0
  var seen = 0
  while seen < count {
    let n = min(250, count - seen)
    let batch = addingBatch(lag: lag, batch: n, using: &rng)
    let residual = model.predict(batch.inputs) - batch.targets
    total += residual.elements.reduce(0) { $0 + $1 * $1 }
    seen += n
  }
  return total / Double(count)
}

/// Trains one cell kind on one lag and returns its test MSE and its loss curve.
func addingRun<Cell: RecurrentCell>(
  _ cell: Cell, lag: Int, sizes: ExperimentSizes, seed: UInt64,
  using rng: inout Xoshiro256StarStar
) throws -> (mse: Double, curve: [Double]) {
  var model = SequenceRegressor(
    cell: cell, readout: Readout(hiddenSize: cell.hiddenSize, outputSize: 1, using: &rng))
  var adam = Adam(learningRate: 3e-3)
  let record = try trainRegressor(
    &model, steps: sizes.addingSteps, optimizer: &adam, clippingAt: 1,
    makeBatch: { addingBatch(lag: lag, batch: sizes.addingBatch, using: &$0) }, using: &rng)
  return (addingTestError(model, lag: lag, count: sizes.addingTestCount, seed: seed), record.losses)
}

func runAddingProblem(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("3. Long-range memory: the adding problem")
  var rng = run.makeGenerator(for: "adding")
  let h = sizes.addingHidden
  let names = ["tanh RNN", "LSTM", "GRU"]
  var errors = [[Double]](repeating: [], count: 3)
  var curves: [[Double]] = []
  // The training curves shown are those at lag 100 (the goal's lag) in full mode.
  let featured = sizes.addingLags[min(3, sizes.addingLags.count - 1)]
  let progress = run.progress(total: sizes.addingLags.count * 3, label: "adding problem")
  for lag in sizes.addingLags {
    let seed = run.options.seed &+ UInt64(lag) &* 7919
    let rnn = try addingRun(
      RNNCell(inputSize: 2, hiddenSize: h, using: &rng), lag: lag, sizes: sizes, seed: seed,
      using: &rng)
    progress.advance()
    let lstm = try addingRun(
      LSTMCell(inputSize: 2, hiddenSize: h, using: &rng), lag: lag, sizes: sizes, seed: seed,
      using: &rng)
    progress.advance()
    let gru = try addingRun(
      GRUCell(inputSize: 2, hiddenSize: h, using: &rng), lag: lag, sizes: sizes, seed: seed,
      using: &rng)
    progress.advance()
    for (k, r) in [rnn, lstm, gru].enumerated() { errors[k].append(r.mse) }
    if lag == featured { curves = [rnn.curve, lstm.curve, gru.curve] }
  }
  progress.finish()
  run.table(
    header: ["lag"] + names,
    rows: sizes.addingLags.indices.map { i in
      ["\(sizes.addingLags[i])"] + (0..<3).map { String(format: "%.4f", errors[$0][i]) }
    })
  run.say("baseline (always answer 1): MSE = 1/6 ≈ 0.1667")

  let figure = Figure(width: 1400, height: 620, rows: 1, columns: 2)
  let left = figure[0, 0]
  left.title = "Only the gated cells carry a value across long lags"
  left.xLabel = "lag (sequence length, steps)"
  left.yLabel = "test MSE (log scale)"
  left.xScale = .log
  left.yScale = .log
  let lags = sizes.addingLags.map(Double.init)
  for k in 0..<3 {
    left.line(x: lags, y: errors[k].map { max($0, 1e-6) }, label: names[k], marker: .circle)
  }
  left.horizontalLine(y: 1.0 / 6, label: "answer 1: MSE 0.167")
  left.horizontalLine(y: 0.01, label: "goal 0.01", color: .darkGrey, style: .dotted)
  let right = figure[0, 1]
  right.title = "Training at lag \(featured): the RNN stays at the baseline"
  right.xLabel = "training step"
  right.yLabel = "training MSE (moving average of 50, log scale)"
  right.yScale = .log
  for k in 0..<3 where k < curves.count {
    right.line(y: movingAverage(curves[k], window: 50), label: names[k])
  }
  right.horizontalLine(y: 1.0 / 6, label: "answer 1")
  try run.save(
    figure, name: "adding-problem",
    caption: "Adding problem: test MSE against the lag for tanh RNN, LSTM and GRU (same "
      + "hidden size, steps and optimizer), and the training curves at lag \(featured).")

  var json: [String: JSONValue] = [
    "lags": .numbers(lags), "baseline_mse": .number(1.0 / 6), "hidden": .number(Double(h)),
    "steps": .number(Double(sizes.addingSteps)), "featured_lag": .number(Double(featured)),
  ]
  for (k, key) in ["rnn", "lstm", "gru"].enumerated() {
    json[key] = .numbers(errors[k])
    for (i, lag) in sizes.addingLags.enumerated() {
      json["\(key)_mse_lag_\(lag)"] = .number(errors[k][i])
    }
  }
  return .object(json)
}
