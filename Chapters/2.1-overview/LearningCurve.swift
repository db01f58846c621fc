import ChapterKit
import Datasets
import Foundation
import Layers
import NumericsCore
import Optimizers

/// The sizes and budgets of the learning-curve experiment.
struct LearningCurveSettings {
  /// Labelled training images per point of the curve, ascending.
  var sizes: [Int]
  /// Images held out of the training file for model choice (never the test set).
  let validationCount: Int
  /// Passes over the data per run are about `sampleBudget / size`, within
  /// `3...maximumEpochs`, so small sets get many epochs and large ones few, at a similar cost.
  let sampleBudget: Int
  /// Epochs without a better validation accuracy after which a run stops.
  let patience: Int
  /// The most epochs a run may take.
  let maximumEpochs: Int
  let dataDirectory: String
  let trainingLimit: Int?
  let testLimit: Int?
  /// The largest size the option accepts: the training file minus the validation part.
  var largestSize: Int { (trainingLimit ?? 60_000) - validationCount }

  init(quick: Bool, dataDirectory: String) {
    sizes = quick ? [100, 500] : [100, 300, 1000, 3000, 10_000, 30_000, 55_000]
    validationCount = quick ? 300 : 5000
    sampleBudget = quick ? 4000 : 330_000
    patience = quick ? 4 : 8
    maximumEpochs = quick ? 15 : 100
    self.dataDirectory = dataDirectory
    trainingLimit = quick ? 800 : nil
    testLimit = quick ? 500 : nil
  }

  func epochs(for size: Int) -> Int { min(maximumEpochs, max(3, sampleBudget / size)) }
}

/// The two models compared: softmax regression and the MLP of chapter 3.1.
enum CurveModel: String, CaseIterable {
  case linear
  case mlp

  var displayName: String { self == .linear ? "linear (softmax regression)" : "MLP 256-128" }

  /// A fresh network for 784 inputs and 10 classes.
  func network(features: Int, classes: Int, using rng: inout Xoshiro256StarStar) -> Sequential {
    switch self {
    case .linear:
      Sequential([
        Dense(
          inputSize: features, outputSize: classes, initializer: .glorotUniform, using: &rng)
      ])
    case .mlp:
      Sequential.multilayerPerceptron(
        sizes: [features, 256, 128, classes], activation: .relu, using: &rng)
    }
  }

  /// Multiply-adds of one forward pass per image: Σ (inputs × outputs) over the Dense layers.
  func multiplyAdds(features: Int, classes: Int) -> Int {
    let sizes = self == .linear ? [features, classes] : [features, 256, 128, classes]
    return zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
  }
}

/// One trained point of the curve.
struct CurvePoint {
  let size: Int
  /// Test accuracy of the network at its best validation epoch.
  let testAccuracy: Double
  let validationAccuracy: Double
  /// Optimizer steps until the best validation epoch ("steps to converge").
  let stepsToBest: Int
  /// The epoch with the best validation accuracy, counted from 1.
  let bestEpoch: Int
  let epochsRun: Int
  /// Whether the run stopped because validation accuracy stopped improving (patience ran
  /// out); otherwise it was still improving when its epoch budget ended.
  var converged: Bool { bestEpoch < epochsRun }
  let seconds: Double
}

/// Every point of both curves.
struct LearningCurve {
  let sizes: [Int]
  let points: [CurveModel: [CurvePoint]]
  let validationCount: Int
  let testCount: Int
}

/// Trains both models at every size with Adam (lr 0.001, batch 128), keeping the epoch with
/// the best validation accuracy, and records test accuracy, time and steps.
func runLearningCurve(
  _ settings: LearningCurveSettings, data: (train: ClassificationSet, test: ClassificationSet),
  run: ChapterRun
) throws -> LearningCurve {
  run.section("Learning curve: test accuracy against labelled training images")
  var splitRNG = run.makeGenerator(for: "validation split")
  let (pool, validation) = data.train.split(
    validationCount: settings.validationCount, using: &splitRNG)
  let sizes = settings.sizes.filter { $0 <= pool.count }
  run.say(
    "\(pool.count) training images to draw from, \(validation.count) held out for validation, "
      + "\(data.test.count) test images; each size takes the first n of the training part")
  let validationExamples = Examples(
    inputs: validation.features, labels: validation.labels, classCount: validation.classCount)
  var points: [CurveModel: [CurvePoint]] = [:]
  var rows: [[String]] = []
  for size in sizes {
    let subset = pool.prefix(size)
    for model in CurveModel.allCases {
      var rng = run.makeGenerator(for: "\(model.rawValue) \(size)")
      let point = try trainPoint(
        model, on: subset, validation: validationExamples, test: data.test,
        epochs: settings.epochs(for: size), patience: settings.patience, using: &rng)
      points[model, default: []].append(point)
      rows.append([
        "\(size)", model.rawValue, String(format: "%.2f%%", 100 * point.testAccuracy),
        "\(point.stepsToBest)", "\(point.epochsRun)", formatNumber(point.seconds, digits: 3),
      ])
    }
  }
  run.table(
    header: ["images", "model", "test acc", "steps to best", "epochs run", "seconds"], rows: rows)
  let curve = LearningCurve(
    sizes: sizes, points: points, validationCount: validation.count, testCount: data.test.count)
  recordSummary(curve, features: data.train.featureCount, classes: data.train.classCount, run: run)
  return curve
}

