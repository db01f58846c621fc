import ChapterKit
import Datasets
import Layers
import Losses
import NumericsCore
import Plot
import Production

/// Part 1: accuracy and confidence under distribution shift; calibration before and after
/// temperature scaling.
func runReliability(
  model: Sequential, sizes: ProductionSizes, data: ProductionData, run: ChapterRun
)
  throws
{
  run.section("1. Reliability: shift, confidence and calibration")
  var rng = run.makeGenerator(for: "corruptions")
  let (h, w) = (FashionMNIST.imageHeight, FashionMNIST.imageWidth)
  var rows = [[String]]()
  var shift: [String: JSONValue] = [:]
  let figure = Figure(
    width: 1400, height: 900, rows: 2, columns: 2,
    title: "Under shift, accuracy falls much faster than confidence: the model fails silently")
  for (index, corruption) in Corruption.allCases.enumerated() {
    var accuracies = [Double](), confidences = [Double]()
    for severity in 0...5 {
      let images = corruption.apply(
        to: data.test.features, height: h, width: w, severity: severity, using: &rng)
      let probabilities = softmax(model.predict(images))
      let predictions = probabilities.rowArgmax()
      let accuracy =
        Double(zip(predictions, data.test.labels).filter { $0 == $1 }.count)
        / Double(data.test.count)
      let confidence = probabilities.rowMaxima().mean()
      accuracies.append(accuracy)
      confidences.append(confidence)
      rows.append([
        corruption.rawValue, "\(severity)", formatPercent(accuracy, decimals: 2),
        formatPercent(confidence, decimals: 2),
      ])
    }
    shift[corruption.rawValue] = .object([
      "accuracy": .numbers(accuracies), "mean_confidence": .numbers(confidences),
    ])
    let axes = figure[index / 2, index % 2]
    axes.title = corruptionTitle(corruption)
    axes.xLabel = "severity"
    axes.yLabel = "fraction"
    axes.yLimits = 0...1
    let severities = (0...5).map(Double.init)
    axes.line(x: severities, y: accuracies, label: "accuracy", marker: .circle)
    axes.line(
      x: severities, y: confidences, label: "mean confidence", style: .dashed, marker: .square)
  }
  run.table(header: ["corruption", "severity", "accuracy", "mean confidence"], rows: rows)
  run.summary["shift"] = .object(shift)
  try run.save(
    figure, name: "shift",
    caption: "Test accuracy (solid) and mean top-class probability (dashed) of the 3.1 MLP as "
      + "the test images are corrupted at severities 0–5: the gap between the two is the "
      + "confidence the model has but has not earned.")

  // Calibration: fit T on the validation split, evaluate on the test set.
  let validationLogits = model.predict(data.validation.features)
  let temperature = fitTemperature(logits: validationLogits, labels: data.validation.labels)
  let testLogits = model.predict(data.test.features)
  let before = softmax(testLogits)
  let after = softmax(testLogits / temperature)
  let eceBefore = expectedCalibrationError(probabilities: before, labels: data.test.labels)
  let eceAfter = expectedCalibrationError(probabilities: after, labels: data.test.labels)
  let nllBefore = softmaxCrossEntropy(logits: testLogits, labels: data.test.labels).value
  let nllAfter = temperatureScaledNLL(
    logits: testLogits, labels: data.test.labels, temperature: temperature)
  run.table(
    header: ["", "ECE (15 bins)", "test NLL"],
    rows: [
      ["before", formatPercent(eceBefore, decimals: 2), formatNumber(nllBefore, digits: 4)],
      [
        "after T = \(formatNumber(temperature, digits: 3))", formatPercent(eceAfter, decimals: 2),
        formatNumber(nllAfter, digits: 4),
      ],
    ])
  run.summary["calibration"] = .object([
    "temperature": .number(temperature), "ece_before": .number(eceBefore),
    "ece_after": .number(eceAfter), "nll_before": .number(nllBefore),
    "nll_after": .number(nllAfter),
    "bins": .number(15),
  ])
  try saveReliabilityDiagram(
    before: before, after: after, temperature: temperature, data: data, run: run)
}

private func corruptionTitle(_ corruption: Corruption) -> String {
  switch corruption {
  case .gaussianNoise: return "Gaussian noise (σ = 0.08 × severity)"
  case .blur: return "Box blur (radius = severity px)"
  case .shift: return "Shift (severity px right and down)"
  case .contrast: return "Contrast (× 1 − 0.18 × severity)"
  }
}

private func saveReliabilityDiagram(
  before: Matrix, after: Matrix, temperature: Double, data: ProductionData, run: ChapterRun
) throws {
  let figure = Figure(
    width: 1400, height: 650, rows: 1, columns: 2,
    title: "Temperature scaling (fitted on validation) brings confidence in line with accuracy")
  for (index, (probabilities, name)) in [
    (before, "before"), (after, "after T = \(formatNumber(temperature, digits: 3))"),
  ].enumerated() {
    let bins = reliabilityBins(probabilities: probabilities, labels: data.test.labels)
    let ece = expectedCalibrationError(probabilities: probabilities, labels: data.test.labels)
    let axes = figure[0, index]
    axes.title = "\(name): ECE \(formatPercent(ece, decimals: 2))"
    axes.xLabel = "confidence (top-class probability)"
    axes.yLabel = "accuracy in the bin"
    axes.xLimits = 0...1
    axes.yLimits = 0...1
    let used = bins.filter { $0.count > 0 }
    axes.line(x: [0, 1], y: [0, 1], label: "perfect calibration", color: .grey, style: .dashed)
    axes.line(
      x: used.map(\.meanConfidence), y: used.map(\.accuracy), label: "15 equal-width bins",
      marker: .circle)
  }
  try run.save(
    figure, name: "reliability-diagram",
    caption: "Reliability diagrams of the 3.1 MLP on the test set, before and after dividing "
      + "the logits by one temperature fitted on the validation split by minimising the NLL. "
      + "Points below the diagonal are over-confident bins.")
}
