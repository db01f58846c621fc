// The gradients of the two players, each as a free function of the networks, so a single
// step can be read (and checked) on its own.
//
// Discriminator step (D's weights θ_D change, G is fixed):
//
//     x_fake = G(z)                                      (no gradient into G)
//     s = D([x_real; x_fake])                            one batch, both halves
//     L_D = BCE(s_real, 1) + BCE(s_fake, 0)
//     ∂L_D/∂θ_D  by backward through D
//
// Generator step (G's weights θ_G change, D is fixed):
//
//     x_fake = G(z),  s = D(x_fake),  L_G = loss(s)      saturating or non-saturating
//     ∂L_G/∂x_fake = D's *input* gradient                 (D's weight gradients skipped)
//     ∂L_G/∂θ_G   by backward through G from ∂L_G/∂x_fake
//
// G's gradient has to pass through D: D is the only thing that connects G's samples to
// the loss. Forgetting that (training G on some loss of its samples alone) leaves G with
// no idea what "real" looks like.

import Layers
import Losses
import NumericsCore

/// What one discriminator gradient computation produced.
public struct DiscriminatorGradients: Sendable {
  /// The loss and its gradients with respect to the logits.
  public var loss: DiscriminatorLoss
  /// `∂L_D/∂θ_D`, per layer of D (as `Sequential.backward` returns them).
  public var gradients: [[Matrix]]
  /// D's logits on the real batch, `B_r × 1`.
  public var realLogits: Matrix
  /// D's logits on the fake batch, `B_f × 1`.
  public var fakeLogits: Matrix
}

/// The discriminator's loss and its parameter gradients on one real and one fake batch.
///
/// Both batches go through D as one stacked batch (`[real; fake]`): one matrix product
/// per layer instead of two, and the same numbers as two separate passes, because no
/// layer here mixes rows.
/// - Parameters:
///   - discriminator: D, mapping `batch × features` to `batch × 1` logits.
///   - real: data, `B_r × features`.
///   - fake: generated samples, `B_f × features` (treated as constants).
///   - rng: for stochastic layers of D (dropout).
/// - Returns: the loss, D's parameter gradients and both sets of logits.
public func discriminatorGradients<G: RandomNumberGenerator>(
  discriminator: Sequential, real: Matrix, fake: Matrix, using rng: inout G
) -> DiscriminatorGradients {
  precondition(
    real.columns == fake.columns && real.rows > 0 && fake.rows > 0,
    "discriminatorGradients: real \(real.shapeDescription) and fake \(fake.shapeDescription) "
      + "must be non-empty with the same number of columns")
  let (logits, caches) = discriminator.forward(
    Matrix.stacking(rows: [real, fake]), mode: .training, using: &rng)
  precondition(
    logits.columns == 1,
    "discriminatorGradients: D must output one logit per row, got \(logits.shapeDescription)")
  let realLogits = logits.rows(in: 0..<real.rows)
  let fakeLogits = logits.rows(in: real.rows..<logits.rows)
  let loss = discriminatorLoss(realLogits: realLogits, fakeLogits: fakeLogits)
  let gradient = Matrix.stacking(rows: [loss.realGradient, loss.fakeGradient])
  let gradients = discriminator.backward(gradient, caches: caches).gradients
  return DiscriminatorGradients(
    loss: loss, gradients: gradients, realLogits: realLogits, fakeLogits: fakeLogits)
}

/// What one generator gradient computation produced.
public struct GeneratorGradients: Sendable {
  /// `L_G` and `∂L_G/∂s` (with respect to D's logits on the fakes).
  public var loss: LossResult
  /// `∂L_G/∂θ_G`, per layer of G.
  public var gradients: [[Matrix]]
  /// The generated batch `G(z)`.
  public var samples: Matrix
  /// D's logits on it.
  public var fakeLogits: Matrix
}

/// The generator's loss and its parameter gradients through a fixed discriminator.
///
/// ```
/// ∂L_G/∂θ_G = (∂x/∂θ_G)ᵀ · (∂s/∂x)ᵀ · ∂L_G/∂s        x = G(z), s = D(x)
/// ```
/// The middle factor is D's input gradient (`Sequential.inputGradient`), computed without
/// D's own weight gradients, which this step would throw away.
/// - Parameters:
///   - generator: G, mapping `batch × noiseSize` to `batch × features`.
///   - discriminator: D, held fixed.
///   - noise: the latent batch `z`, `B × noiseSize`.
///   - loss: `.nonSaturating` (what to use) or `.saturating` (the minimax original).
///   - rng: for stochastic layers.
/// - Returns: the loss, G's parameter gradients, the samples and D's logits on them.
public func generatorGradients<G: RandomNumberGenerator>(
  generator: Sequential, discriminator: Sequential, noise: Matrix, loss: GeneratorLoss,
  using rng: inout G
) -> GeneratorGradients {
  let (samples, generatorCaches) = generator.forward(noise, mode: .training, using: &rng)
  let (logits, discriminatorCaches) = discriminator.forward(
    samples, mode: .training, using: &rng)
  let result = loss.loss(fakeLogits: logits)
  let sampleGradient = discriminator.inputGradient(result.gradient, caches: discriminatorCaches)
  let gradients = generator.backward(sampleGradient, caches: generatorCaches).gradients
  return GeneratorGradients(
    loss: result, gradients: gradients, samples: samples, fakeLogits: logits)
}

/// Whether every gradient is a finite number.
func allFinite(_ gradients: [[Matrix]]) -> Bool {
  gradients.allSatisfy { layer in layer.allSatisfy(\.isFinite) }
}
