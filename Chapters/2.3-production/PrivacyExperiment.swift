import ChapterKit
import Datasets
import Layers
import Losses
import NumericsCore
import Optimizers
import Plot
import Production

/// The DP-SGD settings of the chapter (tuned on the validation split).
struct PrivateTraining {
  var noiseMultiplier: Double
  var clipNorm = 1.0
  var expectedBatchSize = 1024.0
  var learningRate = 0.5
  var momentum = 0.9
  var activation: Activation = .tanh
  var hidden = 256
  var delta = 1e-5
}

/// Trains one DP-SGD model with the given settings and prints ε and the accuracies.
func explorePrivacy(
  _ settings: PrivateTraining, epochs: Int, data: ProductionData, seed: UInt64
)
  throws
{
  var rng = Xoshiro256StarStar(seed: seed)
  let result = try trainPrivately(settings, epochs: epochs, data: data, using: &rng)
  print(
    "σ \(settings.noiseMultiplier), expected batch \(settings.expectedBatchSize), \(epochs) epochs, "
      + "lr \(settings.learningRate), C \(settings.clipNorm): ε = \(formatNumber(result.epsilon, digits: 4)) "
      + "(δ = 1e-5, order \(result.order)); "
      + "validation \(formatPercent(accuracy(result.network, on: data.validation), decimals: 2)), "
      + "test \(formatPercent(accuracy(result.network, on: data.test), decimals: 2))")
}

/// Trains a 784-h-10 MLP with DP-SGD; returns it and its ε.
func trainPrivately(
  _ settings: PrivateTraining, epochs: Int, data: ProductionData, seedLabel: String, run: ChapterRun
) throws -> (network: Sequential, epsilon: Double, order: Double) {
  var rng = run.makeGenerator(for: "dp-\(seedLabel)")
  return try trainPrivately(settings, epochs: epochs, data: data, using: &rng)
}

/// Trains a 784-h-10 MLP with DP-SGD from `rng`; returns it and its ε.
func trainPrivately(
  _ settings: PrivateTraining, epochs: Int, data: ProductionData,
  using rng: inout Xoshiro256StarStar
) throws -> (network: Sequential, epsilon: Double, order: Double) {
  var network = Sequential.multilayerPerceptron(
    sizes: [784, settings.hidden, 10], activation: settings.activation, using: &rng)
  let n = Double(data.training.count)
  let q = settings.expectedBatchSize / n
  var sgd = SGD(learningRate: settings.learningRate, momentum: settings.momentum)
  var hooks = TrainingHooks<Xoshiro256StarStar>()
  hooks.computeGradients = { network, batch, _, rng in
    guard case .classes(let labels, _) = batch.targets else {
      preconditionFailure("DP-SGD here trains classifiers")
    }
    let clipped = clippedGradientSum(
      network, inputs: batch.inputs, labels: labels, clipNorm: settings.clipNorm, using: &rng)
    let gradients = privatizedGradient(
      clipped, noiseMultiplier: settings.noiseMultiplier, clipNorm: settings.clipNorm,
      expectedBatchSize: settings.expectedBatchSize, using: &rng)
    return (clipped.lossSum / Double(Swift.max(1, labels.count)), gradients)
  }
  var configuration = TrainingConfiguration(
    epochs: epochs, batchSize: 1, batching: .poisson(rate: q))
  configuration.evaluatesTrainingSet = false
  let history = try train(
    &network, on: data.training.examples, configuration: configuration, optimizer: &sgd,
    hooks: hooks, using: &rng)
  let steps = history.stepLosses.count + emptyBatches(history, epochs: epochs, rate: q)
  let guarantee = dpSGDPrivacy(
    noiseMultiplier: settings.noiseMultiplier, sampleRate: q, steps: steps, delta: settings.delta)
  return (network, guarantee.epsilon, guarantee.order)
}

/// Steps whose Poisson batch was empty are skipped by the loop but still spend privacy.
private func emptyBatches(_ history: TrainingHistory, epochs: Int, rate: Double) -> Int {
  let planned = epochs * Swift.max(1, Int((1 / rate).rounded()))
  return Swift.max(0, planned - history.stepLosses.count)
}

