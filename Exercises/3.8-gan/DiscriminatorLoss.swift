// Exercise 3.8.1: the discriminator's loss and its gradients, from logits.
// Check your work: `swift run exercises check 3.8.1`. Stuck? `swift run exercises hint 3.8.1`.

import ExerciseSupport
import Foundation

/// The discriminator's loss: binary cross-entropy with label 1 on real samples and label 0
/// on generated ones, from D's logits (D(x) = σ(s) is its probability that x is real).
///
/// Your task: return
///
/// ```
/// L_D = −(1/B_r) Σ log σ(s_r) − (1/B_f) Σ log(1 − σ(s_f))
/// ∂L_D/∂s_r = (σ(s_r) − 1)/B_r        ∂L_D/∂s_f = σ(s_f)/B_f
/// ```
/// Each batch is averaged over its own size. Logits can be ±1000: compute the logs
/// stably (−log σ(s) = softplus(−s), −log(1 − σ(s)) = softplus(s), with
/// softplus(z) = max(z, 0) + log1p(exp(−|z|))).
///
/// Example: `realLogits = [[0], [2]]`, `fakeLogits = [[−1]]`:
/// `L_D = (log 2 + log(1 + e^−2))/2 + log(1 + e^−1) ≈ 0.7233`,
/// `realGradient = [[−0.25], [(σ(2) − 1)/2]] ≈ [[−0.25], [−0.0596]]`,
/// `fakeGradient = [[σ(−1)]] ≈ [[0.2689]]`.
///
/// - Parameters:
///   - realLogits: D's logits on data, `B_r × 1`.
///   - fakeLogits: D's logits on generated samples, `B_f × 1`.
/// - Returns: the loss and both gradients (each the shape of its logits).
public func discriminatorLoss(
  realLogits: Matrix, fakeLogits: Matrix
) throws -> (value: Double, realGradient: Matrix, fakeGradient: Matrix) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
