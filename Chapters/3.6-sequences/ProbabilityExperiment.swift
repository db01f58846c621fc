import ChapterKit
import Datasets
import NumericsCore
import Plot
import Sequences

// Experiment 1, the probability problem: P(x_t | x_<t) for the letters of English words,
// measured by perplexity on held-out words. An n-gram model keeps the last n−1 letters;
// longer histories describe English better but are seen less often, so the gain depends
// on how the unseen n-grams are handled. All orders share one count table of order 6.

/// One model family's best setting at one order, chosen on validation.
private struct Tuned {
  var parameter: Double
  var validation: Double
}

/// Runs experiment 1; writes `ngram` and `best_ngram` into the summary.
func runProbabilityExperiment(run: ChapterRun, sizes: ExperimentSizes, wordsPath: String) throws {
  run.section("1. Probability: character n-gram models of English words")
  let split: WordSplit
  do {
    split = try WordList.split(from: wordsPath)
  } catch {
    throw ChapterError.data("\(error)")
  }
  func thin(_ words: [String]) -> [String] {
    stride(from: 0, to: words.count, by: sizes.wordStride).map { words[$0] }
  }
  let training = thin(split.training)
  let alphabet = Alphabet(of: training)
  func encode(_ words: [String]) -> [[Int]] { thin(words).compactMap(alphabet.encode) }
  let trainingIDs = training.map { alphabet.encode($0)! }
  let validation = encode(split.validation)
  let test = encode(split.test)
  // Another word list may be too small for the split (or use letters training never saw):
  // a perplexity over no words is undefined, so say so instead of computing one.
  guard !training.isEmpty, !validation.isEmpty, !test.isEmpty else {
    throw ChapterError.data(
      "\(wordsPath): too few usable words for the hash split (\(training.count) training, "
        + "\(validation.count) validation, \(test.count) test; each part needs at least one)")
  }
  run.say(
    "words: \(training.count) training, \(validation.count) validation, \(test.count) test "
      + "(split by FNV-1a hash of the word); |V| = \(alphabet.vocabularySize) "
      + "(\(alphabet.characters.count) letters + end symbol)")
  let counts = NGramCounts(
    order: sizes.maximumOrder, sequences: trainingIDs, vocabularySize: alphabet.vocabularySize)

  func model(_ order: Int, _ smoothing: NGramSmoothing) -> CharacterNGramModel {
    CharacterNGramModel(alphabet: alphabet, counts: counts, order: order, smoothing: smoothing)
  }
  func tune(_ order: Int, _ grid: [Double], _ make: (Double) -> NGramSmoothing) -> Tuned {
    grid.map { value in
      Tuned(
        parameter: value,
        validation: model(order, make(value)).evaluate(encoded: validation).perplexity)
    }.min { $0.validation < $1.validation }!
  }

  let orders = Array(1...sizes.maximumOrder)
  var laplace: [Double] = []
  var addK: [Tuned] = []
  var kneserNey: [Tuned] = []
  var unseen: [Double] = []
  var samples: [[String]] = []
  var rng = run.makeGenerator(for: "ngram-samples")
  for order in orders {
    let addOne = model(order, .addK(1)).evaluate(encoded: validation)
    laplace.append(addOne.perplexity)
    unseen.append(Double(addOne.unseenNGrams) / Double(addOne.predictedSymbols))
    addK.append(tune(order, sizes.addKGrid) { .addK($0) })
    let kn = tune(order, sizes.discountGrid) { .kneserNey(discount: $0) }
    kneserNey.append(kn)
    let sampler = model(order, .kneserNey(discount: kn.parameter))
    samples.append(
      (0..<sizes.samplesPerOrder).map { _ in sampler.sample(maximumLength: 24, using: &rng) })
  }

  // The best model over orders and both tuned families, by validation perplexity only.
  var best = (
    order: 1, family: "add-k", parameter: addK[0].parameter, validation: addK[0].validation
  )
  for (i, order) in orders.enumerated() {
    if addK[i].validation < best.validation {
      best = (order, "add-k", addK[i].parameter, addK[i].validation)
    }
    if kneserNey[i].validation < best.validation {
      best = (order, "kneser-ney", kneserNey[i].parameter, kneserNey[i].validation)
    }
  }
  let bestSmoothing: NGramSmoothing =
    best.family == "add-k" ? .addK(best.parameter) : .kneserNey(discount: best.parameter)
  let testResult = model(best.order, bestSmoothing).evaluate(encoded: test)

  run.table(
    header: [
      "n", "unseen n-grams", "add-1", "add-k", "best k", "Kneser–Ney", "best D", "sample words",
    ],
    rows: orders.indices.map { i in
      [
        String(orders[i]), formatNumber(100 * unseen[i], digits: 3) + "%",
        formatNumber(laplace[i], digits: 4), formatNumber(addK[i].validation, digits: 4),
        formatNumber(addK[i].parameter), formatNumber(kneserNey[i].validation, digits: 4),
        formatNumber(kneserNey[i].parameter), samples[i].prefix(4).joined(separator: " "),
      ]
    })
  run.say(
    "best on validation: n = \(best.order), \(bestSmoothing) (validation perplexity "
      + "\(formatNumber(best.validation, digits: 4))); test perplexity "
      + "\(formatNumber(testResult.perplexity, digits: 4)) over \(testResult.predictedSymbols) "
      + "symbols — the number chapter 3.7's character RNN must beat")

  try drawPerplexityFigure(
    run: run, orders: orders, laplace: laplace, addK: addK.map(\.validation),
    kneserNey: kneserNey.map(\.validation), unseen: unseen,
    vocabularySize: alphabet.vocabularySize, best: (best.order, best.family))

  var byOrder: [String: JSONValue] = [:]
  for (i, order) in orders.enumerated() {
    byOrder["n\(order)"] = [
      "add_one": .number(laplace[i]), "add_k": .number(addK[i].validation),
      "k": .number(addK[i].parameter), "kneser_ney": .number(kneserNey[i].validation),
      "discount": .number(kneserNey[i].parameter), "unseen_fraction": .number(unseen[i]),
      "samples": .array(samples[i].map(JSONValue.string)),
    ]
  }
  run.summary["ngram"] = [
    "training_words": .number(Double(training.count)),
    "validation_words": .number(Double(validation.count)),
    "test_words": .number(Double(test.count)),
    "vocabulary_size": .number(Double(alphabet.vocabularySize)),
    "test_symbols": .number(Double(testResult.predictedSymbols)),
    "orders": .numbers(orders.map(Double.init)),
    "validation_perplexity": .object(byOrder),
    "best_parameter": .number(best.parameter),
    "best_validation_perplexity": .number(best.validation),
  ]
  run.summary["best_ngram"] = [
    "order": .number(Double(best.order)), "smoothing": .string(best.family),
    "test_perplexity": .number(testResult.perplexity),
  ]
}

