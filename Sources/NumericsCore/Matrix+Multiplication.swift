import CBLAS

// Matrix multiplication through OpenBLAS's `cblas_dgemm`.
//
// A matrix product is where nearly all the time of a neural network goes, and a tuned
// BLAS is 10–100× faster than a naive loop, so we never write that loop in product code
// (the tests do, as the independent reference). Row-major storage maps directly onto
// `CblasRowMajor`; a transposed operand is passed as a flag, never copied.

/// The matrix product `op(a) · op(b)`, where `op` transposes when asked.
///
/// Shapes: `op(a)` is `m × k`, `op(b)` is `k × n`, the result is `m × n`.
/// - Precondition: the inner dimensions agree.
public func matmul(
  _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false
) -> Matrix {
  let m = transposeA ? a.columns : a.rows
  let n = transposeB ? b.rows : b.columns
  var c = Matrix.zeros(rows: m, columns: n)
  matmul(a, b, transposeA: transposeA, transposeB: transposeB, alpha: 1, beta: 0, into: &c)
  return c
}

/// The in-place general product `c ← alpha · op(a) · op(b) + beta · c` (BLAS's GEMM).
///
/// With `beta = 0` it overwrites `c`; with `beta = 1` it accumulates into `c`, which is how
/// a training loop reuses gradient buffers without allocating.
///
/// - Precondition: `op(a)` is `m × k`, `op(b)` is `k × n` and `c` is `m × n`.
public func matmul(
  _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
  alpha: Double = 1, beta: Double = 0, into c: inout Matrix
) {
  let m = transposeA ? a.columns : a.rows
  let k = transposeA ? a.rows : a.columns
  let kb = transposeB ? b.columns : b.rows
  let n = transposeB ? b.rows : b.columns
  let ta = transposeA ? "ᵀ" : ""
  let tb = transposeB ? "ᵀ" : ""
  precondition(
    k == kb,
    "matmul: (\(a.shapeDescription))\(ta)·(\(b.shapeDescription))\(tb): inner dimensions \(k) and \(kb) differ"
  )
  precondition(
    c.rows == m && c.columns == n,
    "matmul: result of (\(a.shapeDescription))\(ta)·(\(b.shapeDescription))\(tb) is \(m)×\(n), but the output is \(c.shapeDescription)"
  )
  if m == 0 || n == 0 { return }
  if k == 0 {
    // BLAS leaves C untouched when k = 0 only for beta = 1; do the algebra ourselves.
    // beta = 0 means "overwrite" in BLAS, so NaN or ∞ already in c must not survive as 0·NaN.
    if beta == 0 { c.fill(with: 0) } else { c *= beta }
    return
  }
  a.withUnsafeElements { pa in
    b.withUnsafeElements { pb in
      c.withUnsafeMutableElements { pc in
        cblas_dgemm(
          CblasRowMajor,
          transposeA ? CblasTrans : CblasNoTrans,
          transposeB ? CblasTrans : CblasNoTrans,
          Int32(m), Int32(n), Int32(k),
          alpha, pa.baseAddress, Int32(a.columns),
          pb.baseAddress, Int32(b.columns),
          beta, pc.baseAddress, Int32(n))
      }
    }
  }
}
