import Layers
import NumericsCore

/// The strengths of the weight regularisers of one training run. Zero (or nil) means off.
/// Every one acts on weights only (`ParameterRole.weight`), never on biases.
///
/// Where each acts in the one training loop (`train`, Layers/TrainingLoop.swift):
/// ```
/// transformGradients:  G_W += λ₂·W                     (l2: coupled, a loss term)
///                      G_W += λ₁·sign(W)               (l1, .subgradient)
/// optimizer step:      W ← step(W, G)
/// afterUpdate:         W ← W − η·λ_d·W                 (weightDecay: decoupled, AdamW-style)
///                      W ← softThreshold(W, η·λ₁)      (l1, .proximal)
///                      w_j ← w_j·min(1, c/‖w_j‖)       (maxNorm c, per unit = column)
/// ```
/// For plain SGD, `l2` and `weightDecay` with the same λ give the same steps (up to
/// rounding); for Adam they differ, because Adam rescales `λ₂·W` with the rest of the
/// gradient and leaves the decoupled decay alone (Loshchilov and Hutter 2019; chapter 3.3's
/// AdamW experiment).
public struct Regularization: Sendable, Equatable {
  /// How an L1 penalty is applied.
  public enum L1Form: Sendable, Equatable {
    /// `λ·sign(W)` added to the gradient: weights hover around 0, rarely exactly 0.
    case subgradient
    /// Soft-thresholding after the update: weights reach exactly 0 and stay there.
    case proximal
  }

  /// λ₂ of the penalty `(λ₂/2)·‖W‖²`, as a gradient term; ≥ 0.
  public var l2: Double
  /// λ_d of the decoupled decay `W ← W − η·λ_d·W` after each update; ≥ 0.
  public var weightDecay: Double
  /// λ₁ of the penalty `λ₁·‖W‖₁`; ≥ 0.
  public var l1: Double
  /// How the L1 penalty is applied.
  public var l1Form: L1Form
  /// The radius `c` of the max-norm ball, or nil for none; > 0.
  public var maxNorm: Double?

  /// Creates the settings; all off by default.
  /// - Precondition: every strength ≥ 0, a max-norm radius > 0.
  public init(
    l2: Double = 0, weightDecay: Double = 0, l1: Double = 0, l1Form: L1Form = .proximal,
    maxNorm: Double? = nil
  ) {
    precondition(
      l2 >= 0 && weightDecay >= 0 && l1 >= 0,
      "Regularization: strengths l2 \(l2), weight decay \(weightDecay), l1 \(l1) must be ≥ 0")
    precondition(
      maxNorm.map { $0 > 0 } ?? true,
      "Regularization: max-norm radius \(maxNorm ?? 0) must be > 0")
    self.l2 = l2
    self.weightDecay = weightDecay
    self.l1 = l1
    self.l1Form = l1Form
    self.maxNorm = maxNorm
  }

  /// No regularisation.
  public static let none = Regularization()
}

/// The training-loop hooks for these regularisers, image augmentation and early stopping.
///
/// - Parameters:
///   - regularization: the weight penalties and constraints.
///   - augmentation: shifts and flips each training batch (nil: none).
///   - earlyStopping: the `afterEpoch` rule (nil: train every epoch). Train with a
///     validation set when given; it restores the best weights when it stops.
/// - Returns: hooks to pass to `train`; combine further by wrapping the closures.
public func regularizationHooks<G: RandomNumberGenerator>(
  _ regularization: Regularization, augmentation: ImageAugmentation? = nil,
  earlyStopping: EarlyStopping? = nil
) -> TrainingHooks<G> {
  var hooks = TrainingHooks<G>()
  let r = regularization
  if let augmentation {
    hooks.transformBatch = { inputs, _, rng in augmentation.apply(to: &inputs, using: &rng) }
  }
  let subgradientL1 = r.l1 > 0 && r.l1Form == .subgradient
  if r.l2 > 0 || subgradientL1 {
    hooks.transformGradients = { gradients, network, context, _ in
      for k in gradients.indices {
        let parameters = network.layers[k].parameters
        for i in gradients[k].indices where context.roles[k][i] == .weight {
          if r.l2 > 0 {
            gradients[k][i] += l2PenaltyGradient(weights: parameters[i], strength: r.l2)
          }
          if subgradientL1 {
            gradients[k][i] += l1Subgradient(weights: parameters[i], strength: r.l1)
          }
        }
      }
    }
  }
  let proximalL1 = r.l1 > 0 && r.l1Form == .proximal
  if r.weightDecay > 0 || proximalL1 || r.maxNorm != nil {
    hooks.afterUpdate = { network, context in
      let eta = context.learningRate
      for k in network.layers.indices {
        var i = 0
        network.layers[k].updateParameters { w in
          defer { i += 1 }
          guard context.roles[k][i] == .weight else { return }
          if r.weightDecay > 0 { w *= 1 - eta * r.weightDecay }
          if proximalL1 { w = softThreshold(w, threshold: eta * r.l1) }
          if let c = r.maxNorm { w = maxNormProjection(w, radius: c) }
        }
      }
    }
  }
  if let earlyStopping {
    hooks.afterEpoch = { record, network in earlyStopping.observe(record, network: &network) }
  }
  return hooks
}
