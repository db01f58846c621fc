import Layers
import Losses
import NumericsCore
import Optimizers

/// A generative adversarial network: two networks, each with its own optimizer, playing
/// one minimax game (Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014).
///
/// ```
/// G: z ↦ x        noise (batch × noiseSize, standard normal) → samples (batch × features)
/// D: x ↦ s        samples → one logit per row; D(x) = σ(s) = P(x is real)
/// min_G max_D  E_x[log D(x)] + E_z[log(1 − D(G(z)))]
/// ```
/// One alternating step (Goodfellow et al.'s Algorithm 1): `k` discriminator updates, each
/// on a fresh real batch and a fresh fake batch, then one generator update through the
/// updated, now fixed, discriminator. Parameter `i` of each network uses slot `i` of its
/// own optimizer, so the two players never share optimizer state.
public struct GAN<GeneratorOptimizer: Optimizer, DiscriminatorOptimizer: Optimizer>: Sendable {
  /// G: `batch × noiseSize` → `batch × features`.
  public var generator: Sequential
  /// D: `batch × features` → `batch × 1` logits.
  public var discriminator: Sequential
  /// Updates G's parameters.
  public var generatorOptimizer: GeneratorOptimizer
  /// Updates D's parameters.
  public var discriminatorOptimizer: DiscriminatorOptimizer
  /// The dimension of the noise `z`.
  public let noiseSize: Int
  /// What G minimises.
  public var generatorLoss: GeneratorLoss
  /// `k`: discriminator updates per generator update.
  public var discriminatorSteps: Int
  /// Generator updates so far (alternating steps completed).
  public private(set) var steps = 0

  /// Creates a GAN from its two players.
  /// - Parameters:
  ///   - generator: G; its input width must be `noiseSize`.
  ///   - discriminator: D; its input width must be G's output width, its output one logit.
  ///   - generatorOptimizer: for G's parameters.
  ///   - discriminatorOptimizer: for D's parameters.
  ///   - noiseSize: the dimension of `z`.
  ///   - generatorLoss: `.nonSaturating` (default, as in practice) or `.saturating`.
  ///   - discriminatorSteps: `k ≥ 1` (default 1).
  public init(
    generator: Sequential, discriminator: Sequential,
    generatorOptimizer: GeneratorOptimizer, discriminatorOptimizer: DiscriminatorOptimizer,
    noiseSize: Int, generatorLoss: GeneratorLoss = .nonSaturating, discriminatorSteps: Int = 1
  ) {
    precondition(noiseSize > 0, "GAN: noise size \(noiseSize) must be positive")
    precondition(discriminatorSteps >= 1, "GAN: k = \(discriminatorSteps) must be ≥ 1")
    self.generator = generator
    self.discriminator = discriminator
    self.generatorOptimizer = generatorOptimizer
    self.discriminatorOptimizer = discriminatorOptimizer
    self.noiseSize = noiseSize
    self.generatorLoss = generatorLoss
    self.discriminatorSteps = discriminatorSteps
  }

  // MARK: Sampling

  /// A batch of noise `z ~ N(0, I)`, `count × noiseSize`.
  public func noise<R: RandomNumberGenerator>(count: Int, using rng: inout R) -> Matrix {
    .normal(rows: count, columns: noiseSize, using: &rng)
  }

  /// `count` samples `G(z)` at inference, `count × features`.
  public func sample<R: RandomNumberGenerator>(count: Int, using rng: inout R) -> Matrix {
    generator.predict(noise(count: count, using: &rng))
  }

  /// `D(x) = σ(s)` for every row of `x`, `count × 1`, at inference.
  public func discriminate(_ x: Matrix) -> Matrix {
    discriminator.predict(x).map(sigmoid)
  }

  // MARK: Training

