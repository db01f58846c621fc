import ChapterKit
import Datasets
import Foundation
import Layers
import NumericsCore
import Optimizers

/// The trained classifier and everything the figures need.
struct ClassifierResult {
  var network: Sequential
  var reports: [EpochReport]
  /// The same training for a network without hidden layers (softmax regression).
  var linearReports: [EpochReport]
  /// The first layer before training (for the figure of what training changed).
  var initialFirstLayer: Dense?
  /// How many final epochs ran at a tenth of the learning rate.
  var epochsAtTenthRate: Int
  var test: ClassificationSet
  var final: Evaluation
}

/// Part 1: an MLP on Fashion-MNIST, trained with Adam on softmax cross-entropy.
func runClassifier(
  _ settings: ClassifierSettings, data: (train: ClassificationSet, test: ClassificationSet),
  run: ChapterRun
) throws {
  run.section("1. An MLP classifies Fashion-MNIST")
  let test = data.test
  // The schedule and every other choice are judged on images held out of the training set;
  // the test set is looked at only to report.
  var splitRNG = run.makeGenerator(for: "validation split")
  let (train, validation) = data.train.split(
    validationCount: settings.validationCount, using: &splitRNG)
  run.say(
    "data: \(train.count) training, \(validation.count) validation (held out of the "
      + "\(data.train.count) training images, seeded) and \(test.count) test images of 28×28 "
      + "pixels from \(settings.dataDirectory)")

  var rng = run.makeGenerator(for: "classifier")
  let sizes = [train.featureCount] + settings.hidden + [train.classCount]
  var network = Sequential.multilayerPerceptron(
    sizes: sizes, activation: .relu, dropout: settings.dropout, using: &rng)
  let initialFirstLayer = network.layers.first as? Dense
  run.say("network: \(network)  (\(network.parameterCount) parameters)")
  let decayEpochs = epochsAtTenthRate(settings)
  run.say(
    "training: Adam lr \(formatNumber(settings.learningRate)), batch \(settings.batchSize), "
      + "\(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s")"
      + (decayEpochs > 0 ? "; the last \(decayEpochs) with lr/10 (the same Adam)" : ""))

  let stepsPerEpoch = (train.count + settings.batchSize - 1) / settings.batchSize
  let bar = run.progress(total: stepsPerEpoch * settings.epochs, label: "training")
  var rows = [[String]]()
  let reports: [EpochReport]
  do {
    reports = try trainWithStepSchedule(
      &network, settings, train: train, validation: validation, test: test,
      afterEpoch: { report in rows.append(epochRow(report)) }, afterStep: { bar.advance() },
      using: &rng)
  } catch {
    bar.finish()
    throw error
  }
  bar.finish()
  run.table(
    header: [
      "epoch", "train loss", "train acc", "validation acc", "test loss", "test acc", "seconds",
    ], rows: rows)

  guard let last = reports.last, let final = last.test else { return }
  let seconds = reports.reduce(0) { $0 + $1.trainingSeconds }
  run.say(
    "test accuracy \(percent(final.accuracy)) after \(formatNumber(seconds, digits: 3)) s of "
      + "training (reference: MLP 256-128-100 88.3%, human 83.5% in the Fashion-MNIST benchmark)")

  reportPerClass(final, classNames: test.classNames, run: run)
  recordClassifierSummary(
    settings: settings, network: network, reports: reports, seconds: seconds, run: run,
    trainCount: train.count, testCount: test.count)

  let linearReports = try trainLinearBaseline(
    settings, train: train, validation: validation, test: test, run: run)
  let result = ClassifierResult(
    network: network, reports: reports, linearReports: linearReports,
    initialFirstLayer: initialFirstLayer, epochsAtTenthRate: decayEpochs, test: test,
    final: final)
  try saveClassifierFigures(result, run: run)
}

/// What the hidden layers buy: the same training for a network with none (a Dense layer
/// straight from pixels to the 10 scores, i.e. softmax regression).
private func trainLinearBaseline(
  _ settings: ClassifierSettings, train: ClassificationSet, validation: ClassificationSet,
  test: ClassificationSet, run: ChapterRun
) throws -> [EpochReport] {
  var rng = run.makeGenerator(for: "linear baseline")
  var network = Sequential([
    Dense(
      inputSize: train.featureCount, outputSize: train.classCount, initializer: .glorotUniform,
      using: &rng)
  ])
  let reports = try trainWithStepSchedule(
    &network, settings, train: train, validation: validation, test: test, using: &rng)
  guard let final = reports.last?.test else { return reports }
  let mlpOperations = multiplyAdds(settings.hidden, train: train)
  let linearOperations = train.featureCount * train.classCount
  run.say("")
  run.say(
    "without hidden layers (\(network), \(network.parameterCount) parameters): test accuracy "
      + "\(percent(final.accuracy)) after the same training")
  run.say(
    "the MLP costs \(mlpOperations) multiply-adds per image, the linear model \(linearOperations) "
      + "(\(formatNumber(Double(mlpOperations) / Double(linearOperations), digits: 3))× more)")
  run.summary["linear_baseline"] = .object([
    "test_accuracy": .number(final.accuracy),
    "parameters": .number(Double(network.parameterCount)),
    "multiply_adds_per_image": .number(Double(linearOperations)),
    "mlp_multiply_adds_per_image": .number(Double(mlpOperations)),
  ])
  return reports
}

