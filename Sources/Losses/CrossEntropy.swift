// Cross-entropy losses: the negative log-likelihood of the targets under the model's
// predicted probabilities, taking logits (unnormalised scores) as input.
//
// Taking logits rather than probabilities is deliberate. The loss and its gradient can
// then be written so that nothing is ever exponentiated to overflow or logged at zero:
// binary cross-entropy through log1p(exp(−|s|)), softmax cross-entropy through
// log-sum-exp. And the gradient comes out as the plain error "prediction − target",
// which does not vanish when the model is confidently wrong — the reason classifiers are
// trained with cross-entropy rather than squared error.

import NumericsCore

/// Binary cross-entropy on logits, PyTorch's `binary_cross_entropy_with_logits`.
///
/// ```
/// ℓ = −[y log σ(s) + (1 − y) log(1 − σ(s))]
///   = max(s, 0) − s·y + log(1 + exp(−|s|))      (the form computed; no overflow)
/// ∂ℓ/∂s = σ(s) − y
/// L = (1/N) Σ ℓ            over all N elements
/// ```
/// At s = ±1000 the loss is exact: 0 when the sign agrees with the target, 1000 when it
/// is confidently wrong. Soft targets in [0, 1] are allowed (the minimum is then at
/// σ(s) = y, where ℓ equals the binary entropy of y, not 0). This is the negative
/// log-likelihood of logistic regression (Cox, "The Regression Analysis of Binary
/// Sequences", 1958).
/// - Parameters:
///   - logits: the scores `s` (`batch × outputs`); σ(s) is the predicted probability.
///   - targets: the probabilities `y` in [0, 1], same shape.
///   - reduction: `.mean` (default) or `.sum`.
/// - Returns: the loss and `∂L/∂s`.
/// - Precondition: the shapes are equal and non-empty; every target lies in [0, 1].
public func binaryCrossEntropy(
  logits: Matrix, targets: Matrix, reduction: Reduction = .mean
) -> LossResult {
  requireSameShape(logits, targets, "binaryCrossEntropy", ("logits", "targets"))
  let scale = reduction.scale(count: logits.count, "binaryCrossEntropy")
  var total = 0.0
  var gradient = [Double](repeating: 0, count: logits.count)
  for i in 0..<logits.count {
    let s = logits.elements[i]
    let y = targets.elements[i]
    precondition(
      y >= 0 && y <= 1, "binaryCrossEntropy: target \(y) at element \(i) is outside [0, 1]")
    total += max(s, 0) - s * y + logOnePlus(exponential(-abs(s)))
    gradient[i] = (sigmoid(s) - y) * scale
  }
  return LossResult(
    value: total * scale,
    gradient: Matrix(rows: logits.rows, columns: logits.columns, elements: gradient))
}

/// Softmax cross-entropy with class-index labels, PyTorch's `cross_entropy`.
///
/// ```
/// ℓ_i = −log softmax(s_i)[y_i] = lse(s_i) − s[i, y_i]
/// ∂ℓ_i/∂s_i = softmax(s_i) − onehot(y_i)
/// L = (1/B) Σ_i ℓ_i        over the B rows
/// ```
/// lse is the max-subtracted log-sum-exp, so the logits `[1000, −1000, 0]` give exactly
/// 0 for label 0 and exactly 2000 for label 1. Softmax outputs trained this way were
/// introduced for classification networks by Bridle (1990).
/// - Parameters:
///   - logits: `batch × C` unnormalised class scores.
///   - labels: the correct class of each row, in `0..<C` (`batch` entries).
///   - reduction: `.mean` over rows (default) or `.sum`.
/// - Returns: the loss and `∂L/∂logits` (`batch × C`).
/// - Precondition: `labels.count == logits.rows > 0`, `C > 0`; every label in `0..<C`.
public func softmaxCrossEntropy(
  logits: Matrix, labels: [Int], reduction: Reduction = .mean
) -> LossResult {
  precondition(
    labels.count == logits.rows,
    "softmaxCrossEntropy: \(labels.count) labels for \(logits.rows) rows of logits")
  let c = logits.columns
  let scale = reduction.scale(count: logits.rows, "softmaxCrossEntropy")
  let probabilities = softmax(logits)
  let logProbabilities = logSoftmax(logits)
  var total = 0.0
  var gradient = probabilities.elements
  for (i, label) in labels.enumerated() {
    precondition(
      label >= 0 && label < c,
      "softmaxCrossEntropy: label \(label) in row \(i) is outside 0..<\(c)")
    total -= logProbabilities.elements[i * c + label]
    gradient[i * c + label] -= 1
  }
  for k in 0..<gradient.count { gradient[k] *= scale }
  return LossResult(
    value: total * scale, gradient: Matrix(rows: logits.rows, columns: c, elements: gradient))
}

/// Softmax cross-entropy with a target distribution per row (soft labels), PyTorch's
/// `cross_entropy` with probability targets.
///
/// ```
/// ℓ_i = −Σ_j t[i, j] · logSoftmax(s_i)_j
/// ∂ℓ_i/∂s_i = softmax(s_i) · (Σ_j t[i, j]) − t_i      (= softmax − t when rows sum to 1)
/// L = (1/B) Σ_i ℓ_i        over the B rows
/// ```
/// With one-hot rows this equals the label version. Rows need not sum to 1 (PyTorch
/// does not require it either); the gradient formula above is exact for any row.
/// - Parameters:
///   - logits: `batch × C` unnormalised class scores.
///   - targets: `batch × C` target probabilities in [0, 1].
///   - reduction: `.mean` over rows (default) or `.sum`.
/// - Returns: the loss and `∂L/∂logits` (`batch × C`).
/// - Precondition: equal, non-empty shapes; every target lies in [0, 1].
public func softmaxCrossEntropy(
  logits: Matrix, targets: Matrix, reduction: Reduction = .mean
) -> LossResult {
  requireSameShape(logits, targets, "softmaxCrossEntropy", ("logits", "targets"))
  let c = logits.columns
  let scale = reduction.scale(count: logits.rows, "softmaxCrossEntropy")
  let probabilities = softmax(logits)
  let logProbabilities = logSoftmax(logits)
  var total = 0.0
  var gradient = [Double](repeating: 0, count: logits.count)
  for i in 0..<logits.rows {
    let range = (i * c)..<((i + 1) * c)
    var mass = 0.0
    for k in range {
      let t = targets.elements[k]
      precondition(
        t >= 0 && t <= 1,
        "softmaxCrossEntropy: target \(t) at [\(i), \(k - i * c)] is outside [0, 1]")
      mass += t
      // 0 · log p is 0 even where p underflowed, so skip zero targets outright.
      if t > 0 { total -= t * logProbabilities.elements[k] }
    }
    for k in range {
      gradient[k] = (probabilities.elements[k] * mass - targets.elements[k]) * scale
    }
  }
  return LossResult(
    value: total * scale, gradient: Matrix(rows: logits.rows, columns: c, elements: gradient))
}
