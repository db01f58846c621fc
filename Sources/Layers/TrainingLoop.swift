import Losses
import NumericsCore
import Optimizers

// The one training loop of the course. Every chapter that trains a `Sequential` calls
// `train(_:on:configuration:optimizer:hooks:using:)`; what differs between chapters (the
// loss, a penalty, clipping, a constraint, early stopping, privacy noise) is passed in as
// a value or a hook, never written as another loop.
//
// One step, in order:
//
//     rows   ← the next mini-batch of row indices        (shuffled, or Poisson-sampled)
//     X      ← inputs[rows];  hooks.transformBatch(&X)   (augmentation)
//     lr     ← schedule(lr₀, t)                          (before each epoch or each step)
//     Ŷ, caches ← forward(X, .training);  L, ∂L/∂Ŷ ← loss(Ŷ, targets[rows])
//     G      ← backward(∂L/∂Ŷ)           (or hooks.computeGradients, e.g. per-example DP)
//     stop if L or G is not finite       (parameters untouched: "diverged at step N …")
//     hooks.transformGradients(&G)       (L1 subgradient, clipping, DP noise)
//     θ      ← optimizer(θ, G)
//     hooks.afterUpdate(&network)        (max-norm projection, proximal L1)
//     hooks.afterStep(record)            (progress bar, loss curves)
//
// and after each epoch, the training and validation metrics go to `hooks.afterEpoch`,
// which may stop the run (early stopping) and may change the network (restore the best
// weights).

/// What training learns from: inputs, one row per example, and their targets.
public struct Examples: Sendable {
  /// `count × features`.
  public var inputs: Matrix
  /// One target per row.
  public var targets: Targets

  /// Creates a set of examples.
  /// - Precondition: one target per input row.
  public init(inputs: Matrix, targets: Targets) {
    precondition(
      inputs.rows == targets.count,
      "Examples: \(inputs.rows) input rows but \(targets.count) targets")
    self.inputs = inputs
    self.targets = targets
  }

  /// Classification examples: softmax cross-entropy is the default loss.
  public init(inputs: Matrix, labels: [Int], classCount: Int) {
    self.init(inputs: inputs, targets: .classes(labels, classCount: classCount))
  }

  /// Regression examples: the mean squared error is the default loss.
  public init(inputs: Matrix, values: Matrix) {
    self.init(inputs: inputs, targets: .values(values))
  }

  /// The number of examples.
  public var count: Int { inputs.rows }

  /// The examples with these row indices, in this order.
  public func rows(_ indices: [Int]) -> Examples {
    Examples(inputs: inputs.rows(at: indices), targets: targets.rows(indices))
  }
}

/// The targets of a set of examples.
public enum Targets: Sendable {
  /// A class in `0..<classCount` per example.
  case classes([Int], classCount: Int)
  /// A row of real values per example (`count × outputs`).
  case values(Matrix)

  /// The number of targets.
  public var count: Int {
    switch self {
    case .classes(let labels, _): return labels.count
    case .values(let values): return values.rows
    }
  }

  /// The targets of these rows, in this order.
  public func rows(_ indices: [Int]) -> Targets {
    switch self {
    case .classes(let labels, let classCount):
      return .classes(indices.map { labels[$0] }, classCount: classCount)
    case .values(let values): return .values(values.rows(at: indices))
    }
  }

  /// The loss for these targets when none is given: softmax cross-entropy for classes, the
  /// mean squared error for values (both averaged over the batch).
  public func defaultLoss(_ output: Matrix) -> LossResult {
    switch self {
    case .classes(let labels, _): return softmaxCrossEntropy(logits: output, labels: labels)
    case .values(let values): return meanSquaredError(predicted: output, expected: values)
    }
  }
}

/// A loss of the network's output for a batch of targets: the value (averaged over the
/// batch, so learning rates do not depend on the batch size) and `∂L/∂output`.
public typealias TrainingLoss = @Sendable (_ output: Matrix, _ targets: Targets) -> LossResult

