import Losses
import NumericsCore
import Optimizers

/// Trains a regression network with the mean squared error: `train` on `Examples(inputs:values:)`,
/// returning only the training error per epoch.
///
/// ```
/// L = (1/(B·k)) Σ_i Σ_j (f(x_i)_j − y_ij)²        over a batch of B rows, k outputs
/// ```
/// Each epoch visits every sample once in a fresh random order (the last batch keeps the
/// remainder).
///
/// - Parameters:
///   - network: outputs `batch × k`; trained in place.
///   - inputs: `N × inputFeatures`.
///   - targets: `N × k`.
///   - epochs: passes over the data.
///   - batchSize: samples per step.
///   - optimizer: the update rule.
///   - rng: shuffles the batches (and drives dropout, if any).
/// - Returns: the mean squared error on the whole training set after each epoch.
/// - Throws: `TrainingError.diverged` when a batch loss is NaN or infinite.
public func trainRegressor<O: Optimizer, G: RandomNumberGenerator>(
  _ network: inout Sequential, inputs: Matrix, targets: Matrix, epochs: Int, batchSize: Int,
  optimizer: inout O, using rng: inout G
) throws(TrainingError) -> [Double] {
  let history = try train(
    &network, on: Examples(inputs: inputs, values: targets),
    configuration: TrainingConfiguration(epochs: epochs, batchSize: batchSize),
    optimizer: &optimizer, using: &rng)
  return history.epochs.map { $0.training?.loss ?? .nan }
}
