// Softmax and its logarithm, computed so that no logit can overflow them.
//
// exp(1000) is +inf in float64, so the textbook softmax exp(s_j) / Σ_k exp(s_k) returns
// inf/inf = NaN for large logits. Softmax does not change when a constant is subtracted
// from every logit, so we subtract the row maximum m first: every exponent is then ≤ 0,
// the largest term is exactly exp(0) = 1, and the sum lies in [1, C]. Its logarithm is
// therefore finite too, which gives the log-sum-exp identity
//
//     log Σ_k exp(s_k) = m + log Σ_k exp(s_k − m)

import NumericsCore

/// The logistic sigmoid σ(x) = 1 / (1 + e^(−x)), finite and exact at ±1000.
///
/// ```
/// σ(x) = 1 / (1 + e^(−x))        for x ≥ 0
///        e^x / (1 + e^x)          for x < 0     (same value, no overflow)
/// ```
/// Only a non-positive number is ever exponentiated, so nothing overflows:
/// σ(1000) = 1 and σ(−1000) = e^(−1000) (which underflows to 0).
/// - Parameter x: any real number.
/// - Returns: σ(x) in [0, 1].
public func sigmoid(_ x: Double) -> Double {
  if x >= 0 {
    return 1 / (1 + exponential(-x))
  }
  let e = exponential(x)
  return e / (1 + e)
}

/// The sigmoid applied to every element (same shape as `x`).
///
/// ```
/// σ(x)_ij = 1 / (1 + e^(−x_ij))
/// ```
/// - Parameter x: any matrix.
/// - Returns: a matrix of the shape of `x` with values in [0, 1].
public func sigmoid(_ x: Matrix) -> Matrix {
  x.map { sigmoid($0) }
}

/// The row maximum m and log Σ_j exp(s_j − m) for one row of logits.
///
/// The largest term of the sum is exactly exp(0) = 1, so the log is taken as
/// log1p(sum of the other terms): when the others are tiny (a confident prediction) the
/// result keeps full relative precision instead of rounding to log(1) = 0.
private func maximumAndLogTotal(_ row: ArraySlice<Double>) -> (maximum: Double, logTotal: Double) {
  guard let top = row.indices.max(by: { row[$0] < row[$1] }) else { return (0, 0) }
  let m = row[top]
  var rest = 0.0
  for j in row.indices where j != top { rest += exponential(row[j] - m) }
  return (m, logOnePlus(rest))
}

/// Row-wise log-sum-exp, the smooth maximum of each row.
///
/// ```
/// lse(s)_i = m_i + log Σ_j exp(s_ij − m_i),    m_i = max_j s_ij
/// ```
/// The log is evaluated as log1p of the non-maximal terms, so `lse([0, −50])` is
/// `e^−50 ≈ 1.9e−22` to full precision rather than 0.
/// - Parameter logits: `batch × C`.
/// - Returns: `batch × 1`; each entry lies in `[m_i, m_i + log C]`.
/// - Precondition: `C > 0`.
public func logSumExp(_ logits: Matrix) -> Matrix {
  precondition(logits.columns > 0, "logSumExp: logits \(logits.shapeDescription) have no columns")
  var out = [Double](repeating: 0, count: logits.rows)
  let c = logits.columns
  for i in 0..<logits.rows {
    let (m, logTotal) = maximumAndLogTotal(logits.elements[(i * c)..<((i + 1) * c)])
    out[i] = m + logTotal
  }
  return Matrix(rows: logits.rows, columns: 1, elements: out)
}

/// Row-wise softmax: each row becomes a probability distribution.
///
/// ```
/// softmax(s)_ij = exp(s_ij − m_i) / Σ_k exp(s_ik − m_i),    m_i = max_k s_ik
/// ```
/// Subtracting the row maximum leaves the result unchanged and keeps every exponent ≤ 0,
/// so logits such as `[1000, −1000, 0]` give `[1, 0, 0]` instead of NaN (Bridle, 1990,
/// introduced softmax outputs for classification networks).
/// - Parameter logits: `batch × C`.
/// - Returns: `batch × C`, every row non-negative and summing to 1.
/// - Precondition: `C > 0`.
public func softmax(_ logits: Matrix) -> Matrix {
  precondition(logits.columns > 0, "softmax: logits \(logits.shapeDescription) have no columns")
  var out = logits.elements
  let c = logits.columns
  for i in 0..<logits.rows {
    let range = (i * c)..<((i + 1) * c)
    let m = out[range].max() ?? 0
    var total = 0.0
    for j in range {
      out[j] = exponential(out[j] - m)
      total += out[j]
    }
    for j in range { out[j] /= total }
  }
  return Matrix(rows: logits.rows, columns: c, elements: out)
}

/// Row-wise log-softmax, the log-probabilities of each class.
///
/// ```
/// logSoftmax(s)_ij = s_ij − lse(s)_i = (s_ij − m_i) − log Σ_k exp(s_ik − m_i)
/// ```
/// Computed directly rather than as `log(softmax(s))`, which would give log 0 = −inf for
/// any probability that underflows; here `[1000, −1000, 0]` gives `[0, −2000, −1000]`.
/// - Parameter logits: `batch × C`.
/// - Returns: `batch × C`, every entry ≤ 0.
/// - Precondition: `C > 0`.
public func logSoftmax(_ logits: Matrix) -> Matrix {
  precondition(
    logits.columns > 0, "logSoftmax: logits \(logits.shapeDescription) have no columns")
  var out = logits.elements
  let c = logits.columns
  for i in 0..<logits.rows {
    let range = (i * c)..<((i + 1) * c)
    let (m, logTotal) = maximumAndLogTotal(logits.elements[range])
    // (s − m) − logTotal: the first difference is exact for the largest logit, so a
    // confident class gets log-probability −log1p(rest), not a rounded 0.
    for j in range { out[j] = (out[j] - m) - logTotal }
  }
  return Matrix(rows: logits.rows, columns: c, elements: out)
}
