import ChapterKit
import Datasets
import Foundation
import Layers
import NumericsCore
import Optimizers

/// The sizes of one run: full, or `--quick` (seconds in a debug build).
struct ProductionSizes {
  let quick: Bool
  /// Training images (the rest of the 60,000 are not used) and the validation split.
  let trainingCount: Int
  let validationCount: Int
  let testCount: Int
  let hidden: [Int]
  let epochs: Int
  /// Latency: repetitions per timing and the batch sizes.
  let latencyRepeats: Int
  /// Interleaved rounds (one batch-1 request per format each) for the paired latency ratio.
  let latencyRounds: Int
  let batchSizes: [Int]
  let widths: [Int]
  /// Privacy: DP-SGD epochs, the noise multipliers, the overfit model's data.
  let privateEpochs: Int
  let noiseMultipliers: [Double]
  let overfitCount: Int
  let overfitEpochs: Int
  /// Interpretability: images shown and integrated-gradient steps.
  let attributionImages: Int
  let integratedGradientSteps: Int

  init(quick: Bool) {
    self.quick = quick
    trainingCount = quick ? 2_000 : 60_000
    validationCount = quick ? 500 : 5_000
    testCount = quick ? 1_000 : 10_000
    hidden = quick ? [64] : [256, 128]
    epochs = quick ? 1 : 10
    latencyRepeats = quick ? 5 : 200
    latencyRounds = quick ? 20 : 4_000
    batchSizes = quick ? [1, 16] : [1, 4, 16, 64, 256, 1024]
    widths = quick ? [32] : [64, 256, 1024]
    privateEpochs = quick ? 1 : 20
    noiseMultipliers = quick ? [1.0] : [0.8, 1.2, 2.0, 4.0]
    overfitCount = quick ? 500 : 2_000
    overfitEpochs = quick ? 5 : 100
    attributionImages = quick ? 2 : 5
    integratedGradientSteps = quick ? 16 : 64
  }
}

/// Training, validation and test images.
struct ProductionData {
  let training: ClassificationSet
  let validation: ClassificationSet
  let test: ClassificationSet
}

/// Loads Fashion-MNIST and splits off the validation images (seeded by the chapter seed
/// mixed with a fixed word, so every part of the chapter sees the same split).
func loadData(sizes: ProductionSizes, directory: String) throws -> ProductionData {
  let (all, test) = try loadFashionMNIST(
    from: directory, trainingLimit: sizes.trainingCount, testLimit: sizes.testCount)
  var rng = Xoshiro256StarStar(seed: 0x2_3)
  let (training, validation) = all.split(validationCount: sizes.validationCount, using: &rng)
  return ProductionData(training: training, validation: validation, test: test)
}

extension ClassificationSet {
  /// The set as the training loop's examples.
  var examples: Examples { Examples(inputs: features, labels: labels, classCount: classCount) }
}

/// Trains the chapter's model, the 3.1 MLP, with Adam on softmax cross-entropy.
func trainBaseModel(
  _ sizes: ProductionSizes, data: ProductionData, hidden: [Int]? = nil,
  activation: Activation = .relu, run: ChapterRun, label: String
) throws -> Sequential {
  var rng = run.makeGenerator(for: "model-\(label)")
  let layerSizes = [data.training.featureCount] + (hidden ?? sizes.hidden) + [10]
  var network = Sequential.multilayerPerceptron(
    sizes: layerSizes, activation: activation, using: &rng)
  var adam = Adam(learningRate: 1e-3)
  let configuration = TrainingConfiguration(
    epochs: sizes.epochs, batchSize: 128,
    schedule: .step(size: Swift.max(1, sizes.epochs - 2), factor: 0.1))
  try train(
    &network, on: data.training.examples, configuration: configuration, optimizer: &adam,
    using: &rng)
  return network
}

/// Runs every experiment of the chapter.
func runExperiments(options: ChapterOptions, sizes: ProductionSizes, data: ProductionData) throws {
  let run = try ChapterRun(
    chapter: "production", title: "2.3 The problems of production (现阶段存在的问题)",
    options: options)
  let clock = ContinuousClock()
  let started = clock.now
  run.say(
    "data: \(data.training.count) training, \(data.validation.count) validation, "
      + "\(data.test.count) test images")
  let model = try trainBaseModel(sizes, data: data, run: run, label: "base")
  try runReliability(model: model, sizes: sizes, data: data, run: run)
  try runLatency(model: model, sizes: sizes, data: data, run: run)
  try runPrivacy(sizes: sizes, data: data, run: run)
  try runInterpretability(model: model, sizes: sizes, data: data, run: run)
  let elapsed = clock.now - started
  run.summary["seconds"] = .number(Double(elapsed.components.seconds))
  try run.finish()
}
