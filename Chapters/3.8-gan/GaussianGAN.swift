import Adversarial
import Layers
import NumericsCore
import Optimizers

/// The one recipe that fits every 2-D Gaussian target (no retuning per target).
///
/// - Data: `dataCount` draws from the target, standardised with their own sample mean and
///   covariance, so the GAN always sees (nearly) N(0, I).
/// - G: one Dense(2 → 2) layer, `G(z) = z·A + b`: exactly the family of 2-D Gaussians
///   (covariance AᵀA, mean b), so the right answer is representable.
/// - D: an MLP 2-`hidden`-`hidden`-1 with leaky ReLU.
/// - Adam with β1 = 0.5 for both (momentum makes the game's rotation worse; DCGAN's
///   choice), the non-saturating loss, k = 1, and the learning rate decayed linearly to
///   a twentieth over the second half of the run, which damps the oscillation around the
///   equilibrium that a constant step keeps alive (experiment 3).
struct GaussianRecipe {
  var steps = 4000
  var batchSize = 256
  var dataCount = 20_000
  var hidden = 32
  var learningRate = 2e-3
  var finalFactor = 0.05
  var evaluationSamples = 100_000

  /// The learning-rate factor at step `t` (from 0).
  func factor(at t: Int) -> Double {
    let half = steps / 2
    guard t >= half, steps - half > 0 else { return 1 }
    let progress = Double(t - half) / Double(steps - half)
    return 1 + (finalFactor - 1) * progress
  }
}

/// What fitting one Gaussian produced.
struct GaussianFit {
  var target: Gaussian2D
  var learnedMean: [Double]
  var learnedCovariance: [[Double]]
  /// Mean D(x) on held-out real data and on generated samples, after training.
  var finalRealOutput: Double
  var finalFakeOutput: Double
  /// D's accuracy with threshold ½ on the held-out real and the fake samples together.
  var finalAccuracy: Double
  /// One record per step.
  var history: [GANStepRecord]
  /// Generated samples in the data's coordinates (the first 2000), for figures.
  var samples: Matrix
  var data: Matrix
  /// Max |learned − target| of the mean, and of the covariance relative to the largest
  /// target entry.
  var meanError: Double {
    zip(learnedMean, target.mean).map { abs($0 - $1) }.max() ?? .nan
  }
  var covarianceError: Double {
    let largest = target.covariance.flatMap { $0 }.map(abs).max() ?? 1
    var worst = 0.0
    for i in 0..<2 {
      for j in 0..<2 {
        worst = max(worst, abs(learnedCovariance[i][j] - target.covariance[i][j]) / largest)
      }
    }
    return worst
  }
}

/// Trains the recipe's GAN on `target` and measures what it learned.
/// - Throws: `GANError.diverged` (not expected with this recipe).
func fitGaussian<R: RandomNumberGenerator>(
  _ target: Gaussian2D, recipe: GaussianRecipe, progress: (() -> Void)? = nil,
  using rng: inout R
) throws(GANError) -> GaussianFit {
  let data = target.sample(count: recipe.dataCount, using: &rng)
  let standardization = Standardization(data: data)
  let standardized = standardization.standardize(data)

  let generator = Sequential([
    Dense(inputSize: 2, outputSize: 2, initializer: .glorotUniform, using: &rng)
  ])
  let discriminator = Sequential([
    Dense(inputSize: 2, outputSize: recipe.hidden, using: &rng), LeakyReLU(slope: 0.2),
    Dense(inputSize: recipe.hidden, outputSize: recipe.hidden, using: &rng),
    LeakyReLU(slope: 0.2),
    Dense(inputSize: recipe.hidden, outputSize: 1, initializer: .glorotUniform, using: &rng),
  ])
  var gan = GAN(
    generator: generator, discriminator: discriminator,
    generatorOptimizer: Adam(learningRate: recipe.learningRate, beta1: 0.5),
    discriminatorOptimizer: Adam(learningRate: recipe.learningRate, beta1: 0.5),
    noiseSize: 2)
  var history: [GANStepRecord] = []
  history.reserveCapacity(recipe.steps)
  let batch = recipe.batchSize
  for t in 0..<recipe.steps {
    let rate = recipe.learningRate * recipe.factor(at: t)
    gan.generatorOptimizer.learningRate = rate
    gan.discriminatorOptimizer.learningRate = rate
    let record = try gan.step(
      realBatch: { rng in
        standardized.rows(at: (0..<batch).map { _ in rng.nextInt(below: standardized.rows) })
      }, using: &rng)
    history.append(record)
    progress?()
  }

  let generated = standardization.restore(gan.sample(count: recipe.evaluationSamples, using: &rng))
  let moments = sampleMoments(generated)
  let heldOut = standardization.standardize(target.sample(count: 10_000, using: &rng))
  let fake = gan.sample(count: 10_000, using: &rng)
  let onReal = gan.discriminate(heldOut)
  let onFake = gan.discriminate(fake)
  let correct =
    onReal.elements.filter { $0 > 0.5 }.count + onFake.elements.filter { $0 <= 0.5 }.count
  return GaussianFit(
    target: target, learnedMean: moments.mean, learnedCovariance: moments.covariance,
    finalRealOutput: onReal.mean(), finalFakeOutput: onFake.mean(),
    finalAccuracy: Double(correct) / Double(onReal.rows + onFake.rows), history: history,
    samples: generated.rows(at: Array(0..<2000)), data: data.rows(at: Array(0..<2000)))
}
