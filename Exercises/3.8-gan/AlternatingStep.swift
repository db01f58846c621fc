// Exercise 3.8.3: one alternating GAN step.
// Check your work: `swift run exercises check 3.8.3`. Stuck? `swift run exercises hint 3.8.3`.

import ExerciseSupport
import Foundation

/// One alternating step of GAN training with plain SGD (Goodfellow et al. 2014,
/// Algorithm 1 with k = 1): first the discriminator, then the generator through the
/// updated discriminator.
///
/// Your task: the generator is affine, `x = z·A + c` (`generator.weights` = A, Z × F;
/// `generator.bias` = c, 1 × F); the discriminator is logistic-affine, `s = x·w + b`
/// (`discriminator.weights` = w, F × 1; `discriminator.bias` = b, 1 × 1), D(x) = σ(s).
///
/// ```
/// 1. D step:  fake = discriminatorNoise·A + c      (the current G)
///             L_D = BCE(s_real, 1) + BCE(s_fake, 0)  (exercise 3.8.1)
///             w ← w − η ∂L_D/∂w,   b ← b − η ∂L_D/∂b
/// 2. G step:  x = generatorNoise·A + c, scored by the NEW w, b
///             L_G = (1/B) Σ −log σ(s)                (non-saturating, exercise 3.8.2)
///             A ← A − η ∂L_G/∂A,   c ← c − η ∂L_G/∂c     (D stays as it is)
/// ```
/// Example (every size 1): `A = w = [[1]]`, `c = b = [[0]]`, `real = [[1]]`, both noises
/// `[[0]]`, η = 1: D moves to `w = 2 − σ(1) ≈ 1.2689`, `b = ½ − σ(1) ≈ −0.2311`; then G's
/// sample 0 has logit −0.2311, so `c = −(σ(−0.2311) − 1)·1.2689 ≈ 0.7074` and A stays 1.
///
/// - Parameters:
///   - real: a batch of data, B × F.
///   - discriminatorNoise: the noise for D's fakes, B × Z.
///   - generatorNoise: the noise for G's step, B × Z.
///   - generator: A and c.
///   - discriminator: w and b.
///   - learningRate: η.
/// - Returns: both players after the step.
public func alternatingStep(
  real: Matrix, discriminatorNoise: Matrix, generatorNoise: Matrix,
  generator: AffineParameters, discriminator: AffineParameters, learningRate: Double
) throws -> (generator: AffineParameters, discriminator: AffineParameters) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
