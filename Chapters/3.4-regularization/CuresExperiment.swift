import ChapterKit
import Layers
import NumericsCore
import Plot
import Regularization

// Experiment 2: every cure on the same problem. Each strength is chosen on the validation
// split (one seed per candidate), then every configuration is trained with several seeds
// (the same initial weights across configurations) and its test accuracy reported as
// mean ± standard error. The test set chooses nothing.

/// One configuration of experiment 2.
private struct Cure {
  var name: String
  var key: String
  var settings: SmallRunSettings
}

/// Picks, on the validation split, the candidate whose run has the best validation accuracy.
private func tune(
  _ name: String, _ candidates: [Double], make: (Double) -> SmallRunSettings, data: ChapterData,
  sizes: ExperimentSizes, run: ChapterRun
) throws -> (value: Double, rows: [[String]]) {
  var best = (value: candidates[0], accuracy: -1.0)
  var rows = [[String]]()
  for value in candidates {
    let result = try trainSmallSet(
      make(value), data: data, sizes: sizes, seed: seedFor(run, index: 0), run: run)
    let accuracy = result.validation.accuracy ?? 0
    rows.append([name, formatNumber(value), percent(accuracy)])
    if accuracy > best.accuracy { best = (value, accuracy) }
  }
  return (best.value, rows)
}

/// Runs experiment 2 and returns its summary.
func runCuresExperiment(
  data: ChapterData, sizes: ExperimentSizes, run: ChapterRun
) throws
  -> (summary: JSONValue, maxNorm: Double)
{
  run.section("2. The cures side by side, each tuned on the validation split")
  let epochs = sizes.epochs
  let l2 = try tune(
    "L2 λ", sizes.l2Candidates,
    make: { SmallRunSettings(regularization: Regularization(l2: $0), epochs: epochs) },
    data: data, sizes: sizes, run: run)
  let l1 = try tune(
    "L1 λ (proximal)", sizes.l1Candidates,
    make: { SmallRunSettings(regularization: Regularization(l1: $0), epochs: epochs) },
    data: data, sizes: sizes, run: run)
  let maxNorm = try tune(
    "max-norm c", sizes.maxNormCandidates,
    make: { SmallRunSettings(regularization: Regularization(maxNorm: $0), epochs: epochs) },
    data: data, sizes: sizes, run: run)
  run.table(header: ["tuned", "value", "validation acc"], rows: l2.rows + l1.rows + maxNorm.rows)

  let cures = [
    Cure(name: "none", key: "none", settings: SmallRunSettings(epochs: epochs)),
    Cure(
      name: "L2 λ=\(formatNumber(l2.value))", key: "l2",
      settings: SmallRunSettings(regularization: Regularization(l2: l2.value), epochs: epochs)),
    Cure(
      name: "L1 λ=\(formatNumber(l1.value))", key: "l1",
      settings: SmallRunSettings(regularization: Regularization(l1: l1.value), epochs: epochs)),
    Cure(
      name: "max-norm c=\(formatNumber(maxNorm.value))", key: "max_norm",
      settings: SmallRunSettings(
        regularization: Regularization(maxNorm: maxNorm.value), epochs: epochs)),
    Cure(
      name: "dropout 0.2", key: "dropout_0_2",
      settings: SmallRunSettings(dropout: 0.2, epochs: epochs)),
    Cure(
      name: "dropout 0.5", key: "dropout_0_5",
      settings: SmallRunSettings(dropout: 0.5, epochs: epochs)),
    Cure(
      name: "early stopping", key: "early_stopping",
      settings: SmallRunSettings(patience: 5, epochs: epochs)),
    Cure(
      name: "augmentation", key: "augmentation",
      settings: SmallRunSettings(augmentation: true, epochs: epochs)),
  ]
  var rows = [[String]]()
  var means = [Double]()
  var errors = [Double]()
  var summary = [String: JSONValue]()
  for cure in cures {
    var test = [Double]()
    var validation = [Double]()
    var kept = [Double]()
    for index in 0..<sizes.seeds {
      let result = try trainSmallSet(
        cure.settings, data: data, sizes: sizes, seed: seedFor(run, index: index), run: run)
      test.append(result.test.accuracy ?? .nan)
      validation.append(result.validation.accuracy ?? .nan)
      kept.append(Double(result.keptEpoch))
    }
    let (mean, se) = meanAndStandardError(test)
    let validationMean = meanAndStandardError(validation).mean
    means.append(mean)
    errors.append(se)
    rows.append([
      cure.name, percent(validationMean), percent(mean) + " ± " + formatNumber(se * 100, digits: 2),
    ])
    summary[cure.key] = [
      "test_accuracy": .number(mean), "test_accuracy_se": .number(se),
      "validation_accuracy": .number(validationMean),
      "epochs_kept": .number(meanAndStandardError(kept).mean),
    ]
  }
  run.table(header: ["cure", "validation acc", "test acc ± SE (\(sizes.seeds) seeds)"], rows: rows)
  summary["tuned"] = [
    "l2": .number(l2.value), "l1": .number(l1.value), "max_norm": .number(maxNorm.value),
  ]
  summary["seeds"] = .number(Double(sizes.seeds))
  try saveCuresFigure(names: cures.map(\.name), means: means, errors: errors, run: run)
  return (.object(summary), maxNorm.value)
}

private func saveCuresFigure(
  names: [String], means: [Double], errors: [Double], run: ChapterRun
)
  throws
{
  let best = percentMeansBest(names: names, means: means)
  // The title states what the run found, whichever way it went.
  let beatsBaseline = best.mean - means[0] > 2 * max(errors[best.index], errors[0])
  let title =
    beatsBaseline
    ? "On 1,000 training images \(best.name) helps most: \(percent(best.mean)) against "
      + "\(percent(means[0])) without"
    : "No cure beats plain training by more than 2 SE at this budget (\(percent(means[0])) without)"
  let figure = Figure(width: 1300, height: 650, title: title)
  let axes = figure.axes
  axes.yLabel = "test accuracy (%), mean ± SE over seeds"
  axes.xLabel = "regulariser (strength tuned on the validation split)"
  let percentMeans = means.map { $0 * 100 }
  let low = (zip(percentMeans, errors).map { $0 - $1 * 100 }.min() ?? 0) - 1.5
  let high = (zip(percentMeans, errors).map { $0 + $1 * 100 }.max() ?? 100) + 0.8
  axes.yLimits = low...high
  axes.bars(labels: names, heights: percentMeans, label: "mean test accuracy")
  for (i, (m, se)) in zip(percentMeans, errors).enumerated() {
    axes.line(
      x: [Double(i), Double(i)], y: [m - se * 100, m + se * 100], color: .black, width: 2.5)
  }
  axes.horizontalLine(y: percentMeans[0], label: "no regularisation")
  axes.legendPosition = .upperLeft
  try run.save(
    figure, name: "cures",
    caption: "Test accuracy of each regulariser on the small training set; black bars: ±1 "
      + "standard error over seeds (same initial weights for every regulariser).")
}

/// The configuration with the highest mean test accuracy (ties: the first).
private func percentMeansBest(
  names: [String], means: [Double]
) -> (
  name: String, mean: Double, index: Int
) {
  let k = means.indices.max { means[$0] < means[$1] } ?? 0
  return (names[k], means[k], k)
}
