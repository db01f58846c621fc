import ChapterKit
import Layers
import NumericsCore
import Plot
import Regularization

// Experiment 3: what L1 and L2 do to the weights. L2 pulls each weight towards 0 in
// proportion to its size: all weights shrink, none becomes exactly 0. Proximal L1 pulls by
// a constant amount and stops at 0: many weights become exactly 0 (a sparse network). And
// both, too strong, underfit: the λ sweep goes from overfitting to underfitting.

/// Runs experiment 3 and returns its summary.
func runSparsityExperiment(
  data: ChapterData, sizes: ExperimentSizes, run: ChapterRun
) throws
  -> JSONValue
{
  run.section("3. L1 against L2: exact zeros, and the λ sweep")
  let seed = seedFor(run, index: 0)
  func sweep(_ values: [Double], _ make: (Double) -> Regularization) throws -> [SmallRun] {
    try values.map { value in
      try trainSmallSet(
        SmallRunSettings(regularization: make(value), epochs: sizes.epochs), data: data,
        sizes: sizes, seed: seed, run: run)
    }
  }
  let l2Runs = try sweep(sizes.l2Sweep) { Regularization(l2: $0) }
  let l1Runs = try sweep(sizes.l1Sweep) { Regularization(l1: $0) }
  let none = try trainSmallSet(
    SmallRunSettings(epochs: sizes.epochs), data: data, sizes: sizes, seed: seed, run: run)
  // The featured strengths: those with the best validation accuracy in each sweep.
  let l2Best = bestIndex(l2Runs)
  let l1Best = bestIndex(l1Runs)
  let subgradient = try trainSmallSet(
    SmallRunSettings(
      regularization: Regularization(l1: sizes.l1Sweep[l1Best], l1Form: .subgradient),
      epochs: sizes.epochs), data: data, sizes: sizes, seed: seed, run: run)

  var rows = [[String]]()
  for (name, values, runs) in [("L2", sizes.l2Sweep, l2Runs), ("L1", sizes.l1Sweep, l1Runs)] {
    for (value, result) in zip(values, runs) {
      rows.append([
        name, formatNumber(value), percent(fractionOfExactZeros(weightMatrices(result.network))),
        percent(trainingAccuracy(result)),
        percent(result.validation.accuracy ?? .nan), percent(result.test.accuracy ?? .nan),
      ])
    }
  }
  run.table(
    header: ["penalty", "λ", "exact zeros", "train acc", "validation acc", "test acc"], rows: rows)
  let zeros = (
    none: fractionOfExactZeros(weightMatrices(none.network)),
    l2: fractionOfExactZeros(weightMatrices(l2Runs[l2Best].network)),
    l1: fractionOfExactZeros(weightMatrices(l1Runs[l1Best].network)),
    subgradient: fractionOfExactZeros(weightMatrices(subgradient.network))
  )
  run.say(
    "exact zeros: none \(percent(zeros.none)), L2 λ=\(formatNumber(sizes.l2Sweep[l2Best])) "
      + "\(percent(zeros.l2)), proximal L1 λ=\(formatNumber(sizes.l1Sweep[l1Best])) "
      + "\(percent(zeros.l1)), the same L1 as a subgradient \(percent(zeros.subgradient))")
  try saveHistograms(
    none: none, l2: l2Runs[l2Best], l1: l1Runs[l1Best],
    labels: (formatNumber(sizes.l2Sweep[l2Best]), formatNumber(sizes.l1Sweep[l1Best])),
    zeros: (zeros.l2, zeros.l1), run: run)
  try saveSweep(
    l2: (sizes.l2Sweep, l2Runs), l1: (sizes.l1Sweep, l1Runs), baseline: none, run: run)
  func sweepJSON(_ values: [Double], _ runs: [SmallRun]) -> JSONValue {
    .array(
      zip(values, runs).map { value, result in
        [
          "lambda": .number(value), "train_accuracy": .number(trainingAccuracy(result)),
          "validation_accuracy": .number(result.validation.accuracy ?? .nan),
          "test_accuracy": .number(result.test.accuracy ?? .nan),
          "zero_fraction": .number(fractionOfExactZeros(weightMatrices(result.network))),
        ]
      })
  }
  let largest = (l2: l2Runs[l2Runs.count - 1], l1: l1Runs[l1Runs.count - 1])
  return [
    "zero_fraction": [
      "none": .number(zeros.none), "l2": .number(zeros.l2), "l1_proximal": .number(zeros.l1),
      "l1_subgradient": .number(zeros.subgradient),
    ],
    "featured_lambda": [
      "l2": .number(sizes.l2Sweep[l2Best]), "l1": .number(sizes.l1Sweep[l1Best]),
    ],
    "largest_lambda_test_accuracy": [
      "l2": .number(largest.l2.test.accuracy ?? .nan),
      "l1": .number(largest.l1.test.accuracy ?? .nan),
    ],
    "largest_lambda_train_accuracy": [
      "l2": .number(trainingAccuracy(largest.l2)), "l1": .number(trainingAccuracy(largest.l1)),
    ],
    "l2_sweep": sweepJSON(sizes.l2Sweep, l2Runs),
    "l1_sweep": sweepJSON(sizes.l1Sweep, l1Runs),
  ]
}

