import NumericsCore
import XCTest

/// The shared kernels against hand computation and against plain scalar loops.
final class MatrixKernelTests: XCTestCase {
  private let m: Matrix = [[3, -4], [0, 5], [1, 1]]

  func testRowAndColumnNorms() {
    XCTAssertEqual(m.rowNorms(), Matrix(column: [5, 5, Double(2).squareRoot()]))
    // Columns: √(9 + 0 + 1) = √10 and √(16 + 25 + 1) = √42.
    XCTAssertEqual(
      m.columnNorms(), Matrix(row: [Double(10).squareRoot(), Double(42).squareRoot()]))
  }

  /// Squared row norms by hand (9 + 16, 0 + 25, 1 + 1) and, on a random matrix, against
  /// the formula written with subscripts; row scaling by hand.
  func testRowSquaredNormsAndScaleRows() {
    XCTAssertEqual(m.rowSquaredNorms(), [25, 25, 2])
    var rng = Xoshiro256StarStar(seed: 11)
    let a = Matrix.normal(rows: 6, columns: 13, using: &rng)
    let formula = (0..<a.rows).map { r in
      (0..<a.columns).reduce(0.0) { $0 + a[r, $1] * a[r, $1] }
    }
    XCTAssertEqual(a.rowSquaredNorms(), formula)
    XCTAssertEqual(a.rowNorms(), Matrix(column: formula.map { $0.squareRoot() }))
    XCTAssertEqual(Matrix.zeros(rows: 0, columns: 4).rowSquaredNorms(), [])
    XCTAssertEqual(Matrix.zeros(rows: 2, columns: 0).rowSquaredNorms(), [0, 0])
    var scaled = m
    scaled.scaleRows(by: [2, -1, 0.5])
    XCTAssertEqual(scaled, [[6, -8], [0, -5], [0.5, 0.5]])
    XCTAssertEqual(scaled[1, 0].sign, .minus)  // 0·(−1) = −0, as the product rule says
  }

  func testColumnSumsAddRowsInOrder() {
    XCTAssertEqual(m.columnSums(), Matrix(row: [4, 2]))
    XCTAssertEqual(Matrix.zeros(rows: 0, columns: 3).columnSums(), Matrix(row: [0, 0, 0]))
  }

  func testRowRangesStackingAndConcatenation() {
    XCTAssertEqual(m.rows(in: 1..<3), [[0, 5], [1, 1]])
    XCTAssertEqual(m.rows(in: 2..<2).shape.rows, 0)
    XCTAssertEqual(Matrix.stacking(rows: [m.rows(in: 0..<1), m.rows(in: 1..<3)]), m)
    XCTAssertEqual(
      Matrix.concatenating(columns: [Matrix(column: [3, 0, 1]), Matrix(column: [-4, 5, 1])]), m)
    XCTAssertEqual(Matrix.repeating(row: [[1, 2]], count: 3), [[1, 2], [1, 2], [1, 2]])
  }

  /// The inlinable maps give the bits of a scalar loop (including −0 and NaN).
  func testMapsEqualScalarLoopsBitForBit() {
    var rng = Xoshiro256StarStar(seed: 5)
    var a = Matrix.normal(rows: 7, columns: 9, using: &rng)
    a[0, 0] = -0.0
    a[1, 1] = .infinity
    let b = Matrix.normal(rows: 7, columns: 9, using: &rng)
    let f = { (x: Double) in x > 0 ? x : 0.01 * x }
    let g = { (x: Double, y: Double) in x * (y > 0 ? 1 : 0) }
    let mapped = a.map(f)
    let zipped = Matrix.zipMap(b, a, g)
    var formed = a
    formed.formMap(f)
    for i in 0..<a.count {
      let (r, c) = (i / 9, i % 9)
      XCTAssertEqual(mapped[r, c].bitPattern, f(a[r, c]).bitPattern)
      XCTAssertEqual(formed[r, c].bitPattern, f(a[r, c]).bitPattern)
      XCTAssertEqual(zipped[r, c].bitPattern, g(b[r, c], a[r, c]).bitPattern)
    }
  }
}
