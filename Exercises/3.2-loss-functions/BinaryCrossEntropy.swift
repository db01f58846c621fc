// Exercise 3.2.3: binary cross-entropy from logits, numerically stable.
// Check your work: `swift run exercises check 3.2.3`. Stuck? `swift run exercises hint 3.2.3`.

import ExerciseSupport
import Foundation

/// Binary cross-entropy computed from logits, stable for any logit, with its gradient.
///
/// Your task: the model outputs a logit `s` (any real number) per element; the predicted
/// probability is `σ(s) = 1 / (1 + e^(−s))` and the target `y` is in `[0, 1]`:
///
/// ```
/// ℓ(s, y) = −[ y · log σ(s) + (1 − y) · log(1 − σ(s)) ]
///         = max(s, 0) − s · y + log(1 + e^(−|s|))        ← the same number, written stably
///
/// ∂ℓ/∂s = σ(s) − y
///
/// reduction .mean:  L = (1/N) Σ_ij ℓ(s_ij, y_ij)     ∂L/∂s_ij = (σ(s_ij) − y_ij) / N
/// reduction .sum:   L =       Σ_ij ℓ(s_ij, y_ij)     ∂L/∂s_ij =  σ(s_ij) − y_ij
/// ```
/// `N = batch · outputs` counts every element. Your function must return finite, correct
/// numbers for logits as large as `±1000` (the checks try them): `s = 1000, y = 0` costs
/// `1000`, `s = −1000, y = 0` costs `0`. `log1p(x)` computes `log(1 + x)` accurately for
/// small `x` (`exp`, `log`, `log1p` come from Foundation, already imported).
///
/// Example: `s = 0, y = 1` gives `ℓ = log 2 ≈ 0.6931` and `∂ℓ/∂s = 0.5 − 1 = −0.5`.
/// - Parameters:
///   - logits: the scores `s`, `batch × outputs`, any real numbers.
///   - targets: the targets `y` in `[0, 1]`, same shape.
///   - reduction: `.mean` (default) or `.sum`.
/// - Returns: `LossResult(value: L, gradient: ∂L/∂s)`.
/// - Precondition: equal shapes, targets in `[0, 1]` (the checks only pass valid inputs).
public func binaryCrossEntropy(
  logits: Matrix, targets: Matrix, reduction: Reduction = .mean
) throws -> LossResult {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
