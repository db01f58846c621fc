import Layers
import NumericsCore

/// Early stopping (Prechelt 1998; Goodfellow et al., *Deep Learning* §7.8): watch the
/// validation loss after every epoch, remember the weights of the best epoch, stop when it
/// has not improved for `patience` epochs, and hand back the best weights, not the last.
///
/// It regularises by limiting how far training can move from the initial weights (for a
/// quadratic loss and SGD it acts like an L2 penalty of strength ≈ 1/(η·steps)), and it
/// chooses the number of epochs on the validation set, never on the test set.
///
/// Use it as the training loop's `afterEpoch` hook (`RegularizationHooks`), which calls
/// `observe`. A class, because the hook updates it across epochs.
public final class EarlyStopping: @unchecked Sendable {
  /// Epochs without improvement before stopping, ≥ 1.
  public let patience: Int
  /// Smallest decrease of the validation loss that counts as an improvement, ≥ 0.
  public let minimumImprovement: Double
  /// The best validation loss seen.
  public private(set) var bestLoss = Double.infinity
  /// The epoch (from 1) that had it; 0 before the first epoch.
  public private(set) var bestEpoch = 0
  /// The parameters at the end of the best epoch.
  public private(set) var bestParameters: [Matrix] = []

  /// Creates the rule.
  /// - Precondition: `patience ≥ 1`, `minimumImprovement ≥ 0`.
  public init(patience: Int, minimumImprovement: Double = 0) {
    precondition(patience >= 1, "EarlyStopping: patience \(patience) must be ≥ 1")
    precondition(
      minimumImprovement >= 0,
      "EarlyStopping: minimum improvement \(minimumImprovement) must be ≥ 0")
    self.patience = patience
    self.minimumImprovement = minimumImprovement
  }

  /// Records an epoch; on stopping, restores the best parameters into `network`.
  ///
  /// - Precondition: the record has validation metrics (train with a validation set).
  /// - Returns: `.stop` after `patience` epochs without improvement, else `.proceed`.
  public func observe(_ record: EpochRecord, network: inout Sequential) -> TrainingDecision {
    guard let validation = record.validation else {
      preconditionFailure("EarlyStopping: epoch \(record.epoch) has no validation metrics")
    }
    if validation.loss < bestLoss - minimumImprovement {
      bestLoss = validation.loss
      bestEpoch = record.epoch
      bestParameters = network.parameters
      return .proceed
    }
    if record.epoch - bestEpoch >= patience {
      restoreBest(into: &network)
      return .stop
    }
    return .proceed
  }

  /// Puts the best epoch's parameters into `network` (call after training ends without a
  /// stop, too: the last epoch need not be the best).
  public func restoreBest(into network: inout Sequential) {
    if !bestParameters.isEmpty { network.parameters = bestParameters }
  }
}
