// Regression losses: how far a real-valued prediction is from the target.
//
// All three compare the residual r = p − y element by element and (with `.mean`) average
// over every element of the matrix, as `torch.nn.functional` does. They differ in how
// they weigh large residuals: MSE squares them (so one outlier can dominate the fit),
// MAE counts them linearly (robust, but its gradient has constant size and no zero
// crossing except at r = 0), Huber is quadratic near zero and linear beyond δ.

import NumericsCore

/// Mean squared error, PyTorch's `mse_loss` (no ½ factor).
///
/// ```
/// L = (1/N) Σ (p − y)²            ∂L/∂p = 2 (p − y) / N
/// ```
/// With `.sum` the `1/N` is dropped from both. Shapes: `predicted` and `expected` are
/// both `batch × outputs`; `N = batch · outputs`.
///
/// MSE is the maximum-likelihood loss when the noise on `y` is Gaussian (Gauss, 1809).
/// - Parameters:
///   - predicted: the model's outputs `p`.
///   - expected: the targets `y`, same shape.
///   - reduction: `.mean` (default) or `.sum`.
/// - Returns: the loss and `∂L/∂p` (shape of `predicted`).
/// - Precondition: the shapes are equal and non-empty.
public func meanSquaredError(
  predicted: Matrix, expected: Matrix, reduction: Reduction = .mean
) -> LossResult {
  requireSameShape(predicted, expected, "meanSquaredError", ("predicted", "expected"))
  let scale = reduction.scale(count: predicted.count, "meanSquaredError")
  var total = 0.0
  var gradient = [Double](repeating: 0, count: predicted.count)
  for i in 0..<predicted.count {
    let r = predicted.elements[i] - expected.elements[i]
    total += r * r
    gradient[i] = 2 * r * scale
  }
  return LossResult(
    value: total * scale,
    gradient: Matrix(rows: predicted.rows, columns: predicted.columns, elements: gradient))
}

/// Mean absolute error (L1 loss), PyTorch's `l1_loss`.
///
/// ```
/// L = (1/N) Σ |p − y|             ∂L/∂p = sign(p − y) / N,   sign(0) = 0
/// ```
/// |r| has no derivative at r = 0; the subgradient 0 is the conventional choice (it is
/// what PyTorch returns) and means "already exact, do not move". The minimiser of MAE
/// is the median of the targets, which is why it shrugs off outliers (least absolute
/// deviations: Boscovich, 1757; Laplace, 1788).
/// - Parameters:
///   - predicted: the model's outputs `p` (`batch × outputs`).
///   - expected: the targets `y`, same shape.
///   - reduction: `.mean` (default) or `.sum`.
/// - Returns: the loss and `∂L/∂p`.
/// - Precondition: the shapes are equal and non-empty.
public func meanAbsoluteError(
  predicted: Matrix, expected: Matrix, reduction: Reduction = .mean
) -> LossResult {
  requireSameShape(predicted, expected, "meanAbsoluteError", ("predicted", "expected"))
  let scale = reduction.scale(count: predicted.count, "meanAbsoluteError")
  var total = 0.0
  var gradient = [Double](repeating: 0, count: predicted.count)
  for i in 0..<predicted.count {
    let r = predicted.elements[i] - expected.elements[i]
    total += abs(r)
    gradient[i] = signum(r) * scale
  }
  return LossResult(
    value: total * scale,
    gradient: Matrix(rows: predicted.rows, columns: predicted.columns, elements: gradient))
}

/// Huber loss, PyTorch's `huber_loss`: quadratic for small residuals, linear for large.
///
/// ```
/// r = p − y
/// ℓ(r) = ½ r²              if |r| ≤ δ
///        δ (|r| − ½ δ)      otherwise
/// ∂ℓ/∂r = r                if |r| ≤ δ
///         δ · sign(r)       otherwise
/// L = (1/N) Σ ℓ(r)
/// ```
/// The two pieces meet with equal value and slope at |r| = δ, so the loss is once
/// continuously differentiable. Residuals larger than δ pull with a bounded force δ, which
/// is what makes the fit robust to outliers (Huber, "Robust Estimation of a Location
/// Parameter", 1964). Note PyTorch's `smooth_l1_loss` is this divided by δ.
/// - Parameters:
///   - predicted: the model's outputs `p` (`batch × outputs`).
///   - expected: the targets `y`, same shape.
///   - delta: the threshold δ between the quadratic and the linear part.
///   - reduction: `.mean` (default) or `.sum`.
/// - Returns: the loss and `∂L/∂p`.
/// - Precondition: the shapes are equal and non-empty; `delta > 0`.
public func huberLoss(
  predicted: Matrix, expected: Matrix, delta: Double = 1, reduction: Reduction = .mean
) -> LossResult {
  requireSameShape(predicted, expected, "huberLoss", ("predicted", "expected"))
  precondition(delta > 0, "huberLoss: delta \(delta) must be positive")
  let scale = reduction.scale(count: predicted.count, "huberLoss")
  var total = 0.0
  var gradient = [Double](repeating: 0, count: predicted.count)
  for i in 0..<predicted.count {
    let r = predicted.elements[i] - expected.elements[i]
    if abs(r) <= delta {
      total += 0.5 * r * r
      gradient[i] = r * scale
    } else {
      total += delta * (abs(r) - 0.5 * delta)
      gradient[i] = delta * signum(r) * scale
    }
  }
  return LossResult(
    value: total * scale,
    gradient: Matrix(rows: predicted.rows, columns: predicted.columns, elements: gradient))
}
