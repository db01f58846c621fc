import ArgumentParser
import CBLAS
import ChapterKit
import Recurrent

/// The `rnn` command: the chapter's experiments by default, `rnn bptt` for parameter files.
struct RNNChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "rnn",
    abstract: "3.7 Recurrent neural networks (循环神经网络): BPTT, vanishing and exploding "
      + "gradients measured, clipping, LSTM and GRU on long lags, a character language model.",
    discussion: """
      Without a sub-command, runs the chapter's experiments and writes the figures
      to <output>/rnn/: (1) ‖∂L/∂h_t‖ against the distance from the loss for
      spectral radii 0.5–1.5 and an LSTM; (2) training with and without clipping
      by global norm; (3) the adding problem at lags 10–200 for tanh RNN, LSTM and
      GRU; (4) a character language model on the word list, with samples at three
      temperatures; (5) forecasting 3.6's noisy periodic signal, GRU against 3.6's
      AR baseline; (6) the unrolled RNN drawn. The --lm-… options (and --lm-only)
      explore other recipes for the language model; such a run writes to
      Explorations/ unless --output is given. `rnn bptt --parameters FILE.json`
      runs one layer forward and backward on PyTorch-layout weights (see `rnn bptt
      --help`).
      """,
    subcommands: [Experiments.self, BPTTMode.self], defaultSubcommand: Experiments.self)
}