  /// One discriminator update on a real batch and as many fresh fakes.
  ///
  /// - Returns: the loss before the update and the mean `D(x)` on both batches.
  /// - Throws: `GANError.diverged` (parameters unchanged) when the loss or a gradient is
  ///   not finite.
  @discardableResult
  public mutating func trainDiscriminator<R: RandomNumberGenerator>(
    real: Matrix, using rng: inout R
  ) throws(GANError) -> DiscriminatorStep {
    let fake = generator.forward(
      noise(count: real.rows, using: &rng), mode: .training, using: &rng
    ).output
    let result = discriminatorGradients(
      discriminator: discriminator, real: real, fake: fake, using: &rng)
    guard result.loss.value.isFinite, allFinite(result.gradients) else {
      throw GANError.diverged(player: .discriminator, step: steps + 1, loss: result.loss.value)
    }
    discriminator.update(along: result.gradients, with: &discriminatorOptimizer)
    return DiscriminatorStep(
      loss: result.loss.value, meanRealOutput: result.realLogits.map(sigmoid).mean(),
      meanFakeOutput: result.fakeLogits.map(sigmoid).mean())
  }

  /// One generator update through the current discriminator, whose weights stay as they
  /// are (only its input gradient is computed).
  ///
  /// - Returns: `L_G` before the update and the mean `D(G(z))`.
  /// - Throws: `GANError.diverged` (parameters unchanged).
  @discardableResult
  public mutating func trainGenerator<R: RandomNumberGenerator>(
    batchSize: Int, using rng: inout R
  ) throws(GANError) -> (loss: Double, meanFakeOutput: Double) {
    let result = generatorGradients(
      generator: generator, discriminator: discriminator,
      noise: noise(count: batchSize, using: &rng), loss: generatorLoss, using: &rng)
    guard result.loss.value.isFinite, allFinite(result.gradients) else {
      throw GANError.diverged(player: .generator, step: steps + 1, loss: result.loss.value)
    }
    generator.update(along: result.gradients, with: &generatorOptimizer)
    steps += 1
    return (result.loss.value, result.fakeLogits.map(sigmoid).mean())
  }

  /// One alternating step: `k` discriminator updates, each on a new real batch from
  /// `realBatch`, then one generator update with a batch of the same size.
  ///
  /// - Parameters:
  ///   - realBatch: draws the next batch of data (`B × features`).
  ///   - rng: for the noise and stochastic layers.
  /// - Returns: the losses and D's mean outputs of this step.
  /// - Throws: `GANError.diverged`, naming the player and the step.
  @discardableResult
  public mutating func step<R: RandomNumberGenerator>(
    realBatch: (inout R) -> Matrix, using rng: inout R
  ) throws(GANError) -> GANStepRecord {
    var last = DiscriminatorStep(loss: .nan, meanRealOutput: .nan, meanFakeOutput: .nan)
    var batchSize = 0
    for _ in 0..<discriminatorSteps {
      let real = realBatch(&rng)
      batchSize = real.rows
      last = try trainDiscriminator(real: real, using: &rng)
    }
    let generated = try trainGenerator(batchSize: batchSize, using: &rng)
    return GANStepRecord(
      step: steps, discriminatorLoss: last.loss, generatorLoss: generated.loss,
      meanRealOutput: last.meanRealOutput, meanFakeOutput: generated.meanFakeOutput)
  }
}

/// What one discriminator update saw (before the update).
public struct DiscriminatorStep: Sendable, Equatable {
  /// `L_D`.
  public var loss: Double
  /// Mean `D(x)` on the real batch.
  public var meanRealOutput: Double
  /// Mean `D(G(z))` on the fake batch.
  public var meanFakeOutput: Double
}

/// What one alternating step saw: the curves of a GAN run.
public struct GANStepRecord: Sendable, Equatable {
  /// The step number, from 1.
  public var step: Int
  /// `L_D` of the last discriminator update.
  public var discriminatorLoss: Double
  /// `L_G` before the generator update.
  public var generatorLoss: Double
  /// Mean `D(x)` on the last real batch (→ ½ at the ideal point).
  public var meanRealOutput: Double
  /// Mean `D(G(z))` in the generator update (→ ½ at the ideal point).
  public var meanFakeOutput: Double
}

/// The two players of a GAN.
public enum Player: String, Sendable, Equatable {
  case generator
  case discriminator
}

/// GAN training stopped because a loss or a gradient stopped being a number.
public enum GANError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `player`'s loss or gradient was NaN or ±∞ in alternating step `step` (from 1).
  case diverged(player: Player, step: Int, loss: Double)

  /// `diverged at step N (generator loss …); try a smaller learning rate`.
  public var description: String {
    switch self {
    case .diverged(let player, let step, let loss):
      return "diverged at step \(step) (\(player.rawValue) loss \(loss)); "
        + "try a smaller learning rate"
    }
  }
}
