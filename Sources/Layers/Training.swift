import Losses
import NumericsCore
import Optimizers

/// Loss and accuracy of a classifier on a data set, with its confusion matrix.
public struct Evaluation: Sendable {
  /// The mean softmax cross-entropy over the samples.
  public let loss: Double
  /// The predicted class of every sample (arg-max of the logits).
  public let predictions: [Int]
  /// True class × predicted class counts.
  public let confusion: ConfusionMatrix

  /// The fraction of samples classified correctly.
  public var accuracy: Double { confusion.accuracy }
}

/// Evaluates a classifier at inference (no dropout), in batches.
///
/// ```
/// loss = (1/N) Σ_i [logsumexp(s_i) − s_{i, y_i}],   prediction_i = argmax_j s_ij
/// ```
/// - Parameters:
///   - network: outputs `batch × classCount` logits.
///   - features: `N × inputFeatures`.
///   - labels: `N` classes in `0..<classCount`.
///   - classCount: `C`.
///   - batchSize: rows per forward pass.
public func evaluateClassifier(
  _ network: Sequential, features: Matrix, labels: [Int], classCount: Int, batchSize: Int = 1000
) -> Evaluation {
  precondition(
    features.rows == labels.count,
    "evaluateClassifier: \(features.rows) rows of features but \(labels.count) labels")
  precondition(batchSize > 0, "evaluateClassifier: batch size \(batchSize) must be positive")
  var totalLoss = 0.0
  var predictions = [Int]()
  predictions.reserveCapacity(labels.count)
  var none = NoRandomness()
  for start in stride(from: 0, to: labels.count, by: batchSize) {
    let range = start..<Swift.min(start + batchSize, labels.count)
    let logits = network.forward(features.rows(at: Array(range)), mode: .inference, using: &none)
      .output
    precondition(
      logits.columns == classCount,
      "evaluateClassifier: the network outputs \(logits.columns) scores for \(classCount) classes")
    let batchLabels = Array(labels[range])
    totalLoss += softmaxCrossEntropy(logits: logits, labels: batchLabels, reduction: .sum).value
    predictions += logits.rowArgmax()
  }
  return Evaluation(
    loss: labels.isEmpty ? 0 : totalLoss / Double(labels.count), predictions: predictions,
    confusion: ConfusionMatrix(labels: labels, predictions: predictions, classCount: classCount))
}

/// What one epoch of `trainClassifier` achieved, with full evaluations (confusion matrices).
public struct EpochReport: Sendable {
  /// The epoch, counted from 1.
  public let epoch: Int
  /// Loss and accuracy on the whole training set after the epoch (inference mode).
  public let training: Evaluation
  /// The validation set after the epoch, if one was given (for choices made while training).
  public let validation: Evaluation?
  /// The held-out test set after the epoch, if one was given (for the report only).
  public let test: Evaluation?
  /// The learning rate of the epoch's last step.
  public let learningRate: Double
  /// Wall-clock seconds spent in the epoch's training steps (evaluation excluded).
  public let trainingSeconds: Double
}

/// Trains a classifier with softmax cross-entropy: `train` with per-epoch evaluations that
/// keep their confusion matrices.
///
/// Each epoch visits every training sample once, in a fresh random order, in batches of
/// `batchSize` (the last batch keeps the remainder), and then evaluates the network on the
/// training, validation and test sets with the weights it has at that moment. Evaluation
/// runs at inference and draws no random numbers, so giving a validation or test set does
/// not change the training.
///
/// - Parameters:
///   - network: the classifier, outputting `batch × classCount` logits; trained in place.
///   - features: `N × inputFeatures` training inputs.
///   - labels: `N` training classes.
///   - classCount: `C`.
///   - validation: inputs and labels for model choices, evaluated after every epoch.
///   - test: held-out inputs and labels, evaluated after every epoch for the report.
///   - epochs: passes over the training set.
///   - batchSize: samples per step.
///   - schedule: the learning rate per epoch, from the optimizer's rate (one optimizer
///     throughout, so its state is kept when the rate changes).
///   - optimizer: the update rule.
///   - afterEpoch: called with each epoch's report (progress output).
///   - afterStep: called after each step (a progress bar).
///   - rng: shuffles the batches and drives dropout.
/// - Returns: one report per epoch.
/// - Throws: `TrainingError.diverged` as soon as a mini-batch loss is NaN or infinite.
public func trainClassifier<O: Optimizer, G: RandomNumberGenerator>(
  _ network: inout Sequential, features: Matrix, labels: [Int], classCount: Int,
  validation: (features: Matrix, labels: [Int])? = nil,
  test: (features: Matrix, labels: [Int])? = nil, epochs: Int, batchSize: Int,
  schedule: LearningRateSchedule = .constant, optimizer: inout O,
  afterEpoch: @escaping (EpochReport) -> Void = { _ in },
  afterStep: @escaping () -> Void = {}, using rng: inout G
) throws(TrainingError) -> [EpochReport] {
  var configuration = TrainingConfiguration(
    epochs: epochs, batchSize: batchSize, schedule: schedule)
  configuration.evaluatesTrainingSet = false  // evaluated below, with a confusion matrix
  func evaluation(_ set: (features: Matrix, labels: [Int]), _ network: Sequential) -> Evaluation {
    evaluateClassifier(network, features: set.features, labels: set.labels, classCount: classCount)
  }
  var reports = [EpochReport]()
  var hooks = TrainingHooks<G>()
  hooks.afterStep = { _ in afterStep() }
  hooks.afterEpoch = { record, network in
    let report = EpochReport(
      epoch: record.epoch, training: evaluation((features, labels), network),
      validation: validation.map { evaluation($0, network) },
      test: test.map { evaluation($0, network) }, learningRate: record.learningRate,
      trainingSeconds: record.trainingSeconds)
    reports.append(report)
    afterEpoch(report)
    return .proceed
  }
  try train(
    &network, on: Examples(inputs: features, labels: labels, classCount: classCount),
    configuration: configuration, optimizer: &optimizer, hooks: hooks, using: &rng)
  return reports
}
