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

/// What one epoch of training achieved.
public struct EpochReport: Sendable {
  /// The epoch, counted from 1.
  public let epoch: Int
  /// Loss and accuracy on the whole training set after the epoch (inference mode).
  public let training: Evaluation
  /// Loss and accuracy on the held-out set after the epoch, if one was given.
  public let test: Evaluation?
  /// Wall-clock seconds spent in the epoch's training steps (evaluation excluded).
  public let trainingSeconds: Double
}

/// Trains a classifier with softmax cross-entropy by mini-batch gradient descent.
///
/// Each epoch visits every training sample once, in a fresh random order, in batches of
/// `batchSize` (the last batch keeps the remainder), and then evaluates the network on the
/// training set and the test set with the weights it has at that moment.
///
/// - Parameters:
///   - network: the classifier, outputting `batch × classCount` logits; trained in place.
///   - features: `N × inputFeatures` training inputs.
///   - labels: `N` training classes.
///   - classCount: `C`.
///   - test: held-out inputs and labels, evaluated after every epoch.
///   - epochs: passes over the training set.
///   - batchSize: samples per step.
///   - optimizer: the update rule (its state persists across epochs).
///   - afterEpoch: called with each epoch's report (progress output).
///   - afterStep: called after each step (a progress bar).
///   - rng: shuffles the batches and drives dropout.
/// - Returns: one report per epoch.
/// - Throws: `TrainingError.diverged` as soon as a mini-batch loss is NaN or infinite.
public func trainClassifier<O: Optimizer, G: RandomNumberGenerator>(
  _ network: inout Sequential, features: Matrix, labels: [Int], classCount: Int,
  test: (features: Matrix, labels: [Int])? = nil, epochs: Int, batchSize: Int,
  optimizer: inout O, afterEpoch: (EpochReport) -> Void = { _ in },
  afterStep: () -> Void = {}, using rng: inout G
) throws(TrainingError) -> [EpochReport] {
  precondition(
    features.rows == labels.count,
    "trainClassifier: \(features.rows) rows of features but \(labels.count) labels")
  precondition(epochs >= 0, "trainClassifier: epochs \(epochs) must be ≥ 0")
  precondition(batchSize > 0, "trainClassifier: batch size \(batchSize) must be positive")
  var reports = [EpochReport]()
  let clock = ContinuousClock()
  for epoch in 1...Swift.max(1, epochs) where epochs > 0 {
    var elapsed = Duration.zero
    let order = randomPermutation(labels.count, using: &rng)
    for start in stride(from: 0, to: labels.count, by: batchSize) {
      let indices = Array(order[start..<Swift.min(start + batchSize, labels.count)])
      let batch = features.rows(at: indices)
      let batchLabels = indices.map { labels[$0] }
      let began = clock.now
      try network.trainStep(
        batch, loss: { softmaxCrossEntropy(logits: $0, labels: batchLabels) },
        optimizer: &optimizer, using: &rng)
      elapsed += clock.now - began
      afterStep()
    }
    let report = EpochReport(
      epoch: epoch,
      training: evaluateClassifier(
        network, features: features, labels: labels, classCount: classCount),
      test: test.map {
        evaluateClassifier(
          network, features: $0.features, labels: $0.labels, classCount: classCount)
      },
      trainingSeconds: Double(elapsed.components.seconds)
        + Double(elapsed.components.attoseconds) * 1e-18)
    reports.append(report)
    afterEpoch(report)
  }
  return reports
}
