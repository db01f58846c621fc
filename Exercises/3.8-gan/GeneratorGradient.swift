// Exercise 3.8.2: the non-saturating generator loss, its gradient through a fixed D.
// Check your work: `swift run exercises check 3.8.2`. Stuck? `swift run exercises hint 3.8.2`.

import ExerciseSupport
import Foundation

/// The generator's non-saturating loss on a batch of its samples and the gradient with
/// respect to those samples, through a fixed logistic discriminator `s = x·w + b`.
///
/// Your task: with `s_b = fakeSamples[b]·w + b` (one logit per sample),
///
/// ```
/// L_G = (1/B) Σ_b −log σ(s_b) = (1/B) Σ_b softplus(−s_b)
/// ∂L_G/∂x_bk = (σ(s_b) − 1)/B · w_k                         (B × F, the samples' shape)
/// ```
/// The discriminator is fixed: its weights are not changed and have no gradient here.
/// The gradient is with respect to the samples G produced, so it passes through D.
///
/// Example: `fakeSamples = [[1, 0], [0, −1]]`, `w = [[2], [1]]`, `b = 0.5`: `s = (2.5, −0.5)`,
/// `L_G = (softplus(−2.5) + softplus(0.5))/2 ≈ 0.5265`, and the gradient's rows are
/// `(σ(2.5) − 1)/2 · [2, 1]` and `(σ(−0.5) − 1)/2 · [2, 1]`.
///
/// - Parameters:
///   - fakeSamples: `x = G(z)`, B × F.
///   - discriminatorWeights: `w`, F × 1.
///   - discriminatorBias: `b`.
/// - Returns: `LossResult(value: L_G, gradient: ∂L_G/∂x)`.
public func generatorGradient(
  fakeSamples: Matrix, discriminatorWeights: Matrix, discriminatorBias: Double
) throws -> LossResult {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