/// Test accuracy of a classifier.
func accuracy(_ network: Sequential, on set: ClassificationSet) -> Double {
  let predictions = network.predict(set.features).rowArgmax()
  return Double(zip(predictions, set.labels).filter { $0 == $1 }.count) / Double(set.count)
}

/// Each example's softmax cross-entropy.
func perExampleLosses(_ network: Sequential, on set: ClassificationSet) -> [Double] {
  let logProbabilities = logSoftmax(network.predict(set.features))
  return set.labels.enumerated().map { -logProbabilities[$0.offset, $0.element] }
}

/// Part 3: DP-SGD accuracy against the noise multiplier with its ε; ReLU vs tanh; the
/// membership-inference attack on an overfit model and on the private one.
func runPrivacy(sizes: ProductionSizes, data: ProductionData, run: ChapterRun) throws {
  run.section("3. Privacy: DP-SGD and membership inference")
  var rows = [[String]]()
  var sweep = [(sigma: Double, epsilon: Double, accuracy: Double)]()
  var chosen: (network: Sequential, epsilon: Double, accuracy: Double, sigma: Double)?
  for sigma in sizes.noiseMultipliers {
    let settings = PrivateTraining(noiseMultiplier: sigma)
    let (network, epsilon, _) = try trainPrivately(
      settings, epochs: sizes.privateEpochs, data: data, seedLabel: "sigma-\(sigma)", run: run)
    let test = accuracy(network, on: data.test)
    let validation = accuracy(network, on: data.validation)
    sweep.append((sigma, epsilon, test))
    rows.append([
      formatNumber(sigma), formatNumber(epsilon, digits: 3), formatPercent(validation, decimals: 2),
      formatPercent(test, decimals: 2),
    ])
    // The model reported is the best on validation among those with ε ≤ 3.
    if epsilon <= 3, chosen.map({ validation > accuracy($0.network, on: data.validation) }) ?? true
    {
      chosen = (network, epsilon, test, sigma)
    }
  }
  run.table(header: ["σ", "ε (δ = 1e-5)", "validation acc", "test acc"], rows: rows)
  run.summary["dp_sweep"] = .object([
    "noise_multipliers": .numbers(sweep.map(\.sigma)), "epsilons": .numbers(sweep.map(\.epsilon)),
    "test_accuracies": .numbers(sweep.map(\.accuracy)),
    "epochs": .number(Double(sizes.privateEpochs)),
    "expected_batch_size": .number(1024), "clip_norm": .number(1), "delta": .number(1e-5),
    "learning_rate": .number(0.5),
  ])
  if let chosen {
    run.summary["dp_best"] = .object([
      "noise_multiplier": .number(chosen.sigma), "epsilon": .number(chosen.epsilon),
      "test_accuracy": .number(chosen.accuracy),
    ])
    run.say(
      "best private model with ε ≤ 3 (chosen on validation): σ = \(formatNumber(chosen.sigma)), "
        + "ε = \(formatNumber(chosen.epsilon, digits: 3)), "
        + "test accuracy \(formatPercent(chosen.accuracy, decimals: 2))"
    )
  }

  // ReLU vs tanh at one noise level (Papernot et al. 2020: bounded activations help).
  let sigma = chosen?.sigma ?? sizes.noiseMultipliers[sizes.noiseMultipliers.count / 2]
  var relu = PrivateTraining(noiseMultiplier: sigma)
  relu.activation = .relu
  let reluRun = try trainPrivately(
    relu, epochs: sizes.privateEpochs, data: data, seedLabel: "relu", run: run)
  let tanhAccuracy = sweep.first { $0.sigma == sigma }!.accuracy
  let reluAccuracy = accuracy(reluRun.network, on: data.test)
  run.say(
    "σ = \(formatNumber(sigma)): tanh \(formatPercent(tanhAccuracy, decimals: 2)), "
      + "ReLU \(formatPercent(reluAccuracy, decimals: 2))"
  )
  run.summary["activation_under_dp"] = .object([
    "noise_multiplier": .number(sigma), "tanh_test_accuracy": .number(tanhAccuracy),
    "relu_test_accuracy": .number(reluAccuracy),
  ])

  try runMembershipInference(
    sizes: sizes, data: data, privateModel: chosen?.network ?? reluRun.network, run: run)
  try savePrivacyFigure(sweep: sweep, run: run)
}

