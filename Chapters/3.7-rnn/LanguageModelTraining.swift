import ChapterKit
import Foundation
import NumericsCore
import Optimizers
import Recurrent

// Experiment 4's data and training loop: words as symbol lists, length-bucketed batches,
// per-symbol perplexity, and the epochs of Adam with a decaying step size.

/// a → 1, …, z → 26; 0 is the boundary.
func symbols(_ word: String) -> [Int] { word.utf8.map { Int($0) - 96 } }

/// The word of a symbol list.
func spelling(_ symbols: [Int]) -> String {
  String(decoding: symbols.map { UInt8($0 + 96) }, as: UTF8.self)
}

/// Batches of word indices of similar length (less padding): sort by length, ties broken
/// by a fresh random key each call (so every epoch groups different words of the same
/// length together), cut into batches, shuffle the batch order.
func lengthBatches(
  _ words: [[Int]], batchSize: Int, using rng: inout Xoshiro256StarStar
) -> [[Int]] {
  let keys = words.indices.map { _ in rng.next() }
  let order = words.indices.sorted { (words[$0].count, keys[$0]) < (words[$1].count, keys[$1]) }
  var batches = stride(from: 0, to: order.count, by: batchSize).map {
    Array(order[$0..<min($0 + batchSize, order.count)])
  }
  batches.shuffle(using: &rng)
  return batches
}