private func drawPerplexityFigure(
  run: ChapterRun, orders: [Int], laplace: [Double], addK: [Double], kneserNey: [Double],
  unseen: [Double], vocabularySize: Int, best: (order: Int, family: String)
) throws {
  let winner = best.family == "kneser-ney" ? "Kneser–Ney" : "add-k"
  let x = orders.map(Double.init)
  let figure = Figure(
    width: 1400, height: 620, rows: 1, columns: 2,
    title: "Longer histories help only with good smoothing: \(winner) is best, at n = \(best.order)"
  )
  let left = figure[0, 0]
  left.title = "Validation perplexity per letter (lower is better)"
  left.xLabel = "order n (history of n − 1 letters)"
  left.yLabel = "perplexity"
  left.line(x: x, y: laplace, label: "add-1 (Laplace)", color: .grey, marker: .square)
  left.line(x: x, y: addK, label: "add-k, k tuned on validation", color: .orange, marker: .circle)
  left.line(
    x: x, y: kneserNey, label: "Kneser–Ney, D tuned on validation", color: .blue,
    marker: .diamond)
  left.horizontalLine(
    y: Double(vocabularySize), label: "uniform guess (|V| = \(vocabularySize))", color: .darkGrey,
    style: .dotted)
  // Head room above the uniform line for the legend, so it covers no data.
  left.yLimits = 0...(Double(vocabularySize) * 1.5)
  left.legendPosition = .upperRight
  let right = figure[0, 1]
  right.title = "Validation n-grams never seen in training"
  right.xLabel = "order n"
  right.yLabel = "share of predicted symbols (%)"
  right.bars(labels: orders.map { "n = \($0)" }, heights: unseen.map { 100 * $0 }, color: .purple)
  try run.save(
    figure, name: "ngram-perplexity",
    caption: "Left: validation perplexity of character n-gram models against the order n "
      + "for add-1, add-k (k tuned) and interpolated Kneser–Ney (D tuned); the red line is a "
      + "uniform guess over the \(vocabularySize) symbols. Right: the share of validation "
      + "n-grams that never occur in training, which only smoothing can score.")
}
