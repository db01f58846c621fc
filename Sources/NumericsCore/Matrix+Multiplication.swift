import CBLAS

// Matrix multiplication through OpenBLAS's `cblas_dgemm`, or, for small products on a CPU
// with AVX-512, through our own kernel that gives the same bits (`Matrix+SmallProduct.swift`).
//
// A matrix product is where nearly all the time of a neural network goes, and a tuned
// BLAS is 10–100× faster than a naive loop, so product code never runs that loop (the
// tests do, as the independent reference). The one exception is a register-blocked
// AVX-512 kernel for products too small for BLAS's packing and threads to pay. Row-major
// storage maps directly onto `CblasRowMajor`; a transposed operand is passed as a flag,
// never copied.

/// The matrix product `op(a) · op(b)`, where `op` transposes when asked.
///
/// Shapes: `op(a)` is `m × k`, `op(b)` is `k × n`, the result is `m × n`.
/// - Precondition: the inner dimensions agree.
public func matmul(
  _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false
) -> Matrix {
  let shape = productShape(a, b, transposeA: transposeA, transposeB: transposeB)
  // The result is written straight into uninitialised storage: with beta = 0, GEMM sets
  // every element of C without reading it. Filling a zero matrix first would add a full
  // pass over C, measurably slower (≈ 8 % at 256×256 on the bench machine).
  let elements = [Double](unsafeUninitializedCapacity: shape.m * shape.n) { buffer, count in
    gemm(
      a, b, transposeA: transposeA, transposeB: transposeB, alpha: 1, beta: 0,
      into: buffer.baseAddress, shape: shape)
    count = shape.m * shape.n
  }
  return Matrix(rows: shape.m, columns: shape.n, elements: elements)
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
  let shape = productShape(a, b, transposeA: transposeA, transposeB: transposeB)
  precondition(
    c.rows == shape.m && c.columns == shape.n,
    "matmul: result of \(shape.description) is \(shape.m)×\(shape.n), but the output is \(c.shapeDescription)"
  )
  c.withUnsafeMutableElements { pc in
    gemm(
      a, b, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: beta,
      into: pc.baseAddress, shape: shape)
  }
}

/// The dimensions of `op(a) · op(b)`, and how to name the product in a message.
private struct ProductShape {
  let m: Int
  let k: Int
  let n: Int
  let a: (rows: Int, columns: Int)
  let b: (rows: Int, columns: Int)
  let transposeA: Bool
  let transposeB: Bool

  /// For example `(3×4)ᵀ·(3×2)`. Computed only when a precondition fails: formatting it
  /// on every call would cost more than a small product itself.
  var description: String {
    "(\(a.rows)×\(a.columns))\(transposeA ? "ᵀ" : "")·(\(b.rows)×\(b.columns))\(transposeB ? "ᵀ" : "")"
  }
}

private func productShape(
  _ a: Matrix, _ b: Matrix, transposeA: Bool, transposeB: Bool
) -> ProductShape {
  let shape = ProductShape(
    m: transposeA ? a.columns : a.rows, k: transposeA ? a.rows : a.columns,
    n: transposeB ? b.rows : b.columns, a: a.shape, b: b.shape, transposeA: transposeA,
    transposeB: transposeB)
  let kb = transposeB ? b.columns : b.rows
  precondition(
    shape.k == kb, "matmul: \(shape.description): inner dimensions \(shape.k) and \(kb) differ")
  return shape
}

/// `c ← alpha · op(a) · op(b) + beta · c` on a raw row-major `m × n` buffer.
///
/// With `beta = 0` the buffer may be uninitialised: it is written, never read.
private func gemm(
  _ a: Matrix, _ b: Matrix, transposeA: Bool, transposeB: Bool, alpha: Double, beta: Double,
  into c: UnsafeMutablePointer<Double>?, shape: ProductShape
) {
  let (m, k, n) = (shape.m, shape.k, shape.n)
  if m == 0 || n == 0 { return }
  guard let c else { return }
  if k == 0 {
    // BLAS leaves C untouched when k = 0 only for beta = 1; do the algebra ourselves.
    // beta = 0 means "overwrite" in BLAS, so NaN or ∞ already in c must not survive as 0·NaN.
    let count = m * n
    if beta == 0 {
      c.initialize(repeating: 0, count: count)
    } else {
      for i in 0..<count { c[i] *= beta }
    }
    return
  }
  a.withUnsafeElements { pa in
    b.withUnsafeElements { pb in
      guard let pa = pa.baseAddress, let pb = pb.baseAddress else { return }
      // Small products on an AVX-512 CPU: our kernel, same bits (Matrix+SmallProduct.swift).
      if smallProduct(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, pa,
        lda: a.columns, pb, ldb: b.columns, alpha: alpha, beta: beta, into: c)
      {
        return
      }
      cblas_dgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k),
        alpha, pa, Int32(a.columns),
        pb, Int32(b.columns),
        beta, c, Int32(n))
    }
  }
}
