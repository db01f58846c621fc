import CElementKernels

// Which products skip BLAS: the one place that decides between OpenBLAS's `cblas_dgemm`
// and the AVX-512 kernel of `Sources/CElementKernels/small_gemm.c`.
//
// A small MLP's products (a GAN's players: 512 × 64 · 64 × 64; the input gradient of a
// 256 → 10 output layer: 128 × 10 · 10 × 256) take 20–80 µs, and a BLAS call spends a
// good part of that on packing both operands, zeroing C for β = 0 and waking its second
// thread. The kernel reads both operands in place and runs 0.76–0.81× OpenBLAS's
// single-thread time at 256–1024 × 64 · 64 × 64 (all three transpose cases), and
// 0.25–0.4× its threaded time where the output is wide and k tiny (k = 1, 2, 10).
//
// Summation order. The kernel sums each element as OpenBLAS's x86-64 GEMM kernels do —
// acc = 0, acc = fma(a, b, acc) along k in order, then C + acc — so it returns the same
// bits wherever OpenBLAS runs that kernel too. OpenBLAS 0.3.21 (Cooperlake/SkylakeX)
// departs from it in these places, and the rule below follows it or leaves the product
// to OpenBLAS:
// - k above GEMM_Q = 384 (when m·n·k > 10⁶): it sums k in blocks and adds each block to
//   C; for 384 < k < 768 two halves (k/2, a multiple of 16 when k is a multiple of 32,
//   the same on one thread and on two). We do the same; other long k go to OpenBLAS.
// - its "small matrix" kernel for C = A·Bᵀ with m·n ≤ 1200 and k ≥ 32, which reduces
//   along k differently: products with fewer than 2048 outputs go to OpenBLAS.
// - ragged shapes: a width n not a multiple of 16 (on two threads it splits the columns
//   into pieces that other kernels finish), fewer than 4 rows (one row is a GEMV).
// Checked against `cblas_dgemm` bit for bit, on one thread and on two, on 3196 shapes
// (m 4…1024, n 16…512, k 1…736, every transpose) and in MatrixSmallProductTests.
// Large products (m·n·k > 2²² ≈ 4.2 M multiply-adds) stay with OpenBLAS, whose packing
// and two threads win there. A transposed B is copied into a k × 32 panel on the stack,
// so it needs k ≤ 256.

/// Whether this CPU runs the AVX-512 kernel (asked once).
private let smallProductKernel = small_gemm_available() != 0

/// `c ← op(a)·op(b) + beta·c` by the small kernel, if the rule above sends this product
/// there; false (and nothing written) otherwise.
///
/// - Parameters: the row-major operands with their row strides, `op(a)` `m × k`, `op(b)`
///   `k × n`, `c` `m × n` (row stride n); `alpha` must be 1 and `beta` 0 or 1 to qualify.
func smallProduct(
  transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
  _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
  alpha: Double, beta: Double, into c: UnsafeMutablePointer<Double>
) -> Bool {
  guard smallProductKernel, alpha == 1, beta == 0 || beta == 1 else { return false }
  guard m >= 4, n >= 16, n % 16 == 0, m * n >= 2048, m * n * k <= 1 << 22 else { return false }
  if transposeB && k > Int(SMALL_GEMM_MAX_PANEL_K) { return false }
  // OpenBLAS's blocks along k: none up to 384 (or in its small-matrix path, m·n·k ≤ 10⁶),
  // two halves of a multiple of 16 below 768.
  let blocks: Int
  if k <= 384 || m * n * k <= 1_000_000 {
    blocks = 1
  } else if k < 768 && k % 32 == 0 {
    blocks = 2
  } else {
    return false
  }
  let blockK = k / blocks
  for block in 0..<blocks {
    let offset = block * blockK
    // Block `block` of k: columns offset… of op(a), rows offset… of op(b).
    let pa = transposeA ? a + offset * lda : a + offset
    let pb = transposeB ? b + offset : b + offset * ldb
    let accumulate: Int32 = block > 0 || beta == 1 ? 1 : 0
    small_gemm_general(
      transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, blockK, pa, lda, pb, ldb, c, n, accumulate)
  }
  return true
}
