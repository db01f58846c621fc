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

/// Row-wise log-sum-exp, the smooth maximum of each row.
///
/// ```
/// lse(s)_i = m_i + log Σ_j exp(s_ij − m_i),    m_i = max_j s_ij
/// ```
/// - Parameter logits: `batch × C`.
/// - Returns: `batch × 1`; each entry lies in `[m_i, m_i + log C]`.
/// - Precondition: `C > 0`.
public func logSumExp(_ logits: Matrix) -> Matrix {
  precondition(logits.columns > 0, "logSumExp: logits \(logits.shapeDescription) have no columns")
  var out = [Double](repeating: 0, count: logits.rows)
  let c = logits.columns
  for i in 0..<logits.rows {
    let row = logits.elements[(i * c)..<((i + 1) * c)]
    let m = row.max() ?? 0
    var total = 0.0
    for s in row { total += exponential(s - m) }
    out[i] = m + naturalLog(total)
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
    let m = out[range].max() ?? 0
    var total = 0.0
    for j in range {
      out[j] -= m
      total += exponential(out[j])
    }
    let logTotal = naturalLog(total)
    for j in range { out[j] -= logTotal }
  }
  return Matrix(rows: logits.rows, columns: c, elements: out)
}
