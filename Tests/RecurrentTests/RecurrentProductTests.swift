import CElementKernels
import NumericsCore
import XCTest

@testable import Recurrent

/// The recurrent step's product `C += A·B` (`recurrentProduct`: the AVX-512 kernel of
/// `small_gemm.c` where the CPU has it, OpenBLAS elsewhere) against the plain triple loop,
/// on the recurrent shapes and on ragged ones that exercise the masked columns and the 1-,
/// 2- and 3-row blocks; and the row-bias kernel against its formula.
final class RecurrentProductTests: XCTestCase {
  /// `C + A·B` by the definition, each element summed in `k` order.
  private func reference(_ a: Matrix, _ b: Matrix, plus c: Matrix) -> Matrix {
    var out = c
    for i in 0..<a.rows {
      for j in 0..<b.columns {
        var sum = 0.0
        for k in 0..<a.columns { sum += a[i, k] * b[k, j] }
        out[i, j] += sum
      }
    }
    return out
  }

  /// `recurrentProduct` on whole matrices.
  private func product(_ a: Matrix, _ b: Matrix, into c: inout Matrix, accumulate: Bool) {
    a.withUnsafeElements { pa in
      b.withUnsafeElements { pb in
        c.withUnsafeMutableElements { pc in
          recurrentProduct(
            m: a.rows, n: b.columns, k: a.columns, pa.baseAddress!, lda: a.columns,
            pb.baseAddress!, ldb: b.columns, into: pc.baseAddress!, ldc: b.columns,
            accumulate: accumulate)
        }
      }
    }
  }

  func testMatchesTheTripleLoopOnRecurrentAndRaggedShapes() {
    var rng = Xoshiro256StarStar(seed: 3)
    let shapes = [
      (32, 64, 64), (32, 256, 64), (32, 192, 64), (1, 1, 1), (3, 9, 2), (5, 33, 70), (7, 40, 17),
      (6, 31, 8), (2, 100, 5),
    ]
    for (m, n, k) in shapes {
      let a = Matrix.normal(rows: m, columns: k, using: &rng)
      let b = Matrix.normal(rows: k, columns: n, using: &rng)
      let c = Matrix.normal(rows: m, columns: n, using: &rng)
      var out = c
      product(a, b, into: &out, accumulate: true)
      // Overwriting: whatever C held (NaN here) must not leak into C = A·B.
      var fresh = Matrix(rows: m, columns: n, repeating: .nan)
      product(a, b, into: &fresh, accumulate: false)
      let expected = reference(a, b, plus: c)
      let product = reference(a, b, plus: .zeros(rows: m, columns: n))
      for i in 0..<m {
        for j in 0..<n {
          // Summation order differs from the loop's only by fused multiply-adds.
          XCTAssertEqual(
            out[i, j], expected[i, j], accuracy: 1e-13 * Double(k),
            "\(m)×\(k)·\(k)×\(n) at (\(i), \(j))")
          XCTAssertEqual(
            fresh[i, j], product[i, j], accuracy: 1e-13 * Double(k),
            "\(m)×\(k)·\(k)×\(n) overwriting, at (\(i), \(j))")
        }
      }
    }
  }

  func testRespectsRowStridesAndLeavesTheRestOfCAlone() {
    // A 3 × 2 block of a 4 × 5 buffer: A's and B's rows are longer than the product needs.
    let a = Matrix(rows: 3, columns: 4, elements: (0..<12).map(Double.init))
    let b = Matrix(rows: 4, columns: 3, elements: (0..<12).map { Double($0) - 5 })
    var c = Matrix(rows: 4, columns: 5, repeating: 1)
    a.withUnsafeElements { pa in
      b.withUnsafeElements { pb in
        c.withUnsafeMutableElements { pc in
          recurrentProduct(
            m: 3, n: 2, k: 2, pa.baseAddress!, lda: 4, pb.baseAddress!, ldb: 3,
            into: pc.baseAddress! + 1, ldc: 5, accumulate: true)
        }
      }
    }
    for i in 0..<4 {
      for j in 0..<5 {
        var expected = 1.0
        if i < 3 && (1...2).contains(j) {
          for k in 0..<2 { expected += a[i, k] * b[k, j - 1] }
        }
        XCTAssertEqual(c[i, j], expected, "(\(i), \(j))")
      }
    }
  }

  func testAddRowVectorAddsTheBiasToEveryRow() {
    var rng = Xoshiro256StarStar(seed: 4)
    for (rows, columns) in [(32, 64), (3, 5), (1, 1), (7, 13)] {
      let m = Matrix.normal(rows: rows, columns: columns, using: &rng)
      let bias = Matrix.normal(rows: 1, columns: columns, using: &rng)
      var out = m
      out.withUnsafeMutableElements { o in
        bias.withUnsafeElements { add_row_vector(o.baseAddress!, $0.baseAddress!, rows, columns) }
      }
      for r in 0..<rows {
        for c in 0..<columns { XCTAssertEqual(out[r, c], m[r, c] + bias[0, c]) }
      }
    }
  }
}
