import Losses
import NumericsCore
import Optimizers

/// Trains a regression network with the mean squared error by mini-batch gradient descent.
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
  precondition(
    inputs.rows == targets.rows,
    "trainRegressor: \(inputs.rows) input rows but \(targets.rows) target rows")
  precondition(epochs >= 0, "trainRegressor: epochs \(epochs) must be ≥ 0")
  precondition(batchSize > 0, "trainRegressor: batch size \(batchSize) must be positive")
  var history = [Double]()
  for _ in 0..<epochs {
    let order = randomPermutation(inputs.rows, using: &rng)
    for start in stride(from: 0, to: inputs.rows, by: batchSize) {
      let indices = Array(order[start..<Swift.min(start + batchSize, inputs.rows)])
      let expected = targets.rows(at: indices)
      try network.trainStep(
        inputs.rows(at: indices), loss: { meanSquaredError(predicted: $0, expected: expected) },
        optimizer: &optimizer, using: &rng)
    }
    history.append(meanSquaredError(predicted: network.predict(inputs), expected: targets).value)
  }
  return history
}