private func trainPoint(
  _ model: CurveModel, on subset: ClassificationSet, validation: Examples,
  test: ClassificationSet, epochs: Int, patience: Int, using rng: inout Xoshiro256StarStar
) throws -> CurvePoint {
  var network = model.network(
    features: subset.featureCount, classes: subset.classCount, using: &rng)
  var adam = Adam(learningRate: 1e-3)
  var configuration = TrainingConfiguration(epochs: epochs, batchSize: min(128, subset.count))
  configuration.evaluatesTrainingSet = false
  let stepsPerEpoch = (subset.count + configuration.batchSize - 1) / configuration.batchSize
  var best = (accuracy: -1.0, epoch: 0, network: network)
  var hooks = TrainingHooks<Xoshiro256StarStar>()
  hooks.afterEpoch = { record, network in
    let accuracy = record.validation?.accuracy ?? 0
    if accuracy > best.accuracy { best = (accuracy, record.epoch, network) }
    return record.epoch - best.epoch >= patience ? .stop : .proceed
  }
  let history: TrainingHistory
  do {
    history = try train(
      &network,
      on: Examples(inputs: subset.features, labels: subset.labels, classCount: subset.classCount),
      validation: validation, configuration: configuration, optimizer: &adam, hooks: hooks,
      using: &rng)
  } catch {
    switch error {
    case .diverged(let step, let loss): throw ChapterError.diverged(step: step, loss: loss)
    }
  }
  let testMetrics = evaluate(
    best.network,
    on: Examples(inputs: test.features, labels: test.labels, classCount: test.classCount))
  return CurvePoint(
    size: subset.count, testAccuracy: testMetrics.accuracy ?? 0,
    validationAccuracy: best.accuracy, stepsToBest: best.epoch * stepsPerEpoch,
    bestEpoch: best.epoch, epochsRun: history.epochs.count, seconds: history.trainingSeconds)
}

private func recordSummary(
  _ curve: LearningCurve, features: Int, classes: Int, run: ChapterRun
) {
  var record: [String: JSONValue] = [:]
  for model in CurveModel.allCases {
    let points = curve.points[model] ?? []
    record[model.rawValue] = .object([
      "test_accuracy": .numbers(points.map(\.testAccuracy)),
      "validation_accuracy": .numbers(points.map(\.validationAccuracy)),
      "steps_to_best": .numbers(points.map { Double($0.stepsToBest) }),
      "epochs_run": .numbers(points.map { Double($0.epochsRun) }),
      "best_epoch": .numbers(points.map { Double($0.bestEpoch) }),
      "training_seconds": .numbers(points.map(\.seconds)),
      "multiply_adds_per_image": .number(
        Double(model.multiplyAdds(features: features, classes: classes))),
    ])
  }
  let linear = curve.points[.linear] ?? []
  let mlp = curve.points[.mlp] ?? []
  let gaps = zip(mlp, linear).map { $0.testAccuracy - $1.testAccuracy }
  record["sizes"] = .numbers(curve.sizes.map(Double.init))
  record["mlp_minus_linear"] = .numbers(gaps)
  record["validation_images"] = .number(Double(curve.validationCount))
  record["test_images"] = .number(Double(curve.testCount))
  if let last = mlp.last, let lastLinear = linear.last, lastLinear.seconds > 0 {
    record["time_ratio_at_largest"] = .number(last.seconds / lastLinear.seconds)
  }
  for (key, value) in record { run.summary[key] = value }
}
