import ChapterKit
import Datasets
import Foundation
import NumericsCore
import Optimizers
import Plot
import Recurrent

// Experiment 4: a character-level LSTM language model on the word list, with 3.6's split,
// scored by per-symbol perplexity exactly like 3.6's n-grams (each word bracketed by the
// boundary symbol, the end symbol predicted too), then sampled at three temperatures.

/// 3.6's best n-gram test perplexity from `<output>/sequences/summary.json`, or else from
/// the course's `Figures/sequences/summary.json` (an exploration writes elsewhere), if
/// present.
func ngramBaseline(output: String) -> Double? {
  let folders = [output, ChapterOptions.courseDirectory]
  guard
    let data = folders.lazy.compactMap({
      try? Data(
        contentsOf: URL(fileURLWithPath: $0).appendingPathComponent("sequences/summary.json"))
    }).first,
    let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let best = root["best_ngram"] as? [String: Any],
    let value = (best["test_perplexity"] as? NSNumber)?.doubleValue
  else { return nil }
  return value
}

/// The weight averaging of a recipe, for the summary: none, uniform, or exponential β.
func averagingDescription(_ recipe: LanguageModelRecipe) -> String {
  guard recipe.averagedFraction > 0 else { return "none" }
  switch recipe.averaging {
  case .uniform: return "uniform"
  case .exponential(let decay): return "exponential \(decay)"
  }
}

func runLanguageModel(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("4. A character language model on the word list")
  // The same words and the same split as 3.6 (Datasets' `WordList.split`), so the two
  // chapters' perplexities are measured on the same test words.
  let split: WordSplit
  do {
    split = try WordList.split()
  } catch {
    throw ChapterError.data("\(error)")
  }
  let limit = sizes.lmWordLimit ?? Int.max
  let training = split.training.prefix(limit).map(symbols)
  let validation = split.validation.prefix(limit / 4).map(symbols)
  let test = split.test.prefix(limit / 4).map(symbols)
  run.say("words: \(training.count) training, \(validation.count) validation, \(test.count) test")

  var rng = run.makeGenerator(for: "language-model")
  let recipe = sizes.lmRecipe
  let trained = try trainLanguageModel(
    recipe, training: training, validation: validation, run: run, using: &rng)
  let model = trained.model
  let validationCurve = trained.validationCurve
  let h = recipe.hidden
  run.say(
    String(
      format: "training: %.1f s, %d steps, %.0f words/s, clipped %d steps",
      trained.seconds, trained.steps,
      Double(training.count * recipe.epochs) / trained.seconds, trained.clippedSteps))
  let testPerplexity = perplexity(model, on: test)
  // float64 products, as the test (the curve's last point used the training precision).
  let validationPerplexity = perplexity(model, on: validation)
  let baseline = ngramBaseline(output: run.directory.deletingLastPathComponent().path)

  var samples: [String: JSONValue] = [:]
  var sampleRows: [[String]] = []
  var novelAt1 = 0
  let trainingSet = Set(split.training)
  for temperature in [0.5, 1.0, 1.5] {
    var words: [String] = []
    for _ in 0..<sizes.lmSamples {
      words.append(spelling(model.sample(temperature: temperature, maximumLength: 24, using: &rng)))
    }
    if temperature == 1 { novelAt1 = words.filter { !trainingSet.contains($0) }.count }
    samples[String(temperature)] = .array(words.map(JSONValue.string))
    sampleRows.append([String(temperature), words.joined(separator: " ")])
  }

  run.table(
    header: ["model", "validation perplexity", "test perplexity"],
    rows: [
      [
        "LSTM, \(recipe.layers) × \(h) hidden", String(format: "%.3f", validationPerplexity),
        String(format: "%.3f", testPerplexity),
      ],
      ["3.6 best n-gram", "—", baseline.map { String(format: "%.3f", $0) } ?? "3.6 not run"],
    ])
  run.table(header: ["temperature", "sampled words"], rows: sampleRows)

  let figure = Figure(width: 1400, height: 620, rows: 1, columns: 2)
  let left = figure[0, 0]
  let epochs = (1...recipe.epochs).map(Double.init)
  left.title = "Training perplexity falls far below validation: the LSTM overfits"
  left.xLabel = "epoch"
  left.yLabel = "perplexity per predicted symbol"
  left.line(
    x: epochs, y: trained.trainingCurve,
    label: "training words (a sample of \(min(training.count, 2000)))",
    marker: .square)
  left.line(x: epochs, y: validationCurve, label: "validation", marker: .circle)
  if let baseline { left.horizontalLine(y: baseline, label: "3.6 best n-gram (test)") }
  let right = figure[0, 1]
  // The values in the labels: the bars differ by a few percent, too little to read off
  // an axis that starts at 0 (and an axis that does not would exaggerate the gap).
  var labels = [
    String(format: "LSTM validation %.3f", validationPerplexity),
    String(format: "LSTM test %.3f", testPerplexity),
  ]
  var heights = [validationPerplexity, testPerplexity]
  if let baseline {
    labels.append(String(format: "3.6 n-gram test %.3f", baseline))
    heights.append(baseline)
  }
  right.title =
    baseline.map {
      testPerplexity < $0
        ? "The LSTM beats 3.6's best n-gram on the test words"
        : "3.6's best n-gram still beats this LSTM on the test words"
    } ?? String(format: "Test perplexity %.2f (a uniform guess: 27)", testPerplexity)
  right.xLabel = "model"
  right.yLabel = "perplexity per predicted symbol"
  right.bars(labels: labels, heights: heights)
  try run.save(
    figure, name: "language-model",
    caption: "Character LSTM on the word list (3.6's split): training and validation "
      + "perplexity, and test perplexity next to 3.6's best n-gram.")

  return [
    "layers": .number(Double(recipe.layers)), "hidden": .number(Double(h)),
    "dropout": .number(recipe.dropout), "epochs": .number(Double(recipe.epochs)),
    "learning_rate": .number(recipe.learningRate),
    "training_precision": .string(recipe.precision.rawValue),
    "schedule": .string(trained.schedule.description),
    "weight_decay": .number(recipe.weightDecay),
    "averaged_fraction": .number(recipe.averagedFraction),
    "averaging": .string(averagingDescription(recipe)),
    "averaged_validation_curve": .numbers(trained.averagedValidationCurve),
    "steps": .number(Double(trained.steps)), "batch": .number(Double(recipe.batch)),
    "clip_threshold": .number(recipe.clipThreshold),
    "clipped_fraction": .number(Double(trained.clippedSteps) / Double(trained.steps)),
    "training_seconds": .number(trained.seconds),
    "training_words": .number(Double(training.count)),
    "validation_words": .number(Double(validation.count)),
    "test_words": .number(Double(test.count)),
    "validation_perplexity": .number(validationPerplexity),
    "test_perplexity": .number(testPerplexity),
    "validation_curve": .numbers(validationCurve),
    "training_sample_curve": .numbers(trained.trainingCurve),
    "ngram_test_perplexity": baseline.map(JSONValue.number) ?? .string("3.6 not run"),
    "beats_ngram": baseline.map { JSONValue.bool(testPerplexity < $0) } ?? .null,
    "samples": .object(samples), "novel_samples_at_1": .number(Double(novelAt1)),
  ]
}
