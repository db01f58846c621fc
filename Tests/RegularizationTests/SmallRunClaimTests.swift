import Layers
import NumericsCore
import Optimizers
import Regularization
import XCTest

/// Seeded small training runs: the claims the chapter makes, on a problem that runs in
/// well under a second in a debug build.
final class SmallRunClaimTests: XCTestCase {
  /// 120 examples of 20 features; only the first 3 features carry the label; labels are
  /// flipped with probability 0.2, so a network can memorise noise.
  func problem(seed: UInt64, count: Int) -> Examples {
    var rng = Xoshiro256StarStar(seed: seed)
    let inputs = Matrix.normal(rows: count, columns: 20, using: &rng)
    let labels = (0..<count).map { r -> Int in
      let s = inputs[r, 0] + inputs[r, 1] - inputs[r, 2]
      let clean = s > 0 ? 1 : 0
      return rng.nextUniform() < 0.2 ? 1 - clean : clean
    }
    return Examples(inputs: inputs, labels: labels, classCount: 2)
  }

  func trained(_ regularization: Regularization, epochs: Int = 60) throws -> Sequential {
    var rng = Xoshiro256StarStar(seed: 5)
    var network = Sequential.multilayerPerceptron(sizes: [20, 32, 2], using: &rng)
    var optimizer = SGD(learningRate: 0.1)
    try train(
      &network, on: problem(seed: 1, count: 120),
      configuration: TrainingConfiguration(epochs: epochs, batchSize: 20), optimizer: &optimizer,
      hooks: regularizationHooks(regularization), using: &rng)
    return network
  }

  /// Proximal L1 leaves many weights exactly 0; L2 of a comparable strength leaves none.
  func testProximalL1LeavesMoreExactZerosThanL2() throws {
    let weights = { (n: Sequential) in [n.parameters[0], n.parameters[2]] }
    let l1 = fractionOfExactZeros(weights(try trained(Regularization(l1: 0.01))))
    let l2 = fractionOfExactZeros(weights(try trained(Regularization(l2: 0.01))))
    XCTAssertEqual(l2, 0, "L2 shrinks by a factor: no weight becomes exactly 0")
    XCTAssertGreaterThan(l1, 0.3, "proximal L1 should zero most of the 17 useless inputs' weights")
  }

  /// Early stopping returns the weights of the epoch with the lowest validation loss, and
  /// that epoch is not the last one (training went on for `patience` more epochs).
  func testEarlyStoppingRestoresTheBestEpoch() throws {
    var rng = Xoshiro256StarStar(seed: 6)
    var network = Sequential.multilayerPerceptron(sizes: [20, 64, 2], using: &rng)
    var optimizer = SGD(learningRate: 0.2)
    let validation = problem(seed: 2, count: 200)
    let stopping = EarlyStopping(patience: 4)
    var snapshots: [Int: [Matrix]] = [:]
    var hooks: TrainingHooks<Xoshiro256StarStar> = regularizationHooks(
      .none, earlyStopping: stopping)
    let rule = hooks.afterEpoch
    hooks.afterEpoch = { record, network in
      snapshots[record.epoch] = network.parameters
      return rule?(record, &network) ?? .proceed
    }
    let history = try train(
      &network, on: problem(seed: 1, count: 120), validation: validation,
      configuration: TrainingConfiguration(epochs: 200, batchSize: 20), optimizer: &optimizer,
      hooks: hooks, using: &rng)
    XCTAssertTrue(history.stoppedEarly, "the run should overfit and stop within 200 epochs")
    let losses = history.epochs.map { $0.validation!.loss }
    let best = losses.indices.min { losses[$0] < losses[$1] }! + 1
    XCTAssertEqual(stopping.bestEpoch, best)
    XCTAssertEqual(history.epochs.count, best + 4)
    XCTAssertEqual(network.parameters, snapshots[best])
    XCTAssertEqual(evaluate(network, on: validation).loss, losses[best - 1], accuracy: 1e-12)
  }
}
