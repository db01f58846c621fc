import ChapterKit
import NumericsCore
import Optimizers
import Recurrent

// The chapter's recurrent models train with one loop: draw a batch, full BPTT, optionally
// clip by global norm, one optimizer step (Recurrent's `applyUpdate`), check for divergence.
// (Layers' `train` takes a feed-forward network on rows of a matrix, not a cell unrolled
// over time, so the recurrent models use this small loop over the same pieces.)

/// What a training run recorded.
struct TrainingRecord {
  /// The training loss of every step.
  var losses: [Double] = []
  /// The gradient's global norm before clipping, every step.
  var gradientNorms: [Double] = []
  /// Steps at which clipping acted.
  var clippedSteps = 0
  /// The step at which the loss stopped being finite, if it did.
  var divergedAt: Int?
}

/// Trains a many-to-one regressor on batches from `makeBatch` for `steps` steps.
///
/// - Parameter stopOnDivergence: when false, a run whose loss becomes NaN/∞ stops and
///   records the step (the clipping experiment wants to show that); when true it throws
///   `ChapterError.diverged`.
func trainRegressor<Cell: RecurrentCell, O: Optimizer>(
  _ model: inout SequenceRegressor<Cell>, steps: Int, optimizer: inout O,
  clippingAt threshold: Double? = nil, stopOnDivergence: Bool = true,
  makeBatch: (inout Xoshiro256StarStar) -> (inputs: [Matrix], targets: Matrix),
  using rng: inout Xoshiro256StarStar
) throws -> TrainingRecord {
  var record = TrainingRecord()
  var parameters = model.parameters
  for step in 1...steps {
    let batch = makeBatch(&rng)
    let (loss, gradients) = model.lossAndGradients(inputs: batch.inputs, targets: batch.targets)
    let norm = globalNorm(gradients)
    guard loss.isFinite, norm.isFinite else {
      if stopOnDivergence { throw ChapterError.diverged(step: step, loss: loss) }
      record.divergedAt = step
      break
    }
    let update = applyUpdate(
      to: &parameters, gradients: gradients, optimizer: &optimizer, clippingAt: threshold)
    model.parameters = parameters
    record.losses.append(loss)
    record.gradientNorms.append(update.gradientNorm)
    if update.clipped { record.clippedSteps += 1 }
  }
  return record
}
