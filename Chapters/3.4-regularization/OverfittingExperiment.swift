import ChapterKit
import Layers
import NumericsCore
import Plot

// Experiment 1: overfitting made visible. A wide MLP trained on 1,000 images for many epochs
// fits its training set almost perfectly, while validation and test accuracy stall and the
// validation loss turns upwards: the network memorises what it cannot generalise.

/// Runs experiment 1; returns its summary and the baseline run (reused by experiment 2).
func runOverfittingExperiment(
  data: ChapterData, sizes: ExperimentSizes, run: ChapterRun
) throws
  -> (summary: JSONValue, baseline: SmallRun)
{
  run.section("1. Overfitting: a wide MLP on \(data.small.count) training images")
  let result = try trainSmallSet(
    SmallRunSettings(epochs: sizes.epochs, curves: true), data: data, sizes: sizes,
    seed: seedFor(run, index: 0), run: run)
  run.say(
    "network: \(result.network)  (\(result.network.parameterCount) parameters), SGD momentum 0.9")
  let epochs = result.history.epochs
  let every = max(1, epochs.count / 8)
  run.table(
    header: ["epoch", "train loss", "train acc", "validation loss", "validation acc", "test acc"],
    rows: epochs.indices.filter { ($0 + 1) % every == 0 || $0 == 0 }.map { k in
      let e = epochs[k]
      return [
        "\(e.epoch)", formatNumber(e.training?.loss ?? .nan), percent(e.training?.accuracy ?? .nan),
        formatNumber(e.validation?.loss ?? .nan), percent(e.validation?.accuracy ?? .nan),
        percent(result.testCurve[k].accuracy ?? .nan),
      ]
    })
  let last = epochs[epochs.count - 1]
  let trainAccuracy = last.training?.accuracy ?? .nan
  let testAccuracy = result.test.accuracy ?? .nan
  let validationLosses = epochs.map { $0.validation?.loss ?? .infinity }
  let bestEpoch =
    (validationLosses.indices.min { validationLosses[$0] < validationLosses[$1] } ?? 0) + 1
  run.say(
    "gap after \(last.epoch) epochs: training \(percent(trainAccuracy)) − test "
      + "\(percent(testAccuracy)) = \(formatNumber((trainAccuracy - testAccuracy) * 100, digits: 3)) "
      + "points; the validation loss was lowest at epoch \(bestEpoch) and rose afterwards")
  try saveCurves(result, run: run, bestEpoch: bestEpoch)
  let summary: JSONValue = [
    "train_accuracy": .number(trainAccuracy),
    "validation_accuracy": .number(result.validation.accuracy ?? .nan),
    "test_accuracy": .number(testAccuracy),
    "gap": .number(trainAccuracy - testAccuracy),
    "best_validation_loss_epoch": .number(Double(bestEpoch)),
    "epochs": .number(Double(last.epoch)),
    "final_validation_loss": .number(last.validation?.loss ?? .nan),
    "best_validation_loss": .number(validationLosses[bestEpoch - 1]),
  ]
  return (summary, result)
}

private func saveCurves(_ result: SmallRun, run: ChapterRun, bestEpoch: Int) throws {
  let epochs = result.history.epochs
  let x = epochs.map { Double($0.epoch) }
  let last = epochs[epochs.count - 1]
  let figure = Figure(
    width: 1300, height: 600, rows: 1, columns: 2,
    title: "Overfitting: \(percent(last.training?.accuracy ?? .nan)) on the training set, "
      + "\(percent(result.test.accuracy ?? .nan)) on the test set; validation loss rises after "
      + "epoch \(bestEpoch)")
  let accuracy = figure[0, 0]
  accuracy.title = "accuracy"
  accuracy.xLabel = "epoch"
  accuracy.yLabel = "accuracy (%)"
  accuracy.line(x: x, y: epochs.map { ($0.training?.accuracy ?? .nan) * 100 }, label: "training")
  accuracy.line(
    x: x, y: epochs.map { ($0.validation?.accuracy ?? .nan) * 100 }, label: "validation")
  accuracy.line(
    x: x, y: result.testCurve.map { ($0.accuracy ?? .nan) * 100 }, label: "test", style: .dashed)
  accuracy.legendPosition = .lowerRight
  let loss = figure[0, 1]
  loss.title = "cross-entropy loss"
  loss.xLabel = "epoch"
  loss.yLabel = "loss (log scale)"
  loss.yScale = .log
  loss.line(x: x, y: epochs.map { $0.training?.loss ?? .nan }, label: "training")
  loss.line(x: x, y: epochs.map { $0.validation?.loss ?? .nan }, label: "validation")
  loss.line(x: x, y: result.testCurve.map(\.loss), label: "test", style: .dashed)
  loss.verticalLine(x: Double(bestEpoch), label: "lowest validation loss")
  loss.legendPosition = .lowerLeft
  try run.save(
    figure, name: "overfitting",
    caption: "A 784-256-256-10 MLP on 1,000 training images: the training curves keep "
      + "improving, validation and test stop; the gap is overfitting.")
}