/// Multiply-adds of one forward pass of an MLP with these hidden sizes.
private func multiplyAdds(_ hidden: [Int], train: ClassificationSet) -> Int {
  let sizes = [train.featureCount] + hidden + [train.classCount]
  return zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
}

/// How many of the last epochs run at a tenth of the learning rate: a fifth of them, none
/// for runs under 5 epochs.
func epochsAtTenthRate(_ settings: ClassifierSettings) -> Int {
  settings.epochs >= 5 ? settings.epochs / 5 : 0
}

/// The learning rate per epoch: the full rate, then a tenth of it for the last epochs (a
/// step schedule). The smaller step lets the weights settle into the minimum that the large
/// steps only circle. One Adam runs throughout, so its moments carry over the step.
func stepSchedule(_ settings: ClassifierSettings) -> LearningRateSchedule {
  let decayEpochs = epochsAtTenthRate(settings)
  return decayEpochs > 0 ? .step(size: settings.epochs - decayEpochs, factor: 0.1) : .constant
}

/// Trains with one Adam on the step schedule, evaluating the validation and test sets after
/// every epoch (neither draws random numbers, so both leave the training unchanged).
func trainWithStepSchedule(
  _ network: inout Sequential, _ settings: ClassifierSettings, train: ClassificationSet,
  validation: ClassificationSet, test: ClassificationSet,
  afterEpoch: @escaping (EpochReport) -> Void = { _ in },
  afterStep: @escaping () -> Void = {}, using rng: inout Xoshiro256StarStar
) throws -> [EpochReport] {
  var adam = Adam(learningRate: settings.learningRate)
  do {
    return try trainClassifier(
      &network, features: train.features, labels: train.labels, classCount: train.classCount,
      validation: (validation.features, validation.labels), test: (test.features, test.labels),
      epochs: settings.epochs, batchSize: settings.batchSize, schedule: stepSchedule(settings),
      optimizer: &adam, afterEpoch: afterEpoch, afterStep: afterStep, using: &rng)
  } catch {
    switch error {
    case .diverged(let step, let loss): throw ChapterError.diverged(step: step, loss: loss)
    }
  }
}

/// Loads both splits, turning data errors into one readable line.
func loadFashionMNIST(
  _ settings: ClassifierSettings
) throws -> (
  train: ClassificationSet, test: ClassificationSet
) {
  try loadFashionMNIST(
    from: settings.dataDirectory, trainingLimit: settings.trainingLimit,
    testLimit: settings.testLimit)
}

private func epochRow(_ report: EpochReport) -> [String] {
  [
    "\(report.epoch)", formatNumber(report.training.loss), percent(report.training.accuracy),
    report.validation.map { percent($0.accuracy) } ?? "-",
    report.test.map { formatNumber($0.loss) } ?? "-",
    report.test.map { percent($0.accuracy) } ?? "-",
    formatNumber(report.trainingSeconds, digits: 3),
  ]
}

/// `0.8912` → `89.12%`.
func percent(_ fraction: Double) -> String {
  String(format: "%.2f%%", 100 * fraction)
}

/// Prints accuracy per class and the most frequent confusion of each class.
private func reportPerClass(_ evaluation: Evaluation, classNames: [String], run: ChapterRun) {
  let confusion = evaluation.confusion
  let rows = classNames.indices.map { t -> [String] in
    let row = confusion.counts[t]
    let mistakes = row.indices.filter { $0 != t }
    let worst = mistakes.max { row[$0] < row[$1] } ?? t
    let n = row.reduce(0, +)
    return [
      classNames[t], "\(n)", percent(confusion.perClassAccuracy[t]),
      row[worst] > 0 ? "\(classNames[worst]) (\(row[worst]))" : "-",
    ]
  }
  run.say("")
  run.table(header: ["class", "test images", "accuracy", "most often mistaken for"], rows: rows)
}

private func recordClassifierSummary(
  settings: ClassifierSettings, network: Sequential, reports: [EpochReport], seconds: Double,
  run: ChapterRun, trainCount: Int, testCount: Int
) {
  guard let last = reports.last, let test = last.test else { return }
  run.summary["classifier"] = .object([
    "hidden": .array(settings.hidden.map { .number(Double($0)) }),
    "dropout": .number(settings.dropout),
    "parameters": .number(Double(network.parameterCount)),
    "epochs": .number(Double(settings.epochs)),
    "learning_rate": .number(settings.learningRate),
    "epochs_at_tenth_rate": .number(Double(epochsAtTenthRate(settings))),
    "batch_size": .number(Double(settings.batchSize)),
    "training_images": .number(Double(trainCount)),
    "test_images": .number(Double(testCount)),
    "validation_images": .number(Double(settings.validationCount)),
    "validation_accuracy": last.validation.map { .number($0.accuracy) } ?? .null,
    "validation_accuracy_per_epoch": .numbers(reports.compactMap { $0.validation?.accuracy }),
    "training_seconds": .number(seconds),
    "train_accuracy": .number(last.training.accuracy),
    "test_accuracy": .number(test.accuracy),
    "test_loss": .number(test.loss),
    "per_class_accuracy": .numbers(test.confusion.perClassAccuracy),
    "test_accuracy_per_epoch": .numbers(reports.compactMap { $0.test?.accuracy }),
    "train_loss_per_epoch": .numbers(reports.map(\.training.loss)),
    "train_accuracy_per_epoch": .numbers(reports.map(\.training.accuracy)),
    "test_loss_per_epoch": .numbers(reports.compactMap { $0.test?.loss }),
  ])
}
