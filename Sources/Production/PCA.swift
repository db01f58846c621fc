import NumericsCore

/// The first principal components of a set of rows: the directions of largest variance.
///
/// ```
/// X̄ = X − mean(X),   C = X̄ᵀX̄ / (N − 1),   C v_k = λ_k v_k,   scores = X̄ · [v_1 … v_k]
/// ```
/// Eigenvectors by power iteration with deflation (C ← C − λ v vᵀ after each one), enough
/// for the two or three components a scatter plot shows; signs are fixed so the largest
/// entry of each v is positive (eigenvectors are defined up to sign).
///
/// - Parameters:
///   - data: `N × d`, N ≥ 2.
///   - components: `k` in 1…d.
///   - iterations: power iterations per component.
/// - Returns: the scores (`N × k`) and the explained variances λ_k.
public func principalComponents(
  _ data: Matrix, components: Int, iterations: Int = 500
)
  -> (scores: Matrix, variances: [Double])
{
  precondition(data.rows >= 2, "principalComponents: needs at least 2 rows")
  precondition(
    components >= 1 && components <= data.columns, "principalComponents: bad component count")
  let centered = data - data.columnMeans()
  var covariance = matmul(centered.transposed(), centered) / Double(data.rows - 1)
  var vectors = [[Double]]()
  var variances = [Double]()
  let d = data.columns
  for k in 0..<components {
    // Start from a fixed, non-special vector (deterministic; no generator needed).
    var v = Matrix(column: (0..<d).map { 1 + Double(($0 * 7 + k * 3) % 11) / 10 })
    var lambda = 0.0
    for _ in 0..<iterations {
      let w = matmul(covariance, v)
      let norm = w.norm()
      if norm == 0 { break }
      v = w / norm
      lambda = norm
    }
    var column = v.column(0)
    if let largest = column.indices.max(by: { abs(column[$0]) < abs(column[$1]) }),
      column[largest] < 0
    {
      column = column.map { -$0 }
    }
    let vm = Matrix(column: column)
    covariance = covariance - matmul(vm, vm.transposed()) * lambda
    vectors.append(column)
    variances.append(lambda)
  }
  let basis = Matrix(vectors).transposed()
  return (matmul(centered, basis), variances)
}
