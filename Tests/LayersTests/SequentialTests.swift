import Layers
import Losses
import NumericsCore
import Optimizers
import TestSupport
import XCTest

final class SequentialTests: XCTestCase {
  /// The whole network's backward pass against finite differences of the loss, for every
  /// parameter matrix and the input: a tanh MLP (smooth, tolerance 1e-7) with dropout (the
  /// same seed ⇒ the same masks in every evaluation), softmax cross-entropy on 5 samples.
  func testEndToEndGradients() {
    var rng = Xoshiro256StarStar(seed: 1)
    var network = Sequential.multilayerPerceptron(
      sizes: [4, 6, 5, 3], activation: .tanh, dropout: 0.25, using: &rng)
    // Nonzero biases so that every term of the backward pass matters.
    network.parameters = network.parameters.map { p in
      p.rows == 1 ? Matrix.normal(rows: 1, columns: p.columns, using: &rng) : p
    }
    let x = Matrix.normal(rows: 5, columns: 4, using: &rng)
    let labels = [0, 2, 1, 1, 2]

    func loss(_ net: Sequential, _ input: Matrix) -> Double {
      var masks = Xoshiro256StarStar(seed: 77)
      let logits = net.forward(input, mode: .training, using: &masks).output
      return softmaxCrossEntropy(logits: logits, labels: labels).value
    }
    var masks = Xoshiro256StarStar(seed: 77)
    let (logits, caches) = network.forward(x, mode: .training, using: &masks)
    let lossGradient = softmaxCrossEntropy(logits: logits, labels: labels).gradient
    let (inputGradient, gradients) = network.backward(
      lossGradient, caches: caches, needsInputGradient: true)

    let flat = gradients.flatMap { $0 }
    XCTAssertEqual(flat.count, 6)
    for (k, parameter) in network.parameters.enumerated() {
      assertGradient(
        of: { p in
          var probe = network
          probe.parameters[k] = p
          return loss(probe, x)
        }, at: parameter, equals: flat[k], tolerance: 1e-7, "parameter \(k)")
    }
    guard let inputGradient else { return XCTFail("no input gradient") }
    assertGradient(of: { loss(network, $0) }, at: x, equals: inputGradient, tolerance: 1e-7)
  }

  func testReLUNetworkGradientsAtKinkTolerance() {
    var rng = Xoshiro256StarStar(seed: 2)
    let network = Sequential.multilayerPerceptron(sizes: [3, 8, 2], activation: .relu, using: &rng)
    let x = Matrix.normal(rows: 4, columns: 3, using: &rng)
    let labels = [1, 0, 0, 1]
    var none = Xoshiro256StarStar(seed: 0)
    let (logits, caches) = network.forward(x, mode: .training, using: &none)
    let gradients = network.backward(
      softmaxCrossEntropy(logits: logits, labels: labels).gradient, caches: caches
    ).gradients.flatMap { $0 }
    for (k, parameter) in network.parameters.enumerated() {
      assertGradient(
        of: { p in
          var probe = network
          probe.parameters[k] = p
          let out = probe.forward(x, mode: .inference, using: &none).output
          return softmaxCrossEntropy(logits: out, labels: labels).value
        }, at: parameter, equals: gradients[k], tolerance: 1e-4, "parameter \(k)")
    }
  }

  /// With plain SGD one step must move every parameter by exactly −lr · gradient.
  func testTrainStepAppliesTheOptimizerToEveryParameter() throws {
    var rng = Xoshiro256StarStar(seed: 3)
    var network = Sequential.multilayerPerceptron(sizes: [3, 4, 2], using: &rng)
    let x = Matrix.normal(rows: 6, columns: 3, using: &rng)
    let labels = [0, 1, 1, 0, 1, 0]
    let before = network.parameters
    var none = Xoshiro256StarStar(seed: 0)
    let (logits, caches) = network.forward(x, mode: .training, using: &none)
    let expectedLoss = softmaxCrossEntropy(logits: logits, labels: labels)
    let gradients = network.backward(expectedLoss.gradient, caches: caches).gradients.flatMap { $0 }

    var sgd = SGD(learningRate: 0.5)
    let (loss, _) = try network.trainStep(
      x, loss: { softmaxCrossEntropy(logits: $0, labels: labels) }, optimizer: &sgd, using: &none)
    XCTAssertEqual(loss, expectedLoss.value)
    XCTAssertEqual(network.trainingSteps, 1)
    for (k, after) in network.parameters.enumerated() {
      assertEqual(after, before[k] - 0.5 * gradients[k], tolerance: 1e-15)
      XCTAssertEqual(sgd.stepCount(slot: k), 1)
    }
  }

  func testNonFiniteLossThrowsDivergedAndLeavesTheWeights() {
    var rng = Xoshiro256StarStar(seed: 4)
    var network = Sequential.multilayerPerceptron(sizes: [2, 3, 2], using: &rng)
    let before = network.parameters
    var sgd = SGD(learningRate: 0.1)
    let x: Matrix = [[.infinity, 1]]
    XCTAssertThrowsError(
      try network.trainStep(
        x, loss: { softmaxCrossEntropy(logits: $0, labels: [0]) }, optimizer: &sgd, using: &rng)
    ) { error in
      guard case .diverged(let step, let loss) = error as? TrainingError else {
        return XCTFail("expected TrainingError.diverged, got \(error)")
      }
      XCTAssertEqual(step, 1)
      XCTAssertFalse(loss.isFinite)
      XCTAssertTrue("\(error)".hasPrefix("diverged at step 1 (loss "), "\(error)")
      XCTAssertTrue("\(error)".hasSuffix("); try a smaller learning rate"), "\(error)")
    }
    XCTAssertEqual(network.parameters, before)
  }

  func testDivergedMessage() {
    XCTAssertEqual(
      TrainingError.diverged(step: 12, loss: .infinity).description,
      "diverged at step 12 (loss inf); try a smaller learning rate")
  }

  func testMultilayerPerceptronLayout() {
    var rng = Xoshiro256StarStar(seed: 5)
    let network = Sequential.multilayerPerceptron(
      sizes: [784, 256, 128, 10], dropout: 0.2, using: &rng)
    XCTAssertEqual(
      network.description,
      "Dense(784 → 256) → ReLU → Dropout(0.2) → Dense(256 → 128) → ReLU → Dropout(0.2) → "
        + "Dense(128 → 10)")
    XCTAssertEqual(network.parameterCount, 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10)
  }

  func testPredictInBatchesEqualsOneForwardPass() {
    var rng = Xoshiro256StarStar(seed: 6)
    let network = Sequential.multilayerPerceptron(sizes: [3, 5, 4], using: &rng)
    let x = Matrix.normal(rows: 23, columns: 3, using: &rng)
    assertEqual(
      network.predict(x, batchSize: 5), network.predict(x, batchSize: 100), tolerance: 1e-14)
  }
}
