// Exercise 3.2.4: softmax cross-entropy from logits with integer labels, stable.
// Check your work: `swift run exercises check 3.2.4`. Stuck? `swift run exercises hint 3.2.4`.

import ExerciseSupport
import Foundation

/// Softmax cross-entropy from logits and integer class labels, stable, with its gradient.
///
/// Your task: row `i` of `logits` holds the scores `s_i` of one sample over `C` classes;
/// `labels[i]` in `0..<C` is its true class `y_i`. With `softmax(s)_j = e^(s_j) / Σ_k e^(s_k)`:
///
/// ```
/// ℓ_i = −log softmax(s_i)_(y_i) = logsumexp(s_i) − s_(i, y_i)
/// logsumexp(s) = m + log Σ_k e^(s_k − m),   m = max_k s_k     ← cannot overflow
///
/// ∂ℓ_i/∂s_ij = softmax(s_i)_j − [j = y_i]                     (softmax minus one-hot)
///
/// reduction .mean:  L = (1/B) Σ_i ℓ_i      ∂L/∂s_ij = (softmax(s_i)_j − [j = y_i]) / B
/// reduction .sum:   L =       Σ_i ℓ_i      ∂L/∂s_ij =  softmax(s_i)_j − [j = y_i]
/// ```
/// `B` is the number of **rows** (samples), not the number of elements. Logits as large
/// as `±1000` must give finite, correct results: for `s = [1000, −1000]` with label 1 the
/// loss is `2000`.
///
/// Example: `s = [[1, 1, 1]]`, label `[0]` gives `ℓ = log 3 ≈ 1.0986` and gradient
/// `[[1/3 − 1, 1/3, 1/3]]`.
/// - Parameters:
///   - logits: the scores, `batch × classes`.
///   - labels: one class index per row, each in `0..<classes`.
///   - reduction: `.mean` over samples (default) or `.sum`.
/// - Returns: `LossResult(value: L, gradient: ∂L/∂logits)` (gradient `batch × classes`).
/// - Precondition: `labels.count == batch`, labels in range (the checks only pass valid inputs).
public func softmaxCrossEntropy(
  logits: Matrix, labels: [Int], reduction: Reduction = .mean
) throws -> LossResult {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
