// Margin losses for classification with scores (support vector machines).
//
// A classifier that outputs a score s for a label y ∈ {−1, +1} is right when the margin
// y·s is positive. The hinge loss asks for more than "right": it keeps pushing until the
// margin reaches 1, and then stops caring. That flat zero region is what makes an SVM's
// solution depend only on the points near the boundary (the support vectors).

import NumericsCore

/// Binary hinge loss on ±1 labels (the SVM loss; Cortes & Vapnik, 1995).
///
/// ```
/// ℓ = max(0, 1 − y·s)
/// ∂ℓ/∂s = −y   if y·s < 1
///          0   otherwise  (including the kink y·s = 1)
/// L = (1/N) Σ ℓ            over all N elements
/// ```
/// At the kink the loss has no derivative; 0 is the subgradient PyTorch returns for
/// `clamp(1 − y·s, min: 0)` there.
/// - Parameters:
///   - scores: the raw scores `s` (`batch × outputs`).
///   - labels: the labels, each exactly −1 or +1, same shape.
///   - reduction: `.mean` (default) or `.sum`.
/// - Returns: the loss and `∂L/∂s`.
/// - Precondition: the shapes are equal and non-empty; every label is ±1.
public func hingeLoss(scores: Matrix, labels: Matrix, reduction: Reduction = .mean) -> LossResult {
  requireSameShape(scores, labels, "hingeLoss", ("scores", "labels"))
  let scale = reduction.scale(count: scores.count, "hingeLoss")
  var total = 0.0
  var gradient = [Double](repeating: 0, count: scores.count)
  for i in 0..<scores.count {
    let y = labels.elements[i]
    precondition(
      y == 1 || y == -1, "hingeLoss: label \(y) at element \(i) must be −1 or +1")
    let gap = 1 - y * scores.elements[i]
    if gap > 0 {
      total += gap
      gradient[i] = -y * scale
    }
  }
  return LossResult(
    value: total * scale,
    gradient: Matrix(rows: scores.rows, columns: scores.columns, elements: gradient))
}

/// Multi-class hinge loss, PyTorch's `multi_margin_loss` (with `p = 1`).
///
/// ```
/// ℓ_i = (1/C) Σ_{j ≠ y_i} max(0, margin − s[i, y_i] + s[i, j])
/// ∂ℓ_i/∂s[i, j]   = +1/C                        for each j ≠ y_i whose term is > 0
/// ∂ℓ_i/∂s[i, y_i] = −(number of such terms)/C
/// L = (1/B) Σ_i ℓ_i        over the B rows
/// ```
/// Each wrong class j is penalised until the correct score beats it by `margin`
/// (Weston & Watkins, 1999). CS231n's "multiclass SVM loss" is the same sum *without* the
/// division by C; multiply this value by C to compare with it. A term exactly at its
/// kink contributes gradient 0.
/// - Parameters:
///   - scores: `batch × C` class scores.
///   - labels: the correct class of each row, in `0..<C` (`batch` entries).
///   - margin: the required lead of the correct score (default 1).
///   - reduction: `.mean` over rows (default) or `.sum`.
/// - Returns: the loss and `∂L/∂scores` (`batch × C`).
/// - Precondition: `labels.count == scores.rows > 0`; every label in `0..<C`.
public func multiClassHingeLoss(
  scores: Matrix, labels: [Int], margin: Double = 1, reduction: Reduction = .mean
) -> LossResult {
  precondition(
    labels.count == scores.rows,
    "multiClassHingeLoss: \(labels.count) labels for \(scores.rows) rows of scores")
  let classes = scores.columns
  let scale = reduction.scale(count: scores.rows, "multiClassHingeLoss")
  let perClass = 1 / Double(classes)
  var total = 0.0
  var gradient = [Double](repeating: 0, count: scores.count)
  for (i, label) in labels.enumerated() {
    precondition(
      label >= 0 && label < classes,
      "multiClassHingeLoss: label \(label) in row \(i) is outside 0..<\(classes)")
    let base = i * classes
    let correct = scores.elements[base + label]
    for j in 0..<classes where j != label {
      let term = margin - correct + scores.elements[base + j]
      if term > 0 {
        total += term * perClass
        gradient[base + j] += perClass * scale
        gradient[base + label] -= perClass * scale
      }
    }
  }
  return LossResult(
    value: total * scale,
    gradient: Matrix(rows: scores.rows, columns: classes, elements: gradient))
}