/// The loss-threshold attack against an overfit non-private model and a DP model.
private func runMembershipInference(
  sizes: ProductionSizes, data: ProductionData, privateModel: Sequential, run: ChapterRun
) throws {
  let members = data.training.prefix(sizes.overfitCount)
  let nonMembers = data.test.prefix(sizes.overfitCount)
  var rng = run.makeGenerator(for: "overfit")
  var overfit = Sequential.multilayerPerceptron(sizes: [784, 512, 10], using: &rng)
  var adam = Adam(learningRate: 1e-3)
  var configuration = TrainingConfiguration(epochs: sizes.overfitEpochs, batchSize: 64)
  configuration.evaluatesTrainingSet = false
  try train(
    &overfit, on: members.examples, configuration: configuration, optimizer: &adam, using: &rng)
  let overfitAUC = lossThresholdAttackAUC(
    memberLosses: perExampleLosses(overfit, on: members),
    nonMemberLosses: perExampleLosses(overfit, on: nonMembers))
  let privateAUC = lossThresholdAttackAUC(
    memberLosses: perExampleLosses(privateModel, on: members),
    nonMemberLosses: perExampleLosses(privateModel, on: nonMembers))
  let overfitTrain = accuracy(overfit, on: members), overfitTest = accuracy(overfit, on: data.test)
  run.table(
    header: ["model", "train acc", "test acc", "attack AUC"],
    rows: [
      [
        "overfit (\(members.count) images, \(sizes.overfitEpochs) epochs)",
        formatPercent(overfitTrain, decimals: 2), formatPercent(overfitTest, decimals: 2),
        formatNumber(overfitAUC, digits: 3),
      ],
      [
        "DP-SGD", formatPercent(accuracy(privateModel, on: members), decimals: 2),
        formatPercent(accuracy(privateModel, on: data.test), decimals: 2),
        formatNumber(privateAUC, digits: 3),
      ],
    ])
  run.summary["membership_inference"] = .object([
    "overfit_auc": .number(overfitAUC), "private_auc": .number(privateAUC),
    "overfit_train_accuracy": .number(overfitTrain), "overfit_test_accuracy": .number(overfitTest),
    "members": .number(Double(members.count)),
  ])
}

private func savePrivacyFigure(
  sweep: [(sigma: Double, epsilon: Double, accuracy: Double)], run: ChapterRun
) throws {
  let figure = Figure(title: "More noise buys a smaller ε and costs accuracy")
  let axes = figure.axes
  axes.xLabel = "ε at δ = 10⁻⁵ (log scale; smaller is more private)"
  axes.yLabel = "test accuracy"
  axes.xScale = .log
  // Room on both sides for the σ labels, which sit to the right of their points.
  let epsilons = sweep.map(\.epsilon)
  axes.xLimits = (epsilons.min()! / 1.3)...(epsilons.max()! * 1.6)
  axes.line(
    x: sweep.map(\.epsilon), y: sweep.map(\.accuracy), label: "DP-SGD, tanh MLP 784-256-10",
    marker: .circle)
  for point in sweep {
    axes.text(
      "σ = \(formatNumber(point.sigma))", at: (point.epsilon * 1.05, point.accuracy - 0.004))
  }
  axes.verticalLine(x: 3, label: "ε = 3", color: .grey)
  try run.save(
    figure, name: "privacy-tradeoff",
    caption: "Test accuracy of DP-SGD (per-example clipping C = 1, Poisson sampling with expected "
      + "batch 1024, momentum SGD with lr 0.5) against its ε from the RDP accountant, one point per noise "
      + "multiplier σ.")
}