/// How the mini-batches of an epoch are drawn.
public enum Batching: Sendable, Equatable {
  /// A fresh random order each epoch, cut into batches of the configuration's size; the
  /// last batch keeps the remainder (`shuffledBatches`).
  case shuffled
  /// The rows in their stored order, cut into batches of the configuration's size (no
  /// random numbers drawn). With `batchSize ≥ count` this is full-batch gradient descent.
  case inOrder
  /// Poisson sampling (DP-SGD): each step includes every example independently with
  /// probability `rate`; an epoch has `round(1/rate)` steps. Empty batches are skipped
  /// (they still count as steps of the epoch, as in the privacy analysis).
  case poisson(rate: Double)
}

/// When a learning-rate schedule advances.
public enum ScheduleUnit: Sendable, Equatable {
  /// Once per epoch (PyTorch's usual `scheduler.step()` after each epoch).
  case epoch
  /// Once per optimizer step.
  case step
}

/// The settings of one training run.
public struct TrainingConfiguration: Sendable {
  /// Passes over the training set, `≥ 0`.
  public var epochs: Int
  /// Examples per step (for `.shuffled`), `≥ 1`.
  public var batchSize: Int
  /// How batches are drawn.
  public var batching: Batching = .shuffled
  /// The learning rate over training; it starts from the optimizer's rate.
  public var schedule: LearningRateSchedule = .constant
  /// Whether the schedule advances per epoch or per step.
  public var scheduleUnit: ScheduleUnit = .epoch
  /// Evaluate the whole training set after every epoch (costs a forward pass over it).
  public var evaluatesTrainingSet = true
  /// Rows per forward pass when evaluating.
  public var evaluationBatchSize = 1000

  /// Creates a configuration.
  public init(
    epochs: Int, batchSize: Int, batching: Batching = .shuffled,
    schedule: LearningRateSchedule = .constant, scheduleUnit: ScheduleUnit = .epoch
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.batching = batching
    self.schedule = schedule
    self.scheduleUnit = scheduleUnit
  }
}

/// What a step hook is told.
public struct StepRecord: Sendable {
  /// Steps applied so far in this run, counting this one (from 1).
  public let step: Int
  /// The epoch this step belongs to (from 1).
  public let epoch: Int
  /// The mini-batch loss before the update.
  public let loss: Double
  /// The learning rate used for this step.
  public let learningRate: Double
  /// The examples in the batch.
  public let batchSize: Int
}

/// Loss (and accuracy, for classes) of the network on a set of examples, at inference.
public struct Metrics: Sendable, Equatable {
  /// The mean loss per example.
  public let loss: Double
  /// The fraction classified correctly (nil for regression).
  public let accuracy: Double?

  public init(loss: Double, accuracy: Double?) {
    self.loss = loss
    self.accuracy = accuracy
  }
}

/// What one epoch achieved.
public struct EpochRecord: Sendable {
  /// The epoch, from 1.
  public let epoch: Int
  /// The mean of the epoch's mini-batch losses (taken before each update, in training mode).
  public let meanBatchLoss: Double
  /// The whole training set after the epoch, at inference (nil if not evaluated).
  public let training: Metrics?
  /// The validation set after the epoch (nil without one).
  public let validation: Metrics?
  /// The learning rate of the epoch's last step.
  public let learningRate: Double
  /// Seconds spent in the epoch's steps (evaluation excluded).
  public let trainingSeconds: Double
}

/// Whether training goes on after an epoch.
public enum TrainingDecision: Sendable, Equatable {
  case proceed
  case stop
}

/// Everything a run recorded.
public struct TrainingHistory: Sendable {
  /// One record per completed epoch.
  public var epochs: [EpochRecord] = []
  /// Every step's mini-batch loss, in order.
  public var stepLosses: [Double] = []
  /// True when `afterEpoch` stopped the run before the configured number of epochs.
  public var stoppedEarly = false

  /// Seconds spent in training steps, over all epochs.
  public var trainingSeconds: Double { epochs.reduce(0) { $0 + $1.trainingSeconds } }
}
