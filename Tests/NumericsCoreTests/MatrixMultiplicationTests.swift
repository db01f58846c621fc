import NumericsCore
import TestSupport
import XCTest

/// `matmul` against the definition `C[i][j] = Σₚ op(A)[i][p] · op(B)[p][j]`, written out as a
/// triple loop over nested arrays that shares no code with the BLAS path.
final class MatrixMultiplicationTests: XCTestCase {
  /// The naive product of `op(a)` (`m × k`) and `op(b)` (`k × n`), transposing by indexing.
  private func naiveProduct(
    _ a: [[Double]], _ b: [[Double]], transposeA: Bool, transposeB: Bool
  ) -> [[Double]] {
    let m = transposeA ? a[0].count : a.count
    let k = transposeA ? a.count : a[0].count
    let n = transposeB ? b.count : b[0].count
    var c = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
    for i in 0..<m {
      for j in 0..<n {
        var s = 0.0
        for p in 0..<k {
          let x = transposeA ? a[p][i] : a[i][p]
          let y = transposeB ? b[j][p] : b[p][j]
          s += x * y
        }
        c[i][j] = s
      }
    }
    return c
  }

  private func randomRows<G: RandomNumberGenerator>(
    _ rows: Int, _ columns: Int, using rng: inout G
  ) -> [[Double]] {
    (0..<rows).map { _ in (0..<columns).map { _ in rng.nextUniform(in: -1, 1) } }
  }

  func testHandComputedProduct() {
    let a: Matrix = [[1, 2, 3], [4, 5, 6]]
    let b: Matrix = [[7, 8], [9, 10], [11, 12]]
    // [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
    assertEqual(matmul(a, b), [[58, 64], [139, 154]])
  }

  func testAllTransposeCombinationsOnNonSquareShapes() {
    var rng = Xoshiro256StarStar(seed: 7)
    let (m, k, n) = (5, 3, 4)
    for transposeA in [false, true] {
      for transposeB in [false, true] {
        let a = randomRows(transposeA ? k : m, transposeA ? m : k, using: &rng)
        let b = randomRows(transposeB ? n : k, transposeB ? k : n, using: &rng)
        let expected = Matrix(
          naiveProduct(a, b, transposeA: transposeA, transposeB: transposeB))
        let product = matmul(
          Matrix(a), Matrix(b), transposeA: transposeA, transposeB: transposeB)
        XCTAssertEqual(product.rows, m)
        XCTAssertEqual(product.columns, n)
        assertEqual(
          product, expected, tolerance: 1e-13, "transposeA \(transposeA), transposeB \(transposeB)")
      }
    }
  }

  func testSeveralRandomShapes() {
    var rng = Xoshiro256StarStar(seed: 11)
    for (m, k, n) in [(1, 7, 2), (6, 1, 3), (2, 9, 1), (7, 4, 6)] {
      let a = randomRows(m, k, using: &rng)
      let b = randomRows(k, n, using: &rng)
      let expected = Matrix(naiveProduct(a, b, transposeA: false, transposeB: false))
      assertEqual(matmul(Matrix(a), Matrix(b)), expected, tolerance: 1e-13, "\(m)×\(k)·\(k)×\(n)")
    }
  }

  func testInPlaceAccumulatesWithAlphaAndBeta() {
    var rng = Xoshiro256StarStar(seed: 3)
    let (m, k, n) = (4, 6, 3)
    let alpha = 0.75
    let beta = -1.5
    for transposeA in [false, true] {
      for transposeB in [false, true] {
        let a = randomRows(transposeA ? k : m, transposeA ? m : k, using: &rng)
        let b = randomRows(transposeB ? n : k, transposeB ? k : n, using: &rng)
        let c0 = randomRows(m, n, using: &rng)
        let ab = naiveProduct(a, b, transposeA: transposeA, transposeB: transposeB)
        let expected = Matrix(
          (0..<m).map { i in (0..<n).map { j in alpha * ab[i][j] + beta * c0[i][j] } })
        var c = Matrix(c0)
        matmul(
          Matrix(a), Matrix(b), transposeA: transposeA, transposeB: transposeB, alpha: alpha,
          beta: beta, into: &c)
        assertEqual(
          c, expected, tolerance: 1e-13, "transposeA \(transposeA), transposeB \(transposeB)")
      }
    }
  }

  func testBetaOneAccumulatesTwoProducts() {
    let a: Matrix = [[1, 2], [3, 4], [5, 6]]  // 3×2
    let b: Matrix = [[1, 0, -1], [2, 1, 0]]  // 2×3
    var c = Matrix.zeros(rows: 3, columns: 3)
    matmul(a, b, beta: 1, into: &c)
    matmul(a, b, beta: 1, into: &c)
    // a·b = [[5, 2, -1], [11, 4, -3], [17, 6, -5]], added twice.
    assertEqual(c, [[10, 4, -2], [22, 8, -6], [34, 12, -10]])
  }

  func testInPlaceDoesNotChangeAnotherCopyOfTheOutput() {
    let a: Matrix = [[1, 2], [3, 4]]
    var c = Matrix.zeros(rows: 2, columns: 2)
    let snapshot = c  // shares storage until c is written
    matmul(a, a, into: &c)
    assertEqual(c, [[7, 10], [15, 22]])
    assertEqual(snapshot, Matrix.zeros(rows: 2, columns: 2))
  }

  func testEmptyInnerDimensionScalesByBeta() {
    let a = Matrix.zeros(rows: 2, columns: 0)
    let b = Matrix.zeros(rows: 0, columns: 3)
    assertEqual(matmul(a, b), Matrix.zeros(rows: 2, columns: 3))
    var c = Matrix(rows: 2, columns: 3, repeating: 4)
    matmul(a, b, beta: 0.5, into: &c)
    assertEqual(c, Matrix(rows: 2, columns: 3, repeating: 2))
    // beta = 0 overwrites, as BLAS specifies, even NaN.
    var d = Matrix(rows: 2, columns: 3, repeating: .nan)
    matmul(a, b, beta: 0, into: &d)
    assertEqual(d, Matrix.zeros(rows: 2, columns: 3))
  }

  func testEmptyOuterDimensions() {
    let product = matmul(Matrix.zeros(rows: 0, columns: 3), Matrix.zeros(rows: 3, columns: 2))
    XCTAssertEqual(product.rows, 0)
    XCTAssertEqual(product.columns, 2)
  }
}
