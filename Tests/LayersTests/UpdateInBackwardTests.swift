import Layers
import Losses
import NumericsCore
import Optimizers
import XCTest

/// The update folded into the backward pass (`Sequential+UpdateInBackward.swift`): the same
/// parameters, bit for bit, and the same step counts as forming every gradient and then
/// updating, for every kind of optimizer; and nothing changed when a gradient cannot be
/// shown finite (the training loop then forms the gradients and reports the divergence).
final class UpdateInBackwardTests: XCTestCase {
  /// Widths the small-product kernel takes for the weight gradients (n a multiple of 32),
  /// both fusions of `Sequential` (Dense + ReLU, Dense + leaky ReLU), and a last layer of 10
  /// that OpenBLAS takes.
  private func network() -> Sequential {
    var rng = Xoshiro256StarStar(seed: 5)
    return Sequential([
      Dense(inputSize: 96, outputSize: 64, using: &rng), ReLU(),
      Dense(inputSize: 64, outputSize: 32, using: &rng), LeakyReLU(slope: 0.1),
      Dense(inputSize: 32, outputSize: 10, using: &rng),
    ])
  }

  private func batch(_ seed: UInt64) -> (Matrix, [Int]) {
    var rng = Xoshiro256StarStar(seed: seed)
    let x = Matrix.uniform(rows: 48, columns: 96, using: &rng)
    return (x, (0..<48).map { _ in rng.nextInt(below: 10) })
  }

  private func compare<O: Optimizer>(_ make: () -> O, _ name: String) {
    var folded = network()
    var formed = network()
    var (foldedOptimizer, formedOptimizer) = (make(), make())
    var none = NoRandomness()
    for step in 0..<3 {
      let (x, labels) = batch(UInt64(10 + step))
      let (output, caches) = folded.forward(x, mode: .training, using: &none)
      let loss = softmaxCrossEntropy(logits: output, labels: labels)
      XCTAssertTrue(
        folded.backwardAndUpdate(loss.gradient, caches: caches, optimizer: &foldedOptimizer),
        name)
      let (output2, caches2) = formed.forward(x, mode: .training, using: &none)
      let loss2 = softmaxCrossEntropy(logits: output2, labels: labels)
      formed.update(
        along: formed.backward(loss2.gradient, caches: caches2).gradients, with: &formedOptimizer)
    }
    for (p, q) in zip(folded.parameters, formed.parameters) {
      XCTAssertEqual(p.elements.map(\.bitPattern), q.elements.map(\.bitPattern), name)
    }
    for slot in 0..<6 {
      XCTAssertEqual(foldedOptimizer.stepCount(slot: slot), 3, "\(name), slot \(slot)")
      XCTAssertEqual(formedOptimizer.stepCount(slot: slot), 3, "\(name), slot \(slot)")
    }
    XCTAssertNotEqual(folded.parameters, network().parameters, "\(name): nothing was trained")
  }

  func testEveryOptimizerGetsTheBitsOfTheFormedGradients() {
    compare({ SGD(learningRate: 0.05) }, "SGD")
    compare({ SGD(learningRate: 0.05, weightDecay: 0.01) }, "SGD with weight decay")
    compare({ SGD(learningRate: 0.05, momentum: 0.9) }, "SGD with momentum")
    compare({ Adam(learningRate: 1e-3) }, "Adam")
  }

  /// An input of 10³⁰⁷ puts the bound 2·rows·max|X|·max|G| past the largest double (the
  /// product itself may or may not overflow): finiteness cannot be shown, nothing changes.
  func testAnUnboundedGradientChangesNothing() {
    var net = network()
    let before = net.parameters
    var (x, labels) = batch(1)
    x[0, 0] = 1e307
    var none = NoRandomness()
    let (output, caches) = net.forward(x, mode: .training, using: &none)
    // The loss of these logits is not what matters; a unit gradient on every logit is.
    _ = labels
    let gradient = Matrix(rows: output.rows, columns: output.columns, repeating: 1)
    var sgd = SGD(learningRate: 0.1)
    XCTAssertFalse(net.backwardAndUpdate(gradient, caches: caches, optimizer: &sgd))
    XCTAssertEqual(net.parameters, before)
    XCTAssertEqual(sgd.stepCount(slot: 0), 0)
  }

  /// Without hooks the loop folds the update; a gradient that overflows while the loss stays
  /// finite still stops the run as diverged, with the parameters of the step before.
  func testTheLoopStillCatchesAGradientThatOverflows() {
    var rng = Xoshiro256StarStar(seed: 2)
    var net = Sequential([Dense(inputSize: 2, outputSize: 32, using: &rng)])
    let x = Matrix(rows: 4, columns: 2, elements: [1, 2, 3, 4, 5, 6, 7, 8])
    let examples = Examples(inputs: x, values: .zeros(rows: 4, columns: 32))
    let steps = Counter()
    // Finite loss every step; in step 3 a gradient of 10³⁰⁸ per element, whose Xᵀ·G is ∞.
    let loss: TrainingLoss = { output, _ in
      let value = steps.count == 2 ? 1e308 : 1e-3
      return LossResult(
        value: 1, gradient: Matrix(rows: output.rows, columns: output.columns, repeating: value))
    }
    var afterTwo: [Matrix] = []
    var hooks = TrainingHooks<Xoshiro256StarStar>()
    hooks.afterUpdate = { network, context in
      if context.step == 2 { afterTwo = network.parameters }
    }
    hooks.afterStep = { _ in steps.increment() }
    var sgd = SGD(learningRate: 0.1)
    XCTAssertThrowsError(
      try train(
        &net, on: examples, loss: loss,
        configuration: TrainingConfiguration(epochs: 3, batchSize: 4, batching: .inOrder),
        optimizer: &sgd, hooks: hooks, using: &rng)
    ) { error in
      XCTAssertEqual(error as? TrainingError, .diverged(step: 3, loss: 1))
    }
    XCTAssertEqual(net.parameters, afterTwo)
    XCTAssertEqual(net.trainingSteps, 2)
  }
}

/// A step counter a `@Sendable` loss closure can read (the loop runs on one thread).
private final class Counter: @unchecked Sendable {
  private(set) var count = 0
  func increment() { count += 1 }
}
