import CBLAS
import CElementKernels

// Which products skip BLAS: the one place that decides between OpenBLAS's `cblas_dgemm`
// and the AVX-512 kernel of `Sources/CElementKernels/small_gemm.c`.
//
// A small MLP's products (a GAN's players: 512 × 64 · 64 × 64; the input gradient of a
// 256 → 10 output layer: 128 × 10 · 10 × 256) take 20–80 µs, and a BLAS call spends a
// good part of that on packing both operands, zeroing C for β = 0 and waking its second
// thread. The kernel reads both operands in place and runs 0.76–0.81× OpenBLAS's
// single-thread time at 256–1024 × 64 · 64 × 64 (all three transpose cases), 0.25–0.4×
// its threaded time where the output is wide and k tiny (k = 1, 2, 10), and 0.89–0.93×
// at the 784-256 layer's 128 × 784 · 784 × 256 and 784 × 128 · 128 × 256.
//
// Threads: as many as OpenBLAS is set to (`openblas_set_num_threads`; at most 2), for
// products of at least 2¹⁹ multiply-adds: the caller and the pair worker (`runOnPair`) take chunks
// of rows of C in turn. A program that keeps OpenBLAS on one thread keeps this on one.
// Rows never mix, so the bits do not depend on the threads (beyond OpenBLAS's own k
// blocks, which differ between its one- and two-thread drivers and which we follow).
//
// Summation order. The kernel sums each element as OpenBLAS's x86-64 GEMM kernels do —
// acc = 0, acc = fma(a, b, acc) along k in order, then C + acc — so it returns the same
// bits wherever OpenBLAS runs that kernel too. OpenBLAS 0.3.21 (Cooperlake/SkylakeX)
// departs from it in these places, and the rule below follows it or leaves the product
// to OpenBLAS:
// - k above GEMM_Q = 384 (when m·n·k > 10⁶): it sums k in blocks and adds each block to
//   C, with a different rule for the last two blocks on one thread and on two; we use the
//   same blocks (`openBLASBlock`).
// - its "small matrix" kernel for C = A·Bᵀ with m·n ≤ 1200 and k ≥ 32, which reduces
//   along k differently: products with fewer than 2048 outputs go to OpenBLAS.
// - ragged shapes: a width n not a multiple of 16 (on two threads it splits the columns
//   into pieces that other kernels finish), fewer than 4 rows (one row is a GEMV).
// Speed asks for more: n a multiple of 32, whole strips (at n = 16 half the lanes are
// masked off and the kernel takes 2× OpenBLAS's time, at n = 48 1.3×).
// Checked against `cblas_dgemm` bit for bit, on one thread and on two, on 3196 shapes
// (m 4…1024, n 16…512, k 1…736, every transpose), at k = 784…2000, and in
// MatrixSmallProductTests. Products whose A exceeds 2¹⁷ numbers (1 MiB), whose C exceeds
// 2¹⁸ (2 MiB) or of more than 2²⁵ multiply-adds stay with OpenBLAS, whose packing keeps its
// operands in cache. A transposed B is copied into a k × 32 panel on the stack, so it needs
// k ≤ 256, and m ≥ 64 rows to pay for the copy. Compared with OpenBLAS on one thread over
// 834 shapes the rule admits (m 4…2048, n 32…1024, k 1…784): at most 1.25× its time, on
// µs-sized products with k ≤ 4; 1.1× or less otherwise.

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
  /// For `SMALL_GEMM_DESCENT`: the step size η and the weight decay λ of C ← C − η·(AB + λ·C).
  var rate = 0.0
  var decay = 0.0
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
  guard smallProductKernel, small_gemm_enabled() != 0, alpha == 1, beta == 0 || beta == 1 else {
    return false
  }
  guard m >= 4, n % 32 == 0, m * n >= 2048 else { return false }
  // Large products: while A fits in the second-level cache (1 MiB) the kernel, which does
  // not pack, still streams it from there for every strip of 32 columns.
  // C beyond the second-level cache (2 MiB) is written strip by strip from far apart:
  // OpenBLAS (2.1× faster at 2048 × 1024 · 16 × 1024).
  let work = m * n * k
  guard work <= 1 << 25, m * k <= 1 << 17, m * n <= 1 << 18 else { return false }
  // A transposed B is copied into a panel per call: worth it from 64 rows of C on (with
  // fewer, 1.1–1.8× OpenBLAS's time), and not with A transposed as well (up to 3×).
  if transposeB && (k > Int(SMALL_GEMM_MAX_PANEL_K) || m < 64 || transposeA) { return false }
  // The threads OpenBLAS would use for this product; the kernel uses as many (at most 2).
  let threads = Swift.min(Int(openblas_get_num_threads()), 2)
  let blocked = k > 384 && work > 1_000_000  // else one block: OpenBLAS's small-matrix path
  // The descent reads C as the parameter: one block of k, written once (no β, no bias).
  if epilogue.kind == Int32(SMALL_GEMM_DESCENT) && (blocked || beta != 0 || epilogue.bias != nil) {
    return false
  }
  let threaded = threads > 1
  let operands = ProductOperands(
    a: a, b: b, c: c, bias: epilogue.bias, cache: epilogue.cache)
  let (kind, slope, rate, decay) = (epilogue.kind, epilogue.slope, epilogue.rate, epilogue.decay)
  // Rows split over threads: each chunk of rows is summed exactly as one thread would.
  // With two threads, the rows are cut into up to 8 chunks of at least 2¹⁸ multiply-adds
  // that both threads take in turn (an atomic counter): the caller starts at once, and a
  // worker that wakes late, or shares its core with another program, takes fewer.
  let split = threads > 1 && work >= smallProductWorkPerExtraThread
  let wanted = split ? Swift.min(8, Swift.max(2, work >> 18), Swift.max(1, m / 4)) : 1
  let rowsPerChunk = ((m + wanted - 1) / wanted + 3) / 4 * 4
  let chunks = (m + rowsPerChunk - 1) / rowsPerChunk
  // A nested function, not a closure value: no context allocated per product.
  @Sendable func runChunk(_ chunk: Int) {
    let first = chunk * rowsPerChunk
    let rows = Swift.min(rowsPerChunk, m - first)
    // Row `first` of op(a): column `first` when a is stored transposed.
    let a = transposeA ? operands.a + first : operands.a + first * lda
    let c = operands.c + first * n
    let cache = operands.cache.map { $0 + first * n }
    var offset = 0
    while offset < k {
      // The next block of k: columns offset… of op(a), rows offset… of op(b). The bias
      // goes with the first block (it is C's starting value), the rectifier with the last.
      let blockK = blocked ? openBLASBlock(left: k - offset, threaded: threaded) : k
      let last = offset + blockK == k
      let pa = transposeA ? a + offset * lda : a + offset
      let pb = transposeB ? operands.b + offset : operands.b + offset * ldb
      let accumulate: Int32 = offset > 0 || beta == 1 ? 1 : 0
      var e = small_gemm_epilogue(
        bias: offset == 0 ? operands.bias : nil,
        kind: last ? kind : Int32(SMALL_GEMM_PLAIN), slope: slope, cache: cache, ldcache: n,
        rate: rate, decay: decay)
      small_gemm_fused(
        transposeA ? 1 : 0, transposeB ? 1 : 0, rows, n, blockK, pa, lda, pb, ldb, c, n,
        accumulate, &e)
      offset += blockK
    }
  }
  if chunks == 1 {
    runChunk(0)
  } else {
    var next = 0
    withUnsafeMutablePointer(to: &next) { next in
      let counter = ChunkCounter(next: next)
      runOnPair { _ in
        while true {
          let chunk = small_gemm_claim(counter.next)
          if chunk >= chunks { break }
          runChunk(chunk)
        }
      }
    }
  }
  return true
}

