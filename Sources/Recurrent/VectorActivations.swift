import CBLAS
import CElementKernels

// The gate nonlinearities over a buffer, and the one product of the recurrence.
//
// A recurrent step calls a transcendental function for every gate unit (5 per unit and
// step for an LSTM), and libm's scalar `tanh`/`exp` cost 50–80 instructions each, as much
// as the step's GEMMs at these sizes. The kernels (`Sources/CElementKernels/
// activation_kernels.c`) evaluate 8 lanes per instruction on AVX-512 (4 on AVX2, 2 on the
// baseline) with the textbook method, within 4e-16 of libm:
// ```
// e^x = 2^k · e^r,   k = round(x / ln 2),  r = x − k·ln 2,  e^r − 1 by its Taylor series
// tanh x  = sign(x) · (−m)/(2 + m),  m = expm1(−2|x|)
// σ(x)    = 1 / (1 + e^(−x))
// ```
// Inputs are clamped to [−708, 709]; a NaN input gives a NaN output, so a diverging run
// still shows up as NaN.

/// `p[i] ← σ(p[i])` for `i < count`.
func sigmoidInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
  sigmoid_in_place(p, count)
}

/// `p[i] ← tanh(p[i])` for `i < count`.
func tanhInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
  tanh_in_place(p, count)
}

/// `p[i] ← e^(p[i])` for `i < count`.
func expInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
  exp_in_place(p, count)
}

/// `d[i] = g[i]·(1 − h[i]²)` for `i < count`: tanh's backward pass from its output `h`
/// (`d` may be `g`).
func tanhBackward(
  _ g: UnsafePointer<Double>, _ h: UnsafePointer<Double>, into d: UnsafeMutablePointer<Double>,
  count: Int
) {
  tanh_backward(g, h, d, count)
}

/// Whether the hand-written AVX-512 kernel runs the recurrent products (else OpenBLAS).
private let smallProductKernel = small_gemm_available() != 0

/// `C += A·B` (or `C = A·B` when not `accumulate`; `C` may then be uninitialised) for
/// row-major `A` (`m × k`), `B` (`k × n`) and `C` (`m × n`), each with its row stride: the
/// recurrent product of one time step, `h_{t−1}·W_hhᵀ` forward (with `W_hhᵀ` stored once per
/// parameter change) and `∂A_t·W_hh` backward.
///
/// At these sizes (32 × 64 · 64 × 64 for a batch of 32 and 64 hidden units) a BLAS call
/// spends as much on its own overhead (checks, packing both operands, a memset) as on the
/// 131,072 multiply-adds, so on a CPU with AVX-512 a small kernel that reads both operands
/// in place runs them (`Sources/CElementKernels/small_gemm.c`): summed in the same order
/// as OpenBLAS's x86 kernels, it gives the same bits for the recurrent shapes (checked
/// against `cblas_dgemm` at 32 × 64 · 64 × {64, 192, 256}). Measured on the bench machine
/// at 32 × 64 · 64 × 64: 4.6 µs against OpenBLAS's 8.9 µs. Elsewhere, and for n < 16, it
/// is one `cblas_dgemm`.
func recurrentProduct(
  m: Int, n: Int, k: Int, _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>,
  ldb: Int, into c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool
) {
  guard m > 0, n > 0 else { return }
  guard k > 0 else {
    if !accumulate { for i in 0..<m { (c + i * ldc).initialize(repeating: 0, count: n) } }
    return
  }
  // The kernel works on 32 columns at a time: for a narrow C (n < 16) most of its lanes
  // would be masked off, and OpenBLAS is faster (measured: 11× at 256 × 64 · 64 × 2).
  if smallProductKernel && n >= 16 {
    small_gemm(m, n, k, a, lda, b, ldb, c, ldc, accumulate ? 1 : 0)
  } else {
    cblas_dgemm(
      CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a,
      Int32(lda), b, Int32(ldb), accumulate ? 1 : 0, c, Int32(ldc))
  }
}