/// The chapter's experiments (the default sub-command).
struct Experiments: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "experiments", abstract: "Run the chapter's experiments (the default).")

  @OptionGroup var chapter: ChapterOptions

  @Option(
    name: .customLong("lm-epochs"), parsing: .unconditional,
    help: "Epochs of the character language model, 1…50 (default 9, quick 1).")
  var lmEpochs: Int?

  @Option(
    name: .customLong("adding-steps"), parsing: .unconditional,
    help: "Training steps per model in the adding problem, 1…100000 (default 3000, quick 40).")
  var addingSteps: Int?

  @Option(
    name: .customLong("lm-hidden"), parsing: .unconditional,
    help: "Explore: hidden units per LSTM layer of the language model, 1…512 (default 256).")
  var lmHidden: Int?

  @Option(
    name: .customLong("lm-layers"), parsing: .unconditional,
    help: "Explore: stacked LSTM layers of the language model, 1…3 (default 2, quick 1).")
  var lmLayers: Int?

  @Option(
    name: .customLong("lm-dropout"), parsing: .unconditional,
    help: "Explore: dropout on each LSTM layer's output, in [0, 0.9] (default 0).")
  var lmDropout: Double?

  @Option(
    name: .customLong("lm-learning-rate"), parsing: .unconditional,
    help: "Explore: the language model's starting Adam step size, in (0, 0.1] (default 0.01).")
  var lmLearningRate: Double?

  @Option(
    name: .customLong("lm-precision"),
    help: "Explore: the LSTM's products while training, float32 or float64 (default float32).")
  var lmPrecision: String?

  @Option(
    name: .customLong("lm-weight-decay"), parsing: .unconditional,
    help: "Explore: decoupled (AdamW) decay of the weight matrices, in [0, 1] (default 0.03).")
  var lmWeightDecay: Double?

  @Option(
    name: .customLong("lm-final-rate"), parsing: .unconditional,
    help: "Explore: the final step size as a fraction of the first, in (0, 1] (default 0.05).")
  var lmFinalRate: Double?

  @Option(
    name: .customLong("lm-average-fraction"), parsing: .unconditional,
    help: "Explore: average the weights over this last fraction of steps, in [0, 1] (default 0).")
  var lmAverageFraction: Double?

  @Option(
    name: .customLong("lm-average-decay"), parsing: .unconditional,
    help: "Explore: an exponential weight average of this decay, in [0, 0.99999] (default uniform)."
  )
  var lmAverageDecay: Double?

  @Option(
    name: .customLong("lm-batch"), parsing: .unconditional,
    help: "Explore: words per language-model batch, 1…256 (default 32).")
  var lmBatch: Int?

  @Flag(
    name: .customLong("lm-only"),
    help: "Explore: run only experiment 4, the language model.")
  var lmOnly = false

  /// A student's own language-model settings: written to the exploration folder, never
  /// over the course's figures.
  var exploring: Bool {
    lmOnly || lmHidden != nil || lmLayers != nil || lmDropout != nil || lmLearningRate != nil
      || lmPrecision != nil || lmWeightDecay != nil || lmFinalRate != nil
      || lmAverageFraction != nil || lmAverageDecay != nil || lmBatch != nil
  }

  func validate() throws {
    if let lmHidden, !(1...512).contains(lmHidden) {
      throw ValidationError("--lm-hidden must be in 1…512, got \(lmHidden)")
    }
    if let lmLayers, !(1...3).contains(lmLayers) {
      throw ValidationError("--lm-layers must be in 1…3, got \(lmLayers)")
    }
    if let lmDropout, !(lmDropout >= 0 && lmDropout <= 0.9) {
      throw ValidationError("--lm-dropout must lie in [0, 0.9], got \(lmDropout)")
    }
    if let lmLearningRate, !(lmLearningRate > 0 && lmLearningRate <= 0.1) {
      throw ValidationError("--lm-learning-rate must lie in (0, 0.1], got \(lmLearningRate)")
    }
    if let lmPrecision, RecurrentPrecision(rawValue: lmPrecision) == nil {
      throw ValidationError("--lm-precision must be float32 or float64, got '\(lmPrecision)'")
    }
    try validateUnitInterval("--lm-weight-decay", lmWeightDecay)
    if let lmFinalRate, !(lmFinalRate > 0 && lmFinalRate <= 1) {
      throw ValidationError("--lm-final-rate must lie in (0, 1], got \(lmFinalRate)")
    }
    try validateUnitInterval("--lm-average-fraction", lmAverageFraction)
    if let lmAverageDecay, !(lmAverageDecay >= 0 && lmAverageDecay <= 0.99999) {
      throw ValidationError("--lm-average-decay must lie in [0, 0.99999], got \(lmAverageDecay)")
    }
    if let lmBatch, !(1...256).contains(lmBatch) {
      throw ValidationError("--lm-batch must be in 1…256, got \(lmBatch)")
    }
    if let lmEpochs, !(1...50).contains(lmEpochs) {
      throw ValidationError("--lm-epochs must be in 1…50, got \(lmEpochs)")
    }
    if let addingSteps, !(1...100_000).contains(addingSteps) {
      throw ValidationError("--adding-steps must be in 1…100000, got \(addingSteps)")
    }
  }

  /// Refuses a value outside [0, 1] (NaN included).
  private func validateUnitInterval(_ name: String, _ value: Double?) throws {
    if let value, !(value >= 0 && value <= 1) {
      throw ValidationError("\(name) must lie in [0, 1], got \(value)")
    }
  }

  func run() throws {
    let clock = ContinuousClock()
    let start = clock.now
    // One BLAS thread: the per-step GEMMs (32 × 64 by 64 × 64) are too small to split, and
    // with two threads on a shared 2-core machine (the course runs two chapters at a time)
    // every call waits for the other thread; measured: 69.6 s instead of 128 s wall for a
    // short full-mode run under load 5, with the same numbers.
    openblas_set_num_threads(1)
    let run = try ChapterRun(
      chapter: "rnn", title: "3.7 Recurrent neural networks (循环神经网络)", options: chapter,
      exploring: exploring)
    var sizes = ExperimentSizes(
      quick: chapter.quick, lmEpochs: lmEpochs, addingSteps: addingSteps)
    if let lmHidden { sizes.lmRecipe.hidden = lmHidden }
    if let lmLayers { sizes.lmRecipe.layers = lmLayers }
    if let lmDropout { sizes.lmRecipe.dropout = lmDropout }
    if let lmLearningRate { sizes.lmRecipe.learningRate = lmLearningRate }
    if let lmPrecision, let precision = RecurrentPrecision(rawValue: lmPrecision) {
      sizes.lmRecipe.precision = precision
    }
    if let lmWeightDecay { sizes.lmRecipe.weightDecay = lmWeightDecay }
    if let lmFinalRate { sizes.lmRecipe.finalRateFraction = lmFinalRate }
    if let lmAverageFraction { sizes.lmRecipe.averagedFraction = lmAverageFraction }
    if let lmAverageDecay { sizes.lmRecipe.averaging = .exponential(decay: lmAverageDecay) }
    if let lmBatch { sizes.lmRecipe.batch = lmBatch }
    if lmOnly {
      run.summary["language_model"] = try runLanguageModel(run: run, sizes: sizes)
      try run.finish()
      return
    }
    run.summary["gradient_decay"] = try runGradientDecay(run: run, sizes: sizes)
    run.summary["clipping"] = try runClipping(run: run, sizes: sizes)
    run.summary["adding"] = try runAddingProblem(run: run, sizes: sizes)
    run.summary["language_model"] = try runLanguageModel(run: run, sizes: sizes)
    try drawStructureDiagram(run: run)
    run.summary["forecasting"] = try runForecasting(run: run, sizes: sizes)
    let seconds = (clock.now - start) / .seconds(1)
    run.say("chapter time: \(formatNumber(seconds, digits: 3)) s (wall clock)")
    try run.finish()
  }
}
