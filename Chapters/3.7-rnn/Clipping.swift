import ChapterKit
import Foundation
import NumericsCore
import Optimizers
import Plot
import Recurrent

// Experiment 2: clipping by global norm on a task whose gradients explode. A tanh RNN whose
// recurrent matrix starts with spectral radius 1.5 (in the growing regime of experiment 1)
// learns the adding problem with plain SGD: unclipped, its rare huge gradients throw the
// weights far away (loss spikes, possibly NaN); clipped to norm 1 (Pascanu, Mikolov &
// Bengio, "On the difficulty of training recurrent neural networks", ICML 2013) the
// direction of each step is kept and its length bounded.

func runClipping(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("2. Clipping by global norm on an exploding task")
  let h = sizes.clipHidden
  var records: [TrainingRecord] = []
  for threshold in [nil, sizes.clipThreshold] as [Double?] {
    // The same initial weights and the same batches for both runs.
    var rng = run.makeGenerator(for: "clipping")
    var cell = RNNCell(inputSize: 2, hiddenSize: h, using: &rng)
    cell.parameters.weightHH = randomOrthogonal(h, using: &rng) * 1.5
    var model = SequenceRegressor(
      cell: cell, readout: Readout(hiddenSize: h, outputSize: 1, using: &rng))
    var sgd = SGD(learningRate: sizes.clipLearningRate)
    records.append(
      try trainRegressor(
        &model, steps: sizes.clipSteps, optimizer: &sgd, clippingAt: threshold,
        stopOnDivergence: false,
        makeBatch: { addingBatch(lag: sizes.clipLag, batch: 32, using: &$0) }, using: &rng))
  }
  let (plain, clipped) = (records[0], records[1])
  let clippedFraction = Double(clipped.clippedSteps) / Double(max(1, clipped.losses.count))
  let exceeded = plain.gradientNorms.filter { $0 > sizes.clipThreshold }.count
  func tail(_ r: TrainingRecord) -> Double {
    let last = r.losses.suffix(50)
    return last.isEmpty ? .nan : last.reduce(0, +) / Double(last.count)
  }
  run.table(
    header: ["run", "steps", "max ‖g‖", "final loss (mean of last 50)", "clipped steps"],
    rows: [
      [
        "SGD, no clipping",
        "\(plain.losses.count)\(plain.divergedAt.map { " (diverged at \($0))" } ?? "")",
        String(format: "%.3g", plain.gradientNorms.max() ?? 0), String(format: "%.4f", tail(plain)),
        "—",
      ],
      [
        "SGD, clip at \(sizes.clipThreshold)", "\(clipped.losses.count)",
        String(format: "%.3g", clipped.gradientNorms.max() ?? 0),
        String(format: "%.4f", tail(clipped)),
        String(format: "%d (%.1f%%)", clipped.clippedSteps, 100 * clippedFraction),
      ],
    ])

  let figure = Figure(width: 1400, height: 620, rows: 1, columns: 2)
  let left = figure[0, 0]
  left.title = "Unclipped, exploding steps wreck the weights"
  left.xLabel = "training step"
  left.yLabel = "training MSE (log scale)"
  left.yScale = .log
  left.line(
    y: plain.losses.map { min($0, 1e6) }, label: "no clipping (capped at 10⁶ to show)", width: 1.5)
  left.line(y: clipped.losses, label: "clipped at ‖g‖ = \(sizes.clipThreshold)", width: 1.5)
  let right = figure[0, 1]
  right.title = String(
    format: "Gradient norms: clipping acted on %.0f%% of the steps", 100 * clippedFraction)
  right.xLabel = "training step"
  right.yLabel = "global gradient norm before clipping (log scale)"
  right.yScale = .log
  right.line(y: plain.gradientNorms.map { max($0, 1e-12) }, label: "no clipping", width: 1.5)
  right.line(y: clipped.gradientNorms.map { max($0, 1e-12) }, label: "clipped run", width: 1.5)
  right.horizontalLine(y: sizes.clipThreshold, label: "threshold")
  try run.save(
    figure, name: "clipping",
    caption: "A tanh RNN started at spectral radius 1.5 trained with SGD on the adding "
      + "problem (lag \(sizes.clipLag)), with and without clipping by global norm.")
  return [
    "threshold": .number(sizes.clipThreshold), "lag": .number(Double(sizes.clipLag)),
    "learning_rate": .number(sizes.clipLearningRate),
    "clipped_fraction": .number(clippedFraction),
    "clipped_fraction_percent": .number(100 * clippedFraction),
    "unclipped_steps_over_threshold": .number(Double(exceeded)),
    "unclipped_max_norm": .number(plain.gradientNorms.max() ?? 0),
    "clipped_max_norm": .number(clipped.gradientNorms.max() ?? 0),
    "unclipped_final_loss": .number(tail(plain)), "clipped_final_loss": .number(tail(clipped)),
    "unclipped_diverged_at": plain.divergedAt.map { .number(Double($0)) } ?? .null,
  ]
}
