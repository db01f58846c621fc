import ChapterKit
import Foundation
import Layers
import NumericsCore
import Optimizers
import Plot
import Regularization

// Experiment 5: parameter sharing. A convolution applies one small kernel at every position
// of the image, so it needs few weights and sees a pattern wherever it is. The CNN is
// compared with MLPs of fewer, about equal, and more parameters, on the full training set.

/// One trained model of experiment 5.
struct ModelResult {
  var name: String
  var parameters: Int
  var testAccuracy: Double
  var trainingSeconds: Double
  var validationAccuracy: Double

  var json: JSONValue {
    [
      "name": .string(name), "parameters": .number(Double(parameters)),
      "test_accuracy": .number(testAccuracy), "training_seconds": .number(trainingSeconds),
      "validation_accuracy": .number(validationAccuracy),
    ]
  }
}

/// Trains a model with Adam (cosine decay over every step of the epochs) on the full training set and
/// reports validation and test accuracy.
func trainFullModel(
  _ network: inout Sequential, name: String, epochs: Int, batchSize: Int, data: ChapterData,
  sizes: ExperimentSizes, run: ChapterRun, augmentation: ImageAugmentation? = nil,
  rng: inout Xoshiro256StarStar
) throws -> ModelResult {
  let training =
    sizes.fullTrainingCount.map { data.full.rows(Array(0..<min($0, data.full.count))) }
    ?? data.full
  var adam = Adam(learningRate: 1e-3)
  let steps = (training.count + batchSize - 1) / batchSize
  // Half a cosine from 1e-3 to 1e-5 over every step of the fixed budget of epochs: large
  // steps early, fine ones at the end, no rate left unused when the budget runs out.
  var configuration = TrainingConfiguration(
    epochs: epochs, batchSize: batchSize,
    schedule: .cosine(period: steps * epochs, minimum: 1e-5), scheduleUnit: .step)
  configuration.evaluatesTrainingSet = false
  let bar = run.progress(total: steps * epochs, label: name)
  var hooks: TrainingHooks<Xoshiro256StarStar> = regularizationHooks(
    .none,
    augmentation: augmentation)
  hooks.afterStep = { _ in bar.advance() }
  let history: TrainingHistory
  do {
    history = try train(
      &network, on: training, validation: data.validation, configuration: configuration,
      optimizer: &adam, hooks: hooks, using: &rng)
  } catch .diverged(let step, let loss) {
    bar.finish()
    throw ChapterError.diverged(step: step, loss: loss)
  }
  bar.finish()
  let test = evaluate(network, on: data.test)
  return ModelResult(
    name: name, parameters: network.parameterCount, testAccuracy: test.accuracy ?? .nan,
    trainingSeconds: history.trainingSeconds,
    validationAccuracy: history.epochs.last?.validation?.accuracy ?? .nan)
}

/// Runs experiment 5 and returns the CNN's summary and everything else.
func runCNNExperiment(
  data: ChapterData, sizes: ExperimentSizes, run: ChapterRun
) throws
  -> (cnn: JSONValue, models: JSONValue)
{
  run.section("5. Parameter sharing: a CNN against MLPs on the full training set")
  var rng = run.makeGenerator(for: "cnn")
  var cnn = Sequential.convolutionalNetwork(
    hidden: 128, dropout: sizes.cnnDropout, precision: sizes.cnnPrecision, using: &rng)
  run.say("CNN: \(cnn)  (\(cnn.parameterCount) parameters)")
  let augmentation = ImageAugmentation(
    shape: ImageShape(height: 28, width: 28, channels: 1), maxShift: sizes.cnnMaxShift,
    flipProbability: 0.5)
  run.say(
    "training: Adam lr 0.001 with cosine decay per step, batch \(sizes.cnnBatchSize), "
      + "\(sizes.cnnEpochs) epoch\(sizes.cnnEpochs == 1 ? "" : "s"), random horizontal flips"
      + (sizes.cnnMaxShift > 0 ? " and shifts by up to \(sizes.cnnMaxShift) pixel(s)" : "")
      + "; convolutions' GEMMs in \(sizes.cnnPrecision)")
  let cnnResult = try trainFullModel(
    &cnn, name: "CNN", epochs: sizes.cnnEpochs, batchSize: sizes.cnnBatchSize, data: data,
    sizes: sizes, run: run, augmentation: augmentation, rng: &rng)
  var results = [cnnResult]
  for hidden in [[64], [256, 128], [512, 256]] {
    var mlpRng = run.makeGenerator(for: "mlp \(hidden)")
    var mlp = Sequential.multilayerPerceptron(
      sizes: [784] + hidden + [10], activation: .relu, using: &mlpRng)
    let name = "MLP " + hidden.map(String.init).joined(separator: "-")
    results.append(
      try trainFullModel(
        &mlp, name: name, epochs: sizes.mlpEpochs, batchSize: 128, data: data, sizes: sizes,
        run: run, rng: &mlpRng))
  }
  run.table(
    header: ["model", "parameters", "validation acc", "test acc", "training s"],
    rows: results.map {
      [
        $0.name, "\($0.parameters)", percent($0.validationAccuracy), percent($0.testAccuracy),
        formatNumber($0.trainingSeconds, digits: 3),
      ]
    })
  run.say(
    "CNN: test accuracy \(percent(cnnResult.testAccuracy)) after "
      + "\(formatNumber(cnnResult.trainingSeconds, digits: 3)) s of training (goal ≥ 92% in ≤ 300 s; "
      + "the Fashion-MNIST benchmark lists 2 conv + pooling at 91.6%)")
  try saveParameterFigure(results, run: run)
  try saveFilterFigure(cnn, run: run)
  let cnnJSON: JSONValue = [
    "test_accuracy": .number(cnnResult.testAccuracy),
    "training_seconds": .number(cnnResult.trainingSeconds),
    "parameters": .number(Double(cnnResult.parameters)),
    "validation_accuracy": .number(cnnResult.validationAccuracy),
    "epochs": .number(Double(sizes.cnnEpochs)), "batch_size": .number(Double(sizes.cnnBatchSize)),
    "convolution_precision": .string(sizes.cnnPrecision.rawValue),
    "max_shift": .number(Double(sizes.cnnMaxShift)), "dropout": .number(sizes.cnnDropout),
  ]
  return (cnnJSON, .array(results.map(\.json)))
}

