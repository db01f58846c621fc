import Losses
import NumericsCore

/// What a step's gradient hooks are told about the step.
public struct StepContext: Sendable {
  /// The step about to be applied, from 1.
  public let step: Int
  /// Its epoch, from 1.
  public let epoch: Int
  /// The learning rate the optimizer will use.
  public let learningRate: Double
  /// The role of every parameter slot (weights or biases), in `Sequential.parameters`
  /// order; a layer's gradients are `gradients[k]`, slot order within the layer.
  public let roles: [[ParameterRole]]
}

/// The places where a chapter changes what the training loop does, without a loop of its
/// own. Every hook is optional; `TrainingHooks()` is plain mini-batch training.
///
/// `G` is the generator type of the run, so a hook that draws random numbers (augmentation,
/// DP noise) draws them from the run's own seeded stream.
public struct TrainingHooks<G: RandomNumberGenerator> {
  /// Changes a mini-batch's inputs before the forward pass (data augmentation); the row
  /// indices say which examples they are.
  public var transformBatch: ((_ inputs: inout Matrix, _ rows: [Int], _ rng: inout G) -> Void)?

  /// Replaces the gradient computation: given the network, the batch and the loss, returns
  /// the loss value and the gradients per layer (as `Sequential.backward` does). For
  /// computations that need more than the batch gradient, such as DP-SGD's per-example
  /// clipping. Default: forward in training mode, the loss, backward.
  public var computeGradients:
    (
      (
        _ network: Sequential, _ batch: Examples, _ loss: TrainingLoss, _ rng: inout G
      ) -> (loss: Double, gradients: [[Matrix]])
    )?

  /// Changes the gradients before the update: add an L1 subgradient or an L2 term, clip by
  /// the global norm, add noise. Sees the network (its current parameters).
  public var transformGradients:
    (
      (
        _ gradients: inout [[Matrix]], _ network: Sequential, _ context: StepContext,
        _ rng: inout G
      ) -> Void
    )?

  /// Changes the parameters after the update: a projection (max-norm) or a proximal step
  /// (soft-thresholding for L1).
  public var afterUpdate: ((_ network: inout Sequential, _ context: StepContext) -> Void)?

  /// Called after every step (progress bars, loss curves).
  public var afterStep: ((_ record: StepRecord) -> Void)?

  /// Called after every epoch with its metrics; returns `.stop` to end the run (early
  /// stopping). May change the network, e.g. restore the best weights seen so far.
  public var afterEpoch: ((_ record: EpochRecord, _ network: inout Sequential) -> TrainingDecision)?

  /// No hooks: plain training.
  public init() {}
}
