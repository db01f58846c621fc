import Adversarial
import ChapterKit
import Foundation
import Layers
import NumericsCore
import Optimizers
import Plot

// Experiment 4: for a fixed generator, the discriminator that maximises
//   E_{x~p_data}[log D(x)] + E_{x~p_g}[log(1 − D(x))]
// is, point by point, D*(x) = p_data(x) / (p_data(x) + p_g(x)) (Goodfellow et al. 2014,
// Proposition 1: maximise a·log y + b·log(1 − y) over y ∈ (0, 1)). We train only D, with
// G frozen at x = 1.5 + 0.7·z, against data N(0, 1), and compare.

/// The normal density N(μ, σ²) at x.
func normalDensity(_ x: Double, mean: Double, standardDeviation: Double) -> Double {
  let u = (x - mean) / standardDeviation
  return exp(-0.5 * u * u) / (standardDeviation * (2 * Double.pi).squareRoot())
}

/// Runs experiment 4 and returns its summary.
func runOptimalDiscriminatorExperiment(run: ChapterRun) throws -> JSONValue {
  run.section("4. The optimal discriminator in 1-D, for a fixed generator")
  let quick = run.options.quick
  let steps = quick ? 300 : 3000
  let (dataMean, dataSD) = (0.0, 1.0)
  let (fakeMean, fakeSD) = (1.5, 0.7)
  var rng = run.makeGenerator(for: "optimal-discriminator")
  let generator = Sequential([Dense(weights: [[fakeSD]], bias: [[fakeMean]])])
  let discriminator = Sequential.multilayerPerceptron(
    sizes: [1, 64, 64, 1], activation: .tanh, using: &rng)
  var gan = GAN(
    generator: generator, discriminator: discriminator,
    generatorOptimizer: SGD(learningRate: 1),
    discriminatorOptimizer: Adam(learningRate: 3e-3), noiseSize: 1)
  let bar = run.progress(total: steps, label: "training D")
  for t in 0..<steps {
    // A decaying step for the last third, so D settles instead of jittering around D*.
    gan.discriminatorOptimizer.learningRate = t < 2 * steps / 3 ? 3e-3 : 1e-3
    let real = Matrix.normal(
      rows: 512, columns: 1, mean: dataMean, standardDeviation: dataSD, using: &rng)
    try gan.trainDiscriminator(real: real, using: &rng)
    bar.advance()
  }
  bar.finish()

  let grid = linearlySpaced(from: -4, to: 5, count: 181)
  let pData = grid.map { normalDensity($0, mean: dataMean, standardDeviation: dataSD) }
  let pG = grid.map { normalDensity($0, mean: fakeMean, standardDeviation: fakeSD) }
  let optimal = zip(pData, pG).map { $0 / ($0 + $1) }
  let learned = gan.discriminate(Matrix(column: grid)).elements
  // Compare where there is data to learn from: where either density exceeds 0.05.
  var worst = 0.0
  for i in grid.indices where max(pData[i], pG[i]) > 0.05 {
    worst = max(worst, abs(learned[i] - optimal[i]))
  }
  // Where the densities cross, D* = ½.
  run.say(
    "after \(steps) D-steps: max |D(x) − D*(x)| = \(formatNumber(worst, digits: 3)) where "
      + "p_data or p_g > 0.05")

  let figure = Figure(
    width: 1300, height: 650,
    title: "A trained discriminator approaches D* = p_data / (p_data + p_g)")
  let axes = figure.axes
  axes.title = "data N(0, 1), fixed generator N(1.5, 0.7²), D trained alone"
  axes.xLabel = "x"
  axes.yLabel = "D(x) = P(real) and densities"
  axes.band(x: grid, lower: grid.map { _ in 0 }, upper: pData, label: "p_data", color: .grey)
  axes.band(x: grid, lower: grid.map { _ in 0 }, upper: pG, label: "p_g", color: .orange)
  axes.line(x: grid, y: optimal, label: "D* = p_data/(p_data + p_g)", color: .black, style: .dashed)
  axes.line(x: grid, y: learned, label: "learned D(x)", color: .blue)
  axes.horizontalLine(y: 0.5, label: "½", color: .grey, style: .dotted)
  axes.yLimits = 0...1.05
  axes.legendPosition = .outsideRight
  try run.save(
    figure, name: "optimal-discriminator",
    caption: "D trained for \(steps) steps against a frozen generator. It follows "
      + "p_data/(p_data + p_g) where there are samples (max gap "
      + "\(formatNumber(worst, digits: 2))); far out in the tails, where neither density "
      + "has samples, nothing pins it down.")
  return [
    "steps": .number(Double(steps)), "max_gap": .number(worst),
    "data": ["mean": .number(dataMean), "sd": .number(dataSD)],
    "generator": ["mean": .number(fakeMean), "sd": .number(fakeSD)],
  ]
}
