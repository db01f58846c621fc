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

/// a → 1, …, z → 26; 0 is the boundary.
func symbols(_ word: String) -> [Int] { word.utf8.map { Int($0) - 96 } }

/// The word of a symbol list.
func spelling(_ symbols: [Int]) -> String {
  String(decoding: symbols.map { UInt8($0 + 96) }, as: UTF8.self)
}

/// Batches of word indices of similar length (less padding): sort by length, cut into
/// batches, shuffle the batch order.
func lengthBatches(
  _ words: [[Int]], batchSize: Int, using rng: inout Xoshiro256StarStar
) -> [[Int]] {
  let order = words.indices.sorted { (words[$0].count, $0) < (words[$1].count, $1) }
  var batches = stride(from: 0, to: order.count, by: batchSize).map {
    Array(order[$0..<min($0 + batchSize, order.count)])
  }
  batches.shuffle(using: &rng)
  return batches
}

/// Per-symbol perplexity of a model on a list of words.
func perplexity<Cell: RecurrentCell>(
  _ model: CharacterLanguageModel<Cell>, on words: [[Int]]
) -> Double {
  var total = 0.0
  var count = 0
  for start in stride(from: 0, to: words.count, by: 256) {
    let r = model.negativeLogLikelihood(
      of: Array(words[start..<min(start + 256, words.count)]), computeGradients: false)
    total += r.total
    count += r.count
  }
  return exp(total / Double(count))
}

/// 3.6's best n-gram test perplexity from `<output>/sequences/summary.json`, if present.
func ngramBaseline(output: String) -> Double? {
  let url = URL(fileURLWithPath: output).appendingPathComponent("sequences/summary.json")
  guard let data = try? Data(contentsOf: url),
    let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let best = root["best_ngram"] as? [String: Any],
    let value = (best["test_perplexity"] as? NSNumber)?.doubleValue
  else { return nil }
  return value
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
  let h = sizes.lmHidden
  var model = CharacterLanguageModel(
    cell: LSTMCell(inputSize: 27, hiddenSize: h, using: &rng),
    readout: Readout(hiddenSize: h, outputSize: 27, using: &rng))
  let baseRate = sizes.lmLearningRate
  var adam = Adam(learningRate: baseRate)
  let lmBatch = sizes.lmBatch
  var parameters = model.parameters
  var losses: [Double] = []
  var validationCurve: [Double] = []
  var step = 0
  let progress = run.progress(total: sizes.lmEpochs, label: "language model")
  // The step size decays linearly to 5% of its start over the whole run: with a fixed
  // budget of steps, ending at a small step size is worth more than a constant one.
  let totalSteps = sizes.lmEpochs * ((training.count + lmBatch - 1) / lmBatch)
  let schedule = LearningRateSchedule.linear(from: 1, to: 0.05, steps: totalSteps)
  for _ in 1...sizes.lmEpochs {
    for batch in lengthBatches(training, batchSize: lmBatch, using: &rng) {
      adam.learningRate = schedule.learningRate(base: baseRate, at: step)
      step += 1
      let r = model.negativeLogLikelihood(of: batch.map { training[$0] }, computeGradients: true)
      let loss = r.total / Double(r.count)
      guard loss.isFinite else { throw ChapterError.diverged(step: step, loss: loss) }
      _ = applyUpdate(to: &parameters, gradients: r.gradients, optimizer: &adam, clippingAt: 5)
      model.parameters = parameters
      losses.append(loss)
    }
    validationCurve.append(perplexity(model, on: validation))
    progress.advance(note: String(format: "validation perplexity %.3f", validationCurve.last!))
  }
  progress.finish()
  let testPerplexity = perplexity(model, on: test)
  let validationPerplexity = validationCurve.last!
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
        "LSTM, \(h) hidden", String(format: "%.3f", validationPerplexity),
        String(format: "%.3f", testPerplexity),
      ],
      ["3.6 best n-gram", "—", baseline.map { String(format: "%.3f", $0) } ?? "3.6 not run"],
    ])
  run.table(header: ["temperature", "sampled words"], rows: sampleRows)

  let figure = Figure(width: 1400, height: 620, rows: 1, columns: 2)
  let left = figure[0, 0]
  left.title = "The LSTM's perplexity falls epoch after epoch"
  left.xLabel = "training step (batches of \(sizes.lmBatch) words)"
  left.yLabel = "training perplexity (moving average of 200 steps)"
  left.line(y: movingAverage(losses, window: 200).map(exp), label: "training")
  let perEpoch = Double(losses.count) / Double(sizes.lmEpochs)
  left.line(
    x: (1...sizes.lmEpochs).map { Double($0) * perEpoch }, y: validationCurve,
    label: "validation (end of each epoch)", marker: .circle)
  if let baseline { left.horizontalLine(y: baseline, label: "3.6 best n-gram (test)") }
  let right = figure[0, 1]
  var labels = ["uniform guess", "LSTM validation", "LSTM test"]
  var heights = [27.0, validationPerplexity, testPerplexity]
  if let baseline {
    labels.append("3.6 best n-gram test")
    heights.append(baseline)
  }
  right.title =
    baseline.map {
      testPerplexity < $0
        ? "The LSTM beats 3.6's best n-gram on the test words"
        : "3.6's best n-gram still beats this LSTM on the test words"
    } ?? String(format: "Test perplexity %.2f, against 27 for a uniform guess", testPerplexity)
  right.xLabel = "model"
  right.yLabel = "perplexity per predicted symbol"
  right.bars(labels: labels, heights: heights)
  try run.save(
    figure, name: "language-model",
    caption: "Character LSTM on the word list (3.6's split): training and validation "
      + "perplexity, and test perplexity next to 3.6's best n-gram.")

  return [
    "hidden": .number(Double(h)), "epochs": .number(Double(sizes.lmEpochs)),
    "learning_rate": .number(baseRate), "schedule": .string(schedule.description),
    "steps": .number(Double(step)), "batch": .number(Double(lmBatch)),
    "training_words": .number(Double(training.count)),
    "validation_words": .number(Double(validation.count)),
    "test_words": .number(Double(test.count)),
    "validation_perplexity": .number(validationPerplexity),
    "test_perplexity": .number(testPerplexity),
    "validation_curve": .numbers(validationCurve),
    "ngram_test_perplexity": baseline.map(JSONValue.number) ?? .string("3.6 not run"),
    "beats_ngram": baseline.map { JSONValue.bool(testPerplexity < $0) } ?? .null,
    "samples": .object(samples), "novel_samples_at_1": .number(Double(novelAt1)),
  ]
}