/// Per-symbol perplexity of a model on a list of words (no dropout), its products in
/// `precision` (float64 unless told: the reported validation and test numbers).
func perplexity<Cell: RecurrentCell>(
  _ trained: CharacterLanguageModel<Cell>, on words: [[Int]],
  precision: RecurrentPrecision = .float64
) -> Double {
  var model = trained
  model.precision = precision
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

/// How the language model is built and trained.
struct LanguageModelRecipe {
  /// LSTM layers and hidden units per layer.
  var layers: Int
  var hidden: Int
  /// Dropout on each layer's output (its next layer's and the readout's input).
  var dropout: Double
  var epochs: Int
  var batch: Int
  /// Adam's starting step size; it decays linearly to `finalRateFraction` of it.
  var learningRate: Double
  var finalRateFraction = 0.05
  /// Clipping threshold for the global gradient norm.
  var clipThreshold = 5.0
  /// The arithmetic of the LSTM's products while training (validation and test are
  /// always scored in float64).
  var precision = RecurrentPrecision.float32
  /// Decoupled weight decay `λ` on the weight matrices only (`W_ih`, `W_hh`, the
  /// readout's): `W ← W·(1 − lr_t·λ)` before each Adam step, AdamW's rule; biases are not
  /// decayed.
  var weightDecay = 0.0
  /// Average the weights over the last `averagedFraction` of the steps (0: no averaging),
  /// and report the averaged model (`WeightAverage`).
  var averagedFraction = 0.0
  var averaging = WeightAverage.Kind.uniform
}

/// What training recorded.
struct LanguageModelRun {
  var model: CharacterLanguageModel<LSTMCell>
  /// The mean NLL of every training batch (with dropout, the weights changing).
  var losses: [Double] = []
  /// Per epoch: validation perplexity, and the perplexity of a fixed sample of (at most
  /// 2000, evenly spaced) training words, both measured without dropout at the end of
  /// the epoch, with the training precision's products.
  var validationCurve: [Double] = []
  var trainingCurve: [Double] = []
  /// Validation perplexity of the averaged weights at the end of each epoch in which
  /// averaging ran (empty without averaging), with the training precision's products.
  var averagedValidationCurve: [Double] = []
  var clippedSteps = 0
  var steps = 0
  var schedule: LearningRateSchedule
  var seconds = 0.0
}

/// Trains an LSTM language model by `recipe` on `training`, scoring `validation` and a
/// training sample of the same size after every epoch.
func trainLanguageModel(
  _ recipe: LanguageModelRecipe, training: [[Int]], validation: [[Int]], run: ChapterRun,
  using rng: inout Xoshiro256StarStar
) throws -> LanguageModelRun {
  let (h, batch) = (recipe.hidden, recipe.batch)
  let layers = (0..<recipe.layers).map { l in
    LSTMCell(inputSize: l == 0 ? 27 : h, hiddenSize: h, using: &rng)
  }
  var model = CharacterLanguageModel(
    layers: layers, readout: Readout(hiddenSize: h, outputSize: 27, using: &rng))
  model.precision = recipe.precision
  let totalSteps = recipe.epochs * ((training.count + batch - 1) / batch)
  // With a fixed budget of steps, ending at a small step size is worth more than a
  // constant one.
  let schedule = LearningRateSchedule.linear(
    from: 1, to: recipe.finalRateFraction, steps: totalSteps)
  var result = LanguageModelRun(model: model, schedule: schedule)
  var adam = Adam(learningRate: recipe.learningRate)
  let weightIndices = model.weightIndices
  let averageFrom = Int((Double(totalSteps) * (1 - recipe.averagedFraction)).rounded())
  var average = WeightAverage(recipe.averaging)
  // Every k-th training word: the list is in the dictionary's (alphabetical) order, so a
  // prefix would be the words in a… only.
  let sampleStride = max(1, training.count / 2000)
  let trainingSample = stride(from: 0, to: training.count, by: sampleStride).prefix(2000).map {
    training[$0]
  }
  let clock = ContinuousClock()
  let start = clock.now
  let progress = run.progress(total: recipe.epochs, label: "language model")
  for _ in 1...recipe.epochs {
    for indices in lengthBatches(training, batchSize: batch, using: &rng) {
      adam.learningRate = schedule.learningRate(base: recipe.learningRate, at: result.steps)
      result.steps += 1
      let r = result.model.negativeLogLikelihood(
        of: indices.map { training[$0] }, dropout: recipe.dropout, using: &rng)
      let loss = r.total / Double(r.count)
      guard loss.isFinite else { throw ChapterError.diverged(step: result.steps, loss: loss) }
      var clipped = false
      // In place: the model lets go of its tensors while Adam updates them (no copies).
      result.model.updateParameters { parameters in
        // AdamW's decoupled decay, weights only: W ← W·(1 − lr_t·λ), then the Adam step.
        applyDecoupledWeightDecay(
          to: &parameters, indices: weightIndices, learningRate: adam.learningRate,
          decay: recipe.weightDecay)
        clipped =
          applyUpdate(
            to: &parameters, gradients: r.gradients, optimizer: &adam,
            clippingAt: recipe.clipThreshold
          ).clipped
      }
      if clipped { result.clippedSteps += 1 }
      result.losses.append(loss)
      if recipe.averagedFraction > 0, result.steps > averageFrom {
        average.add(result.model.parameters)
      }
    }
    // The curves in the training precision (cheaper; they differ from float64 in the
    // sixth digit); the final validation and test perplexities are float64.
    result.validationCurve.append(
      perplexity(result.model, on: validation, precision: recipe.precision))
    result.trainingCurve.append(
      perplexity(result.model, on: trainingSample, precision: recipe.precision))
    var note = String(
      format: "validation perplexity %.3f, training %.3f", result.validationCurve.last!,
      result.trainingCurve.last!)
    if average.count > 0 {
      var averaged = result.model
      averaged.parameters = average.average
      result.averagedValidationCurve.append(
        perplexity(averaged, on: validation, precision: recipe.precision))
      note += String(format: ", averaged weights %.3f", result.averagedValidationCurve.last!)
    }
    progress.advance(note: note)
  }
  progress.finish()
  // The averaged weights are the model from here on (they did not train: evaluation only).
  if average.count > 0 { result.model.parameters = average.average }
  result.seconds = (clock.now - start) / .seconds(1)
  return result
}
