import Losses
import NumericsCore
import Optimizers

/// The training-step workload that `bench` times: one mini-batch of an MLP with ReLU,
/// softmax cross-entropy and an optimizer (plain SGD unless given), on fixed random data.
///
/// ```swift
/// var workload = TrainingStepBenchmark()           // 784-256-10, batch 128, SGD
/// for _ in 0..<1000 { workload.step() }            // time this loop
/// var chapter = TrainingStepBenchmark(sizes: [784, 256, 128, 10], optimizer: Adam(learningRate: 1e-3))
/// ```
/// Everything random (weights, inputs in [0, 1), labels) comes from `seed`, so two runs do
/// identical arithmetic.
public struct TrainingStepBenchmark<O: Optimizer>: Sendable {
  /// The network being trained.
  public private(set) var network: Sequential
  private var optimizer: O
  private let input: Matrix
  private let labels: [Int]
  private var rng: Xoshiro256StarStar
  /// Form every gradient before the update instead of folding plain SGD's step into the
  /// Dense products (`Sequential.backwardAndUpdate`): the same bits, for `bench`'s
  /// same-process comparison.
  public var formsGradients = false

  /// Builds the network and one fixed batch.
  ///
  /// - Parameters:
  ///   - sizes: layer sizes, input first (default 784-256-10, Fashion-MNIST's shape).
  ///   - batchSize: rows per step (default 128).
  ///   - optimizer: the update rule.
  ///   - seed: seeds weights, data and labels.
  public init(
    sizes: [Int] = [784, 256, 10], batchSize: Int = 128, optimizer: O, seed: UInt64 = 1
  ) {
    var rng = Xoshiro256StarStar(seed: seed)
    network = .multilayerPerceptron(sizes: sizes, activation: .relu, using: &rng)
    input = .uniform(rows: batchSize, columns: sizes[0], using: &rng)
    let classCount = sizes[sizes.count - 1]
    labels = (0..<batchSize).map { _ in rng.nextInt(below: classCount) }
    self.optimizer = optimizer
    self.rng = rng
  }

  /// Runs one training step (forward, loss, backward, update) and returns its loss.
  @discardableResult
  public mutating func step() -> Double {
    let labels = labels
    if formsGradients {
      let (output, caches) = network.forward(input, mode: .training, using: &rng)
      let result = softmaxCrossEntropy(logits: output, labels: labels)
      precondition(result.value.isFinite, "TrainingStepBenchmark: the loss diverged")
      network.update(
        along: network.backward(result.gradient, caches: caches).gradients, with: &optimizer)
      return result.value
    }
    do {
      return try network.trainStep(
        input, loss: { softmaxCrossEntropy(logits: $0, labels: labels) }, optimizer: &optimizer,
        using: &rng
      ).loss
    } catch {
      // SGD at lr 0.01 or Adam at 1e-3 on one fixed batch converges; a divergence here
      // means the arithmetic itself is broken.
      preconditionFailure("TrainingStepBenchmark: \(error)")
    }
  }
}

extension TrainingStepBenchmark where O == SGD {
  /// The textbook workload: plain SGD with step size `learningRate` (default 0.01).
  public init(
    sizes: [Int] = [784, 256, 10], batchSize: Int = 128, learningRate: Double = 0.01,
    seed: UInt64 = 1
  ) {
    self.init(
      sizes: sizes, batchSize: batchSize, optimizer: SGD(learningRate: learningRate), seed: seed)
  }
}
