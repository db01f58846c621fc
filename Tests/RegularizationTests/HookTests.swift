import Layers
import NumericsCore
import Optimizers
import Regularization
import TestSupport
import XCTest

/// One full-batch SGD step through the training loop with each regulariser, against the
/// update computed by hand from the plain loss gradient G:
/// `W' = W − η(G_W + λW)`, and the bias always `b' = b − η·G_b` (weights only).
final class HookTests: XCTestCase {
  let eta = 0.1

  func data() -> (Sequential, Examples) {
    var rng = Xoshiro256StarStar(seed: 8)
    let network = Sequential([Dense(inputSize: 4, outputSize: 3, using: &rng)])
    let inputs = Matrix.normal(rows: 6, columns: 4, using: &rng)
    return (network, Examples(inputs: inputs, labels: [0, 1, 2, 0, 1, 2], classCount: 3))
  }

  /// The plain gradient [G_W, G_b] of the full batch.
  func plainGradient(_ network: Sequential, _ examples: Examples) -> [Matrix] {
    var rng = Xoshiro256StarStar(seed: 1)
    let (output, caches) = network.forward(examples.inputs, mode: .training, using: &rng)
    let loss = examples.targets.defaultLoss(output)
    return network.backward(loss.gradient, caches: caches).gradients[0]
  }

  func step(
    _ network: Sequential, _ examples: Examples, _ hooks: TrainingHooks<Xoshiro256StarStar>
  )
    throws -> Sequential
  {
    var trained = network
    var optimizer = SGD(learningRate: eta)
    var rng = Xoshiro256StarStar(seed: 2)
    try train(
      &trained, on: examples, configuration: TrainingConfiguration(epochs: 1, batchSize: 6),
      optimizer: &optimizer, hooks: hooks, using: &rng)
    return trained
  }

  func testCoupledL2StepByHand() throws {
    let (network, examples) = data()
    let g = plainGradient(network, examples)
    let (w, b) = (network.parameters[0], network.parameters[1])
    let trained = try step(network, examples, regularizationHooks(Regularization(l2: 0.5)))
    assertEqual(trained.parameters[0], w - (g[0] + w * 0.5) * eta, tolerance: 1e-12)
    assertEqual(trained.parameters[1], b - g[1] * eta, tolerance: 1e-12, "bias is not penalised")
  }

  /// For plain SGD, decoupled decay W ← (W − ηG) − ηλW differs from coupled L2
  /// W − η(G + λW) only by the order of the terms: the same step to rounding.
  func testDecoupledDecayEqualsL2ForSGD() throws {
    let (network, examples) = data()
    let coupled = try step(network, examples, regularizationHooks(Regularization(l2: 0.5)))
    let w = network.parameters[0]
    let g = plainGradient(network, examples)
    let decoupled = try step(
      network, examples, regularizationHooks(Regularization(weightDecay: 0.5)))
    assertEqual(decoupled.parameters[0], (w - g[0] * eta) * (1 - eta * 0.5), tolerance: 1e-12)
    // (W − ηG)(1 − ηλ) = W − ηG − ηλW + η²λG: equal to coupled L2 up to the η²λG term.
    assertEqual(
      decoupled.parameters[0] - coupled.parameters[0], g[0] * (eta * eta * 0.5), tolerance: 1e-12)
  }

  func testL1SubgradientStepByHand() throws {
    let (network, examples) = data()
    let g = plainGradient(network, examples)
    let w = network.parameters[0]
    let trained = try step(
      network, examples, regularizationHooks(Regularization(l1: 0.2, l1Form: .subgradient)))
    let sign = w.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
    assertEqual(trained.parameters[0], w - (g[0] + sign * 0.2) * eta, tolerance: 1e-12)
  }

  func testProximalL1StepByHand() throws {
    let (network, examples) = data()
    let g = plainGradient(network, examples)
    let (w, b) = (network.parameters[0], network.parameters[1])
    let trained = try step(network, examples, regularizationHooks(Regularization(l1: 2)))
    let expected = (w - g[0] * eta).map { v in
      v > 0.2 ? v - 0.2 : (v < -0.2 ? v + 0.2 : 0)
    }
    assertEqual(trained.parameters[0], expected, tolerance: 1e-12)
    assertEqual(trained.parameters[1], b - g[1] * eta, tolerance: 1e-12, "bias is not thresholded")
  }

  func testMaxNormBoundsEveryUnitAfterTheStep() throws {
    let (network, examples) = data()
    let trained = try step(network, examples, regularizationHooks(Regularization(maxNorm: 0.3)))
    for norm in trained.parameters[0].columnNorms().elements {
      XCTAssertLessThanOrEqual(norm, 0.3 + 1e-12)
    }
  }
}