private func saveParameterFigure(_ results: [ModelResult], run: ChapterRun) throws {
  let cnnAccuracy = results[0].testAccuracy
  let beatsAll = results.dropFirst().allSatisfy { $0.testAccuracy < cnnAccuracy }
  let figure = Figure(
    width: 1100, height: 700,
    title: beatsAll
      ? "Parameter sharing: the CNN beats MLPs with more parameters"
      : "Parameter sharing: test accuracy against parameters, CNN and MLPs")
  let axes = figure.axes
  let counts = results.map { Double($0.parameters) }
  // Room on the right for the last MLP's name; the legend below the data.
  axes.xLimits = ((counts.min() ?? 1e4) / 1.5)...((counts.max() ?? 1e6) * 3)
  axes.legendPosition = .lowerRight
  axes.xLabel = "trainable parameters (log scale)"
  axes.yLabel = "test accuracy (%)"
  axes.xScale = .log
  let mlps = results.filter { $0.name.hasPrefix("MLP") }
  axes.line(
    x: mlps.map { Double($0.parameters) }, y: mlps.map { $0.testAccuracy * 100 }, label: "MLPs",
    marker: .circle)
  for mlp in mlps {
    axes.text(
      "  " + mlp.name, at: DataPoint(x: Double(mlp.parameters), y: mlp.testAccuracy * 100),
      size: 13)
  }
  let cnn = results[0]
  axes.scatter(
    x: [Double(cnn.parameters)], y: [cnn.testAccuracy * 100],
    label: "CNN (conv32-pool-conv64-pool-128)",
    size: 14, marker: .square)
  axes.horizontalLine(y: 91.6, label: "benchmark: 2 conv + pooling, 91.6%")
  try run.save(
    figure, name: "parameter-sharing",
    caption: "Test accuracy against trainable parameters on the full Fashion-MNIST: the CNN "
      + "shares each 3×3 kernel over all positions.")
}

private func saveFilterFigure(_ network: Sequential, run: ChapterRun) throws {
  guard let conv = (network.layers.first as? ConvPool2D)?.convolution else { return }
  // Filter f is column f of the 9 × 32 kernel matrix, rows in (ky, kx) order: a 3×3 image.
  let images = (0..<conv.filters).map { f -> [Double] in
    let w = conv.kernels.column(f)
    let (lo, hi) = (w.min() ?? 0, w.max() ?? 1)
    return w.map { hi > lo ? ($0 - lo) / (hi - lo) : 0.5 }
  }
  let figure = Figure(
    width: 1000, height: 560,
    title: "The CNN's 32 learned first-layer 3×3 filters: mostly light–dark edges")
  figure.axes.imageGrid(
    images: images, imageWidth: conv.geometry.kernelWidth,
    imageHeight: conv.geometry.kernelHeight, columns: 8)
  try run.save(
    figure, name: "first-layer-filters",
    caption: "Each 3×3 kernel of the first convolution after training, scaled to its own "
      + "range (dark: most negative weight, light: most positive).")
}