/// Lets `matmul` use the small-product kernel (`true`, the default) or sends every product
/// to OpenBLAS (`false`): the same bits either way; for `bench`'s same-process comparisons.
public func setSmallProductKernel(enabled: Bool) {
  small_gemm_set_enabled(enabled ? 1 : 0)
}

/// Runs `body` with every product on OpenBLAS, then re-enables the small-product kernel:
/// the "OpenBLAS only" candidate of `bench`'s same-process comparisons.
public func withoutSmallProductKernel<T>(_ body: () throws -> T) rethrows -> T {
  setSmallProductKernel(enabled: false)
  defer { setSmallProductKernel(enabled: true) }
  return try body()
}

/// The next block along k in which OpenBLAS 0.3.21 sums a product of more than 10⁶
/// multiply-adds, with `left` of k still to sum.
///
/// Up to 10⁶ multiply-adds its small-matrix kernel runs all of k at once (the caller's
/// case). Above, its GEMM drivers take blocks of GEMM_Q = 384 while at least 768 are left,
/// then the rest in one block (≤ 384) or two: `⌈r/2⌉` on the threaded driver
/// (`level3_thread.c`), `r/2` rounded up to a multiple of 16 on the single-thread one
/// (`level3.c`). Checked bit for bit against `cblas_dgemm` on 1 and 2 threads
/// (MatrixSmallProductTests).
func openBLASBlock(left: Int, threaded: Bool) -> Int {
  if left >= 768 { return 384 }
  if left <= 384 { return left }
  return threaded ? (left + 1) / 2 : (left / 2 + 15) / 16 * 16
}

/// The smallest product (multiply-adds) split over two threads: 2¹⁹, about 18 µs of the
/// kernel on one core, several times what waking a Dispatch worker costs (a hand-off to the
/// pair worker, awake within a step, costs well under a microsecond; OpenBLAS itself
/// threads from 2¹⁸ on). The GAN's 256 × 64 · 64 × 64 products and larger
/// split; its k = 1 or 2 products do not.
let smallProductWorkPerExtraThread = 1 << 19

/// The chunk counter of one product, shared by its two threads. Unchecked: a raw pointer,
/// only ever changed through `small_gemm_claim`'s atomic add, to a variable that outlives
/// `runOnPair`.
private struct ChunkCounter: @unchecked Sendable {
  let next: UnsafeMutablePointer<Int>
}

/// The pointers of one product, handed to the threads of `runOnPair`. Unchecked:
/// raw pointers are not `Sendable`, but each thread writes only its own rows of C, reads
/// A and B only, and `runOnPair` returns when both parts are done, while the
/// buffers are still held by the caller's `withUnsafe…` closures.
private struct ProductOperands: @unchecked Sendable {
  let a: UnsafePointer<Double>
  let b: UnsafePointer<Double>
  let c: UnsafeMutablePointer<Double>
  let bias: UnsafePointer<Double>?
  let cache: UnsafePointer<Double>?
}
