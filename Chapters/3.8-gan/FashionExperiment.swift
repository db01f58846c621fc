import Adversarial
import ChapterKit
import Datasets
import Foundation
import Layers
import NumericsCore
import Optimizers
import Plot

// Experiment 5: an MLP GAN on Fashion-MNIST. G: 64-D noise → 256 (leaky ReLU) → 784
// (sigmoid, pixels in [0, 1] like the data); D: 784 → 256 (leaky ReLU) → 1 logit. Adam
// (lr 5e-4, β1 = 0.5) for both, non-saturating loss, k = 1: the usual recipe since
// Goodfellow et al. and DCGAN, small enough for a few minutes on one core.

/// The sizes of experiment 5.
struct FashionSizes {
  var images: Int
  var steps: Int
  var batch: Int
  var hidden: Int
  let noise = 64

  init(quick: Bool) {
    images = quick ? 1000 : 30_000
    steps = quick ? 60 : 5000
    batch = quick ? 32 : 64
    hidden = quick ? 32 : 256
  }
}

/// Runs experiment 5 and returns its summary.
func runFashionExperiment(run: ChapterRun, dataDirectory: String) throws -> JSONValue {
  run.section("5. Fashion-MNIST: an MLP GAN")
  let sizes = FashionSizes(quick: run.options.quick)
  let data = try FashionMNIST.load(.train, from: dataDirectory, limit: sizes.images).features
  run.say("data: \(data.rows) training images from \(dataDirectory)")
  var rng = run.makeGenerator(for: "fashion")
  let h = sizes.hidden
  let generator = Sequential([
    Dense(inputSize: sizes.noise, outputSize: h, using: &rng), LeakyReLU(slope: 0.2),
    Dense(inputSize: h, outputSize: 784, initializer: .glorotUniform, using: &rng), Sigmoid(),
  ])
  let discriminator = Sequential([
    Dense(inputSize: 784, outputSize: h, using: &rng), LeakyReLU(slope: 0.2),
    Dense(inputSize: h, outputSize: 1, initializer: .glorotUniform, using: &rng),
  ])
  var gan = GAN(
    generator: generator, discriminator: discriminator,
    generatorOptimizer: Adam(learningRate: 5e-4, beta1: 0.5),
    discriminatorOptimizer: Adam(learningRate: 5e-4, beta1: 0.5), noiseSize: sizes.noise)
  run.say("G: \(gan.generator)\nD: \(gan.discriminator)")
  let fixedNoise = gan.noise(count: 64, using: &rng)
  let bar = run.progress(total: sizes.steps, label: "Fashion-MNIST GAN")
  var history: [GANStepRecord] = []
  let started = Date()
  for _ in 0..<sizes.steps {
    let batch = sizes.batch
    history.append(
      try gan.step(
        realBatch: { rng in data.rows(at: (0..<batch).map { _ in rng.nextInt(below: data.rows) }) },
        using: &rng))
    bar.advance()
  }
  bar.finish()
  let seconds = Date().timeIntervalSince(started)
  let last = history.suffix(max(1, history.count / 10))
  let tail = { (f: (GANStepRecord) -> Double) in last.map(f).reduce(0, +) / Double(last.count) }
  run.table(
    header: ["over the last 10% of steps", "mean"],
    rows: [
      ["D loss", formatNumber(tail(\.discriminatorLoss), digits: 3)],
      ["G loss (non-saturating)", formatNumber(tail(\.generatorLoss), digits: 3)],
      ["D(x) on real", formatNumber(tail(\.meanRealOutput), digits: 3)],
      ["D(G(z)) on fake", formatNumber(tail(\.meanFakeOutput), digits: 3)],
    ])
  run.say("\(sizes.steps) steps in \(formatNumber(seconds, digits: 3)) s")

  let samples = gan.generator.predict(fixedNoise)
  let grid = Figure(
    width: 1400, height: 760, rows: 1, columns: 2,
    title: "An MLP GAN's samples after \(sizes.steps) steps, next to real images")
  grid[0, 0].title = "real training images"
  grid[0, 0].imageGrid(
    images: data.rows(at: Array(0..<64)).rowArrays, imageWidth: 28, imageHeight: 28,
    columns: 8)
  grid[0, 1].title = "G(z) for 64 fixed noise vectors"
  grid[0, 1].imageGrid(images: samples.rowArrays, imageWidth: 28, imageHeight: 28, columns: 8)
  try run.save(
    grid, name: "fashion-samples",
    caption: "Left: real Fashion-MNIST images. Right: samples of a 64-256-784 MLP generator "
      + "trained for \(sizes.steps) steps of batch \(sizes.batch) against a 784-256-1 "
      + "discriminator (non-saturating loss, Adam 5e-4, β1 = 0.5).")

  let steps = history.map { Double($0.step) }
  let curves = Figure(
    width: 1500, height: 620, rows: 1, columns: 2,
    title: "Neither loss goes to zero: the players push against each other")
  let losses = curves[0, 0]
  losses.title = "losses (moving average of 50 steps)"
  losses.xLabel = "step"
  losses.yLabel = "loss"
  losses.line(
    x: steps, y: movingAverage(history.map(\.discriminatorLoss), window: 50),
    label: "D: BCE real + fake",
    color: .blue)
  losses.line(
    x: steps, y: movingAverage(history.map(\.generatorLoss), window: 50),
    label: "G: −log D(G(z))", color: .red)
  losses.horizontalLine(y: 2 * log(2.0), label: "2 log 2 (D at the ideal point)", color: .grey)
  losses.legendPosition = .upperRight
  let outputs = curves[0, 1]
  outputs.title = "D's mean output (moving average of 50 steps)"
  outputs.xLabel = "step"
  outputs.yLabel = "mean D(x)"
  outputs.line(
    x: steps, y: movingAverage(history.map(\.meanRealOutput), window: 50), label: "on real images",
    color: .green)
  outputs.line(
    x: steps, y: movingAverage(history.map(\.meanFakeOutput), window: 50), label: "on G's samples",
    color: .red)
  outputs.horizontalLine(y: 0.5, label: "½", color: .grey)
  outputs.yLimits = 0...1
  outputs.legendPosition = .upperRight
  try run.save(
    curves, name: "fashion-training",
    caption: "Both players' losses and D's outputs during Fashion-MNIST training. D stays "
      + "ahead (real above ½, fake below) but never wins outright, and the losses do not "
      + "settle to a minimum: a GAN's loss is not a measure of sample quality.")
  return [
    "steps": .number(Double(sizes.steps)), "batch": .number(Double(sizes.batch)),
    "images": .number(Double(data.rows)), "seconds": .number(seconds),
    "final_d_loss": .number(tail(\.discriminatorLoss)),
    "final_g_loss": .number(tail(\.generatorLoss)),
    "final_d_real": .number(tail(\.meanRealOutput)),
    "final_d_fake": .number(tail(\.meanFakeOutput)),
  ]
}
