import CInt8
import NumericsCore

// Post-training int8 quantisation: store each weight as an 8-bit integer and one float
// scale per output unit, so a Dense layer takes 1 byte per weight instead of 8 (float64).
//
// Symmetric, per output channel (a Dense layer's output unit j is column j of W, in × out):
//
//     s_j = max_i |W_ij| / 127,      q_ij = round(W_ij / s_j) ∈ [−127, 127],     W_ij ≈ s_j · q_ij
//
// The largest weight of a column maps to ±127, so the rounding error of every weight of
// that column is at most s_j/2. A scale taken from the column's mean |w| instead would be
// smaller, and the large weights — the ones that matter most — would be clipped.
// −128 is not used, so the range is symmetric and q = 0 is exactly 0.

/// A matrix of int8 values with one scale per column: `value ≈ scale[j] · q[i, j]`.
///
/// The values are stored **column by column** (`q[i, j]` at `j·rows + i`): a column is an
/// output unit, and the int8 product below reads one unit's weights as one contiguous run.
public struct QuantizedMatrix: Sendable, Equatable {
  /// Rows (inputs of a Dense layer).
  public let rows: Int
  /// Columns (output units).
  public let columns: Int
  /// `rows × columns` int8 values, column-major.
  public let values: [Int8]
  /// One positive scale per column.
  public let scales: [Double]

  /// The float value of element `(i, j)`: `scales[j] · q[i, j]`.
  public subscript(i: Int, j: Int) -> Double { scales[j] * Double(values[j * rows + i]) }

  /// Bytes of storage: one per value, eight per (float64) scale.
  public var byteCount: Int { values.count + 8 * scales.count }

  /// Back to a float64 matrix (`scale · q`).
  public func dequantized() -> Matrix {
    var elements = [Double](repeating: 0, count: rows * columns)
    for j in 0..<columns {
      for i in 0..<rows { elements[i * columns + j] = scales[j] * Double(values[j * rows + i]) }
    }
    return Matrix(rows: rows, columns: columns, elements: elements)
  }
}

extension Matrix {
  /// Quantises to int8 symmetrically with one scale per column (see the file's header).
  ///
  /// A column of zeros gets scale 1 (any scale represents it exactly).
  public func quantized() -> QuantizedMatrix {
    var scales = [Double](repeating: 1, count: columns)
    var values = [Int8](repeating: 0, count: rows * columns)
    for j in 0..<columns {
      var largest = 0.0
      for i in 0..<rows { largest = Swift.max(largest, abs(self[i, j])) }
      precondition(largest.isFinite, "quantized: column \(j) holds a non-finite value")
      if largest > 0 { scales[j] = largest / 127 }
      for i in 0..<rows {
        let q = (self[i, j] / scales[j]).rounded()  // round half away from zero
        values[j * rows + i] = Int8(Swift.max(-127, Swift.min(127, q)))
      }
    }
    return QuantizedMatrix(rows: rows, columns: columns, values: values, scales: scales)
  }
}

/// Which implementation of the int8 product runs.
public enum Int8Kernel: Sendable {
  /// The fastest build for this CPU (`int8KernelVariant`).
  case fastest
  /// The plain C loop, as compiled for CPUs without AVX2: the reference the tests hold the
  /// fast build to.
  case portableLoop
}

/// The int8 × int8 → int32 product `C = A·B` of a row-major `m × k` matrix A and a
/// column-major `k × n` matrix B (as `QuantizedMatrix` stores it).
///
/// ```
/// C[r, j] = Σ_i A[r, i] · B[i, j]          exact in Int32 while k·127² < 2³¹ (k < 133,000)
/// ```
/// Both operands of every dot product are contiguous runs of int8. The kernel is C
/// (`Sources/CInt8`), compiled twice — for the x86-64 baseline and for AVX2 — and the AVX2
/// build is chosen at run time when the CPU has it (`int8KernelVariant`). The baseline is a
/// plain loop, which the auto-vectoriser turns into SSE2 code (`punpcklbw`/`psraw`/`pmullw`/
/// `paddd`, about 4 lanes). For AVX2 the same loop came out as 128-bit `vpmaddwd` code
/// (8 multiply-adds per instruction, 1.5 per instruction overall), so that build is written
/// with intrinsics: 256-bit `vpmovsxbw` (16 int8 → int16) and `vpmaddwd` (16 multiply-adds
/// into 8 int32 lanes), four output columns per pass sharing each load of the row. For one
/// request through the 3.1 MLP (784-256-10) that took the two products from 137,000 to
/// 56,000 instructions (callgrind; `Sources/CInt8/int8_kernel.c` has the details). Swift's own version of
/// the loop, compiled for the baseline as the whole package is, gave the SSE2 code and was
/// slower than float64 BLAS at batch 1 — hence the C target.
///
/// - Parameters:
///   - a: `m·k` values, row-major.
///   - b: `k·n` values, column-major.
///   - kernel: which build runs (the fastest, unless a test compares the two).
/// - Returns: `m·n` Int32 values, row-major.
public func int8MatrixProduct(
  _ a: [Int8], _ b: [Int8], m: Int, k: Int, n: Int, kernel: Int8Kernel = .fastest
) -> [Int32] {
  precondition(
    a.count == m * k && b.count == k * n,
    "int8MatrixProduct: \(a.count), \(b.count) values for (\(m)×\(k))·(\(k)×\(n))")
  precondition(k < 133_000, "int8MatrixProduct: inner size \(k) could overflow Int32")
  var c = [Int32](repeating: 0, count: m * n)
  switch kernel {
  case .fastest: int8_matrix_product(a, b, &c, Int32(m), Int32(k), Int32(n))
  case .portableLoop: int8_matrix_product_baseline(a, b, &c, Int32(m), Int32(k), Int32(n))
  }
  return c
}

/// Which build of the int8 kernel runs on this CPU: `avx2` or `sse2`.
public var int8KernelVariant: String { String(cString: int8_kernel_variant()) }

/// Quantises each row of activations symmetrically with its own scale (dynamic
/// quantisation: the scale of an input is known only when it arrives), rounding as
/// `Matrix.quantized()` does (to nearest, ties away from zero), in C.
///
/// - Returns: the int8 values (row-major) and one scale per row.
public func quantizeRows(_ x: Matrix) -> (values: [Int8], scales: [Double]) {
  // In C (`int8_quantize`): the Swift loop, with `rounded()` a call to libm's `round` on the
  // x86-64 baseline and checked conversions, cost about 30,000 instructions per 784 inputs
  // (callgrind), a third of a whole int8 request; the C loop vectorises.
  var values = [Int8](repeating: 0, count: x.count)
  var scales = [Double](repeating: 1, count: x.rows)
  let columns = x.columns
  guard x.count > 0 else { return (values, scales) }
  x.withUnsafeElements { e in
    values.withUnsafeMutableBufferPointer { q in
      for r in 0..<x.rows {
        let scale = int8_quantize(
          e.baseAddress! + r * columns, Int32(columns), q.baseAddress! + r * columns)
        precondition(scale.isFinite, "quantizeRows: row \(r) holds a non-finite value")
        scales[r] = scale
      }
    }
  }
  return (values, scales)
}
