// The losses of the two players of a GAN, all taken from the discriminator's logits.
//
// The discriminator D outputs a logit s; D(x) = σ(s) is its probability that x is real.
// Goodfellow et al. (2014) write the game as one value function
//
//     V(D, G) = E_x[log D(x)] + E_z[log(1 − D(G(z)))],      min_G max_D V(D, G).
//
// D maximises V: that is the log-likelihood of "real" on data and "fake" on samples, i.e.
// D *minimises binary cross-entropy* with label 1 on real and 0 on fake (not "maximises
// accuracy": accuracy is a step function with zero gradient almost everywhere). G
// minimises the same V — one game, not two separate goals. For a fixed G the best D is
// D*(x) = p_data(x)/(p_data(x) + p_g(x)); when p_g = p_data it is ½ everywhere.
//
// Everything is computed from logits, through Losses' `binaryCrossEntropy(logits:)`, so
// nothing is logged at 0: log σ(s) = −softplus(−s) and log(1 − σ(s)) = −softplus(s).

import Losses
import NumericsCore

/// The discriminator's loss and its gradients with respect to both batches of logits.
public struct DiscriminatorLoss: Sendable {
  /// `L_D`, the mean over the real batch plus the mean over the fake batch.
  public var value: Double
  /// `∂L_D/∂s_real`, `batch × 1`: `(σ(s) − 1)/B_real`.
  public var realGradient: Matrix
  /// `∂L_D/∂s_fake`, `batch × 1`: `σ(s)/B_fake`.
  public var fakeGradient: Matrix
}

/// The discriminator's loss: binary cross-entropy with label 1 on real samples and label 0
/// on generated ones, i.e. `−V(D, G)` of Goodfellow et al. (2014).
///
/// ```
/// L_D = −(1/B_r) Σ log σ(s_r) − (1/B_f) Σ log(1 − σ(s_f))
///     = BCE(s_r, 1) + BCE(s_f, 0)
/// ∂L_D/∂s_r = (σ(s_r) − 1)/B_r        ∂L_D/∂s_f = σ(s_f)/B_f
/// ```
/// At the game's ideal point (p_g = p_data, D = ½ everywhere) `L_D = 2 log 2 ≈ 1.386`.
/// - Parameters:
///   - realLogits: D's logits on a batch of data, `B_r × 1`.
///   - fakeLogits: D's logits on a batch of generated samples, `B_f × 1`.
/// - Returns: the loss and the gradients with respect to both sets of logits.
/// - Precondition: both batches are non-empty.
public func discriminatorLoss(realLogits: Matrix, fakeLogits: Matrix) -> DiscriminatorLoss {
  let real = binaryCrossEntropy(
    logits: realLogits,
    targets: Matrix(rows: realLogits.rows, columns: realLogits.columns, repeating: 1))
  let fake = binaryCrossEntropy(
    logits: fakeLogits, targets: .zeros(rows: fakeLogits.rows, columns: fakeLogits.columns))
  return DiscriminatorLoss(
    value: real.value + fake.value, realGradient: real.gradient, fakeGradient: fake.gradient)
}

/// Which loss the generator minimises.
public enum GeneratorLoss: String, Sendable, CaseIterable {
  /// The minimax loss of the value function, `L_G = (1/B) Σ log(1 − D(G(z)))`.
  ///
  /// Its gradient with respect to the logit is `−σ(s)/B`: when D confidently rejects the
  /// samples (σ(s) → 0, as early in training) the gradient vanishes, so G learns slowest
  /// exactly when it is worst. Goodfellow et al. (2014), §3, point this out themselves.
  case saturating
  /// The non-saturating loss, `L_G = −(1/B) Σ log D(G(z))`: binary cross-entropy with the
  /// *real* label on fakes.
  ///
  /// The same fixed point, but the gradient `(σ(s) − 1)/B` is largest when D rejects the
  /// samples. This is what Goodfellow et al. recommend in practice, and what nearly every
  /// GAN uses.
  case nonSaturating = "non-saturating"

  /// The loss and `∂L_G/∂s` for D's logits `s` on a batch of generated samples.
  ///
  /// ```
  /// saturating:      L_G = −(1/B) Σ softplus(s)     = −BCE(s, 0)    ∂L_G/∂s = −σ(s)/B
  /// non-saturating:  L_G =  (1/B) Σ softplus(−s)    =  BCE(s, 1)    ∂L_G/∂s = (σ(s) − 1)/B
  /// ```
  /// - Parameter fakeLogits: D's logits on generated samples, `B × 1`.
  /// - Precondition: the batch is non-empty.
  public func loss(fakeLogits: Matrix) -> LossResult {
    switch self {
    case .saturating:
      let bce = binaryCrossEntropy(
        logits: fakeLogits, targets: .zeros(rows: fakeLogits.rows, columns: fakeLogits.columns))
      return LossResult(value: -bce.value, gradient: -bce.gradient)
    case .nonSaturating:
      return binaryCrossEntropy(
        logits: fakeLogits,
        targets: Matrix(rows: fakeLogits.rows, columns: fakeLogits.columns, repeating: 1))
    }
  }
}
