import ChapterKit
import Layers
import NumericsCore
import Optimizers
import Regularization

/// One way of training the small-set MLP: which regularisers, and for how long.
struct SmallRunSettings {
  var regularization = Regularization.none
  var dropout = 0.0
  var augmentation = false
  /// Early stopping with this patience (nil: every epoch).
  var patience: Int?
  var epochs: Int
  /// Evaluate the training set and the test set after every epoch (for curves).
  var curves = false
  /// The update rule (default SGD with momentum 0.9 at the chapter's learning rate).
  var optimizer = SmallRunOptimizer.momentum
}

/// The optimizers of the small-set runs.
enum SmallRunOptimizer {
  /// SGD with momentum 0.9, the chapter's learning rate.
  case momentum
  /// Plain SGD (no momentum), the chapter's learning rate: L2 equals weight decay here.
  case plain
  /// Adam at learning rate 0.001.
  case adam
}

/// What one small-set run produced.
struct SmallRun {
  var network: Sequential
  var history: TrainingHistory
  /// Test metrics per epoch (only with `curves`).
  var testCurve: [Metrics]
  /// The final (kept) network on the training set, the validation split and the test set.
  var training: Metrics
  var validation: Metrics
  var test: Metrics
  /// The epoch whose weights were kept (the last, or the best with early stopping).
  var keptEpoch: Int
}

/// Trains the wide MLP of experiments 1–4 on the small training set with plain SGD through
/// the one training loop, the regularisers given as its hooks.
///
/// - Parameters:
///   - extraHooks: changes the hooks after the regularisers are in place (to record norms).
func trainSmallSet(
  _ settings: SmallRunSettings, data: ChapterData, sizes: ExperimentSizes, seed: UInt64,
  run: ChapterRun, extraHooks: (inout TrainingHooks<Xoshiro256StarStar>) -> Void = { _ in }
) throws -> SmallRun {
  var rng = Xoshiro256StarStar(seed: seed)
  var network = Sequential.multilayerPerceptron(
    sizes: [784] + sizes.hidden + [10], activation: .relu, dropout: settings.dropout, using: &rng)
  let stopping = settings.patience.map { EarlyStopping(patience: $0) }
  var hooks: TrainingHooks<Xoshiro256StarStar> = regularizationHooks(
    settings.regularization,
    augmentation: settings.augmentation
      ? ImageAugmentation(shape: ImageShape(height: 28, width: 28, channels: 1), maxShift: 2)
      : nil,
    earlyStopping: stopping)
  var testCurve = [Metrics]()
  if settings.curves {
    let rule = hooks.afterEpoch
    let test = data.test
    hooks.afterEpoch = { record, network in
      testCurve.append(evaluate(network, on: test))
      return rule?(record, &network) ?? .proceed
    }
  }
  extraHooks(&hooks)
  var configuration = TrainingConfiguration(epochs: settings.epochs, batchSize: sizes.batchSize)
  configuration.evaluatesTrainingSet = settings.curves
  // Only early stopping and the curves need the validation loss after every epoch; the
  // other runs are evaluated once, at the end (a 5,000-image pass per epoch would cost more
  // than the epoch's training on 1,000 images).
  let validation = settings.patience != nil || settings.curves ? data.validation : nil
  let history: TrainingHistory
  do {
    switch settings.optimizer {
    case .momentum, .plain:
      var sgd = SGD(
        learningRate: sizes.learningRate, momentum: settings.optimizer == .momentum ? 0.9 : 0)
      history = try train(
        &network, on: data.small, validation: validation, configuration: configuration,
        optimizer: &sgd, hooks: hooks, using: &rng)
    case .adam:
      var adam = Adam(learningRate: 1e-3)
      history = try train(
        &network, on: data.small, validation: validation, configuration: configuration,
        optimizer: &adam, hooks: hooks, using: &rng)
    }
  } catch .diverged(let step, let loss) {
    throw ChapterError.diverged(step: step, loss: loss)
  }
  var kept = history.epochs.count
  if let stopping {
    stopping.restoreBest(into: &network)
    kept = stopping.bestEpoch
  }
  return SmallRun(
    network: network, history: history, testCurve: testCurve,
    training: evaluate(network, on: data.small), validation: evaluate(network, on: data.validation),
    test: evaluate(network, on: data.test),
    keptEpoch: kept)
}

/// The weight matrices of a network (every parameter whose role is `.weight`).
func weightMatrices(_ network: Sequential) -> [Matrix] {
  zip(network.parameters, network.parameterRoles).filter { $0.1 == .weight }.map(\.0)
}

/// The seed of run `index` of configuration `name`: different per seed index, the same for
/// every configuration, so configurations are compared on the same initial weights.
func seedFor(_ run: ChapterRun, index: Int) -> UInt64 {
  var rng = run.makeGenerator(for: "small-set seed \(index)")
  return rng.next()
}

/// The exploration mode: one run with the strengths from the command line.
func runExploration(
  _ regularization: Regularization, dropout: Double, epochs: Int, data: ChapterData,
  sizes: ExperimentSizes, run: ChapterRun
) throws -> JSONValue {
  run.section("Exploration: the small-set MLP with your strengths")
  let result = try trainSmallSet(
    SmallRunSettings(
      regularization: regularization, dropout: dropout, epochs: epochs, curves: true),
    data: data, sizes: sizes, seed: seedFor(run, index: 0), run: run)
  run.table(
    header: ["epoch", "train acc", "validation acc", "test acc"],
    rows: result.history.epochs.enumerated().map { k, record in
      [
        "\(record.epoch)", percent(record.training?.accuracy ?? .nan),
        percent(record.validation?.accuracy ?? .nan), percent(result.testCurve[k].accuracy ?? .nan),
      ]
    })
  let weights = weightMatrices(result.network)
  run.say(
    "final: validation \(percent(result.validation.accuracy ?? .nan)), test "
      + "\(percent(result.test.accuracy ?? .nan)); exact zeros in the weights "
      + "\(percent(fractionOfExactZeros(weights)))")
  return [
    "validation_accuracy": .number(result.validation.accuracy ?? .nan),
    "test_accuracy": .number(result.test.accuracy ?? .nan),
    "zero_fraction": .number(fractionOfExactZeros(weights)),
  ]
}
