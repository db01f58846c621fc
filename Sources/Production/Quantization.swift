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

/// The int8 × int8 → int32 product `C = A·B` of a row-major `m × k` matrix A and a
/// column-major `k × n` matrix B (as `QuantizedMatrix` stores it).
///
/// ```
/// C[r, j] = Σ_i A[r, i] · B[i, j]          exact in Int32 while k·127² < 2³¹ (k < 133,000)
/// ```
/// Both operands of every dot product are contiguous runs of int8. The kernel is a plain C
/// loop (`Sources/CInt8`) compiled twice, for the x86-64 baseline and for AVX2, and the
/// AVX2 version is chosen at run time when the CPU has it (`int8KernelVariant`). What the
/// compiler made of it (objdump of the release build): with AVX2, `vpmovsxbw` (16 int8 →
/// int16) and `vpmaddwd` (16 multiply-adds into 8 int32 lanes) per 16 elements; the
/// baseline build uses SSE2's `punpcklbw`/`psraw`/`pmullw`/`paddd`, about 4 lanes. Swift's
/// own version of the same loop, compiled for the baseline as the whole package is, gave
/// the SSE2 code and was slower than float64 BLAS at batch 1 — hence the C target.
///
/// - Parameters:
///   - a: `m·k` values, row-major.
///   - b: `k·n` values, column-major.
/// - Returns: `m·n` Int32 values, row-major.
public func int8MatrixProduct(_ a: [Int8], _ b: [Int8], m: Int, k: Int, n: Int) -> [Int32] {
  precondition(
    a.count == m * k && b.count == k * n,
    "int8MatrixProduct: \(a.count), \(b.count) values for (\(m)×\(k))·(\(k)×\(n))")
  precondition(k < 133_000, "int8MatrixProduct: inner size \(k) could overflow Int32")
  var c = [Int32](repeating: 0, count: m * n)
  int8_matrix_product(a, b, &c, Int32(m), Int32(k), Int32(n))
  return c
}

/// Which build of the int8 kernel runs on this CPU: `avx2` or `sse2`.
public var int8KernelVariant: String { String(cString: int8_kernel_variant()) }

/// Quantises each row of activations symmetrically with its own scale (dynamic
/// quantisation: the scale of an input is known only when it arrives).
///
/// - Returns: the int8 values (row-major) and one scale per row.
public func quantizeRows(_ x: Matrix) -> (values: [Int8], scales: [Double]) {
  var values = [Int8](repeating: 0, count: x.count)
  var scales = [Double](repeating: 1, count: x.rows)
  x.withUnsafeElements { e in
    for r in 0..<x.rows {
      var largest = 0.0
      for c in 0..<x.columns { largest = Swift.max(largest, abs(e[r * x.columns + c])) }
      if largest > 0 { scales[r] = largest / 127 }
      let inverse = 1 / scales[r]
      for c in 0..<x.columns {
        let q = (e[r * x.columns + c] * inverse).rounded()
        values[r * x.columns + c] = Int8(Swift.max(-127, Swift.min(127, q)))
      }
    }
  }
  return (values, scales)
}