private func bestIndex(_ runs: [SmallRun]) -> Int {
  runs.indices.max { (runs[$0].validation.accuracy ?? 0) < (runs[$1].validation.accuracy ?? 0) }
    ?? 0
}

/// The accuracy on the small training set after training, at inference.
func trainingAccuracy(_ result: SmallRun) -> Double {
  result.training.accuracy ?? .nan
}

private func saveHistograms(
  none: SmallRun, l2: SmallRun, l1: SmallRun, labels: (String, String), zeros: (Double, Double),
  run: ChapterRun
) throws {
  let figure = Figure(
    width: 1400, height: 560, rows: 1, columns: 3,
    title: "L2 shrinks every weight; L1 sets many to exactly 0",
    sharedX: true)
  let panels: [(String, SmallRun)] = [
    ("no penalty", none), ("L2 λ=\(labels.0): \(percent(zeros.0)) zeros", l2),
    ("proximal L1 λ=\(labels.1): \(percent(zeros.1)) zeros", l1),
  ]
  for (k, (title, result)) in panels.enumerated() {
    let axes = figure[0, k]
    axes.title = title
    axes.xLabel = "first-layer weight"
    // A linear count axis: on a log axis the bins below its lower limit vanish, which hid
    // every non-zero L1 weight behind the spike at 0.
    axes.yLabel = k == 0 ? "number of weights" : ""
    let w = weightMatrices(result.network)[0].elements
    axes.histogram(values: w.map { min(max($0, -0.3), 0.3) }, bins: 61, color: .okabeIto(k))
  }
  try run.save(
    figure, name: "weight-histograms",
    caption: "First-layer weights after training (clipped to ±0.3 for display): L2 narrows "
      + "the distribution, proximal L1 piles weights on exactly 0.")
}

private func saveSweep(
  l2: ([Double], [SmallRun]), l1: ([Double], [SmallRun]), baseline: SmallRun, run: ChapterRun
) throws {
  let figure = Figure(
    width: 1300, height: 600, rows: 1, columns: 2,
    title: "Too large a λ underfits: training and validation accuracy fall together")
  for (k, (name, sweep)) in [("L2", l2), ("L1 (proximal)", l1)].enumerated() {
    let axes = figure[0, k]
    axes.title = name
    axes.xLabel = "λ (log scale)"
    axes.yLabel = "accuracy (%)"
    axes.xScale = .log
    axes.line(
      x: sweep.0, y: sweep.1.map { trainingAccuracy($0) * 100 }, label: "training", marker: .circle)
    axes.line(
      x: sweep.0, y: sweep.1.map { ($0.validation.accuracy ?? .nan) * 100 }, label: "validation",
      marker: .square)
    axes.horizontalLine(
      y: (baseline.validation.accuracy ?? .nan) * 100, label: "validation, no penalty")
    axes.legendPosition = .best
  }
  try run.save(
    figure, name: "lambda-sweep",
    caption: "Accuracy after training against the penalty strength: small λ overfits (training "
      + "≫ validation), large λ underfits (both low).")
}
