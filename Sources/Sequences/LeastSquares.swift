import NumericsCore

/// Linear least squares, min_β ‖Aβ − b‖₂, by Householder QR: the stable way.
///
/// Householder reflections H_j = I − 2 v_j v_jᵀ / (v_jᵀ v_j) zero column j below the
/// diagonal, one column at a time, so that
/// ```
/// H_p ⋯ H_1 A = R  (upper triangular, p × p on top),   Qᵀ = H_p ⋯ H_1
/// ‖Aβ − b‖ = ‖Rβ − Qᵀb‖   ⇒   solve R β = (Qᵀb)_{1…p} by back substitution
/// ```
/// Reflections are orthogonal, so they never amplify rounding errors: the computed β is the
/// exact solution of a problem perturbed by about ε·‖A‖, and its error grows like
/// ε·κ(A) (κ = condition number). The normal equations AᵀA β = Aᵀb square the condition
/// number: κ(AᵀA) = κ(A)², and their error grows like ε·κ(A)² — with κ(A) = 10⁶ that is
/// 10⁻⁴ instead of 10⁻¹⁰ (Golub and Van Loan, *Matrix Computations*, §5.3).
///
/// v_j takes the sign of the diagonal entry (v = x + sign(x₁)‖x‖e₁) so that no
/// cancellation occurs when forming it.
///
/// - Parameters:
///   - design: A, `m × p` with m ≥ p and full column rank.
///   - targets: b, m values.
/// - Returns: β, p values.
/// - Precondition: the shapes; a rank-deficient A (a zero pivot relative to ‖A‖) traps.
public func leastSquaresQR(design: Matrix, targets: [Double]) -> [Double] {
  let m = design.rows
  let p = design.columns
  precondition(m >= p && p > 0, "leastSquaresQR: design \(m)×\(p) needs rows ≥ columns > 0")
  precondition(targets.count == m, "leastSquaresQR: \(targets.count) targets for \(m) rows")
  // Work column-major: each reflection reads and updates whole columns.
  var columns = (0..<p).map { design.column($0) }
  var b = targets
  let scale = columns.map { norm($0[...]) }.max() ?? 0
  for j in 0..<p {
    // v = x + sign(x₁)‖x‖e₁ for x = column j from the diagonal down.
    let x = columns[j][j...]
    let alpha = norm(x)
    precondition(
      alpha > 1e-14 * scale, "leastSquaresQR: column \(j) is (nearly) dependent on the others")
    var v = Array(x)
    let diagonal = v[0] >= 0 ? -alpha : alpha  // R[j][j]
    v[0] -= diagonal
    let vv = v.reduce(0) { $0 + $1 * $1 }
    func reflect(_ y: inout [Double]) {
      var dot = 0.0
      for i in 0..<v.count { dot += v[i] * y[j + i] }
      let factor = 2 * dot / vv
      for i in 0..<v.count { y[j + i] -= factor * v[i] }
    }
    for k in (j + 1)..<max(j + 1, p) { reflect(&columns[k]) }
    reflect(&b)
    columns[j][j] = diagonal
  }
  // Back substitution R β = (Qᵀb)_{0..<p}.
  var beta = [Double](repeating: 0, count: p)
  for j in stride(from: p - 1, through: 0, by: -1) {
    var sum = b[j]
    for k in (j + 1)..<max(j + 1, p) { sum -= columns[k][j] * beta[k] }
    beta[j] = sum / columns[j][j]
  }
  return beta
}

/// Least squares by the normal equations AᵀA β = Aᵀb (Cholesky): shown only to compare.
///
/// Cheaper than QR and fine when A is well conditioned, but forming AᵀA squares the
/// condition number (see `leastSquaresQR`), so about twice as many digits are lost.
/// - Returns: β, or nil when AᵀA is not numerically positive definite (Cholesky fails),
///   which happens once κ(A)² reaches about 1/ε ≈ 10¹⁶.
public func leastSquaresNormalEquations(design: Matrix, targets: [Double]) -> [Double]? {
  let p = design.columns
  precondition(targets.count == design.rows, "leastSquaresNormalEquations: shapes differ")
  let gram = matmul(design.transposed(), design)
  let rhs = matmul(design.transposed(), Matrix(column: targets)).elements
  // Cholesky gram = L Lᵀ, then L y = rhs, Lᵀ β = y.
  var l = [Double](repeating: 0, count: p * p)
  for i in 0..<p {
    for j in 0...i {
      var sum = gram[i, j]
      for k in 0..<j { sum -= l[i * p + k] * l[j * p + k] }
      if i == j {
        guard sum > 0 else { return nil }
        l[i * p + i] = sum.squareRoot()
      } else {
        l[i * p + j] = sum / l[j * p + j]
      }
    }
  }
  var y = [Double](repeating: 0, count: p)
  for i in 0..<p {
    var sum = rhs[i]
    for k in 0..<i { sum -= l[i * p + k] * y[k] }
    y[i] = sum / l[i * p + i]
  }
  var beta = [Double](repeating: 0, count: p)
  for i in stride(from: p - 1, through: 0, by: -1) {
    var sum = y[i]
    for k in (i + 1)..<max(i + 1, p) { sum -= l[k * p + i] * beta[k] }
    beta[i] = sum / l[i * p + i]
  }
  return beta
}

/// ‖x‖₂, scaled so that squaring cannot overflow or underflow.
private func norm(_ x: ArraySlice<Double>) -> Double {
  let largest = x.reduce(0) { max($0, abs($1)) }
  guard largest > 0 else { return 0 }
  return largest * x.reduce(0) { $0 + ($1 / largest) * ($1 / largest) }.squareRoot()
}
