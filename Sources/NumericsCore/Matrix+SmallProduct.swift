import CElementKernels
import Dispatch

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

/// What the kernel may do to each element after its sum (`small_gemm_epilogue`): add a
/// bias row instead of reading C, then a rectifier or a rectifier's gradient factor.
struct ProductEpilogue {
  /// A row of n added to every row of the product (C is then written, never read).
  var bias: UnsafePointer<Double>? = nil
  /// `SMALL_GEMM_PLAIN`, `…_RELU`, `…_LEAKY_RELU` or `…_RECTIFIER_GRADIENT`.
  var kind: Int32 = Int32(SMALL_GEMM_PLAIN)
  /// Leaky ReLU's slope, or the gradient factor where the cache is ≤ 0.
  var slope = 0.0
  /// For the gradient: the m × n forward cache (row stride n).
  var cache: UnsafePointer<Double>? = nil
}

/// `c ← op(a)·op(b) + beta·c`, then `epilogue`, by the small kernel, if the rule above
/// sends this product there; false (and nothing written) otherwise.
///
/// - Parameters: the row-major operands with their row strides, `op(a)` `m × k`, `op(b)`
///   `k × n`, `c` `m × n` (row stride n); `alpha` must be 1 and `beta` 0 or 1 to qualify
///   (with a bias, `beta` is ignored: C is the bias plus the product).
func smallProduct(
  transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
  _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
  alpha: Double, beta: Double, into c: UnsafeMutablePointer<Double>,
  epilogue: ProductEpilogue = ProductEpilogue()
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
  let operands = ProductOperands(
    a: a, b: b, c: c, bias: epilogue.bias, cache: epilogue.cache)
  let (kind, slope) = (epilogue.kind, epilogue.slope)
  // Rows split over threads: each thread sums its own rows exactly as one thread would.
  let parts = m * n * k >= smallProductWorkPerExtraThread ? Swift.min(smallProductThreads, 2) : 1
  let rowsPerPart = (m / parts + 3) / 4 * 4
  let run: @Sendable (Int) -> Void = { part in
    let first = part * rowsPerPart
    let rows = part == parts - 1 ? m - first : rowsPerPart
    // Row `first` of op(a): column `first` when a is stored transposed.
    let a = transposeA ? operands.a + first : operands.a + first * lda
    let c = operands.c + first * n
    let cache = operands.cache.map { $0 + first * n }
    for block in 0..<blocks {
      let offset = block * blockK
      // Block `block` of k: columns offset… of op(a), rows offset… of op(b). The bias
      // goes with the first block (it is C's starting value), the rectifier with the last.
      let pa = transposeA ? a + offset * lda : a + offset
      let pb = transposeB ? operands.b + offset : operands.b + offset * ldb
      let accumulate: Int32 = block > 0 || beta == 1 ? 1 : 0
      var e = small_gemm_epilogue(
        bias: block == 0 ? operands.bias : nil,
        kind: block == blocks - 1 ? kind : Int32(SMALL_GEMM_PLAIN), slope: slope,
        cache: cache, ldcache: n)
      small_gemm_fused(
        transposeA ? 1 : 0, transposeB ? 1 : 0, rows, n, blockK, pa, lda, pb, ldb, c, n,
        accumulate, &e)
    }
  }
  if parts == 1 {
    run(0)
  } else {
    DispatchQueue.concurrentPerform(iterations: parts, execute: run)
  }
  return true
}

/// How many threads a small product may use (`setSmallProductThreads`).
private var smallProductThreads: Int { Int(small_gemm_threads()) }

/// The smallest product (multiply-adds) split over two threads: 2¹⁹, about 18 µs of the
/// kernel on one core, several times what handing half of it to a Dispatch worker costs.
/// The GAN's 256 × 64 · 64 × 64 products and larger split; its k = 1 or 2 products do not.
let smallProductWorkPerExtraThread = 1 << 19

/// Lets `matmul` split each small product of at least 2¹⁹ multiply-adds over up to
/// `threads` threads (at most 2 are used), by rows: the same bits on any number of threads.
///
/// The default is 1: the course runs two chapters at a time on two cores, where a second
/// thread per product only waits (OpenBLAS's threads do the same for large products, and
/// the chapters with small ones set OpenBLAS to one thread). `bench` sets 2 where its
/// peers use two threads.
/// - Precondition: `threads ≥ 1`.
public func setSmallProductThreads(_ threads: Int) {
  precondition(threads >= 1, "setSmallProductThreads: \(threads) must be at least 1")
  small_gemm_set_threads(Int32(Swift.min(threads, 64)))
}

/// The pointers of one product, handed to the threads of `concurrentPerform`. Unchecked:
/// raw pointers are not `Sendable`, but each thread writes only its own rows of C, reads
/// A and B only, and `concurrentPerform` returns when every part is done, while the
/// buffers are still held by the caller's `withUnsafe…` closures.
private struct ProductOperands: @unchecked Sendable {
  let a: UnsafePointer<Double>
  let b: UnsafePointer<Double>
  let c: UnsafeMutablePointer<Double>
  let bias: UnsafePointer<Double>?
  let cache: UnsafePointer<Double>?
}
