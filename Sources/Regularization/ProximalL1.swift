import NumericsCore

/// Soft-thresholding, the proximal operator of `t·‖W‖₁` (Tibshirani 1996; Beck and
/// Teboulle 2009, ISTA):
/// ```
/// prox(w) = sign(w) · max(|w| − t, 0)
/// ```
/// After a gradient step on the loss alone, this moves every weight towards zero by `t`
/// and stops *at* zero: it never crosses it. With `t = η·λ` (learning rate times L1
/// strength) it is the proximal gradient step for `L + λ·‖W‖₁`. Weights whose gradient
/// pull is weaker than λ end up exactly 0, which the subgradient form never achieves.
///
/// - Parameters:
///   - weights: `W`, any shape.
///   - threshold: `t ≥ 0`.
/// - Returns: the thresholded weights, the shape of `weights`.
public func softThreshold(_ weights: Matrix, threshold t: Double) -> Matrix {
  precondition(t >= 0, "softThreshold: threshold \(t) must be ≥ 0")
  return weights.map { w in
    if w > t { return w - t }
    if w < -t { return w + t }
    return 0
  }
}

/// The fraction of elements that are exactly zero.
public func fractionOfExactZeros(_ matrices: [Matrix]) -> Double {
  let total = matrices.reduce(0) { $0 + $1.count }
  guard total > 0 else { return 0 }
  let zeros = matrices.reduce(0) { count, m in count + m.elements.filter { $0 == 0 }.count }
  return Double(zeros) / Double(total)
}
