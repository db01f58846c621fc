import NumericsCore
import TestSupport
import XCTest

/// Reductions over a small matrix whose sums, means and maxima are easy to do by hand.
final class MatrixReductionsTests: XCTestCase {
  let m: Matrix = [[1, -2, 3], [4, 5, -6]]

  func testWholeMatrixReductions() {
    XCTAssertEqual(m.sum(), 5)
    XCTAssertEqual(m.mean(), 5.0 / 6)
    XCTAssertEqual(m.max(), 5)
    XCTAssertEqual(m.min(), -6)
    // 1 + 4 + 9 + 16 + 25 + 36 = 91
    XCTAssertEqual(m.norm(), 91.0.squareRoot(), accuracy: 1e-15)
    XCTAssertEqual(Matrix([[3, 4]]).norm(), 5)
  }

  func testColumnAndRowSums() {
    XCTAssertEqual(m.columnSums(), Matrix(row: [5, 3, -3]))
    XCTAssertEqual(m.rowSums(), Matrix(column: [2, 3]))
    XCTAssertEqual(m.columnMeans(), Matrix(row: [2.5, 1.5, -1.5]))
    XCTAssertEqual(m.rowMeans(), Matrix(column: [2.0 / 3, 1]))
  }

  func testRowMaximaAndArgmax() {
    XCTAssertEqual(m.rowMaxima(), Matrix(column: [3, 5]))
    XCTAssertEqual(m.rowArgmax(), [2, 1])
  }

  func testArgmaxTiesGoToTheFirstIndex() {
    let ties: Matrix = [[7, 7, 1], [0, 2, 2], [-1, -1, -1]]
    XCTAssertEqual(ties.rowArgmax(), [0, 1, 0])
    XCTAssertEqual(ties.rowMaxima(), Matrix(column: [7, 2, -1]))
  }

  func testEmptyShapes() {
    XCTAssertEqual(Matrix.zeros(rows: 0, columns: 3).columnSums(), Matrix(row: [0, 0, 0]))
    XCTAssertEqual(Matrix.zeros(rows: 2, columns: 0).rowSums(), Matrix(column: [0, 0]))
    XCTAssertEqual(Matrix.zeros(rows: 0, columns: 0).sum(), 0)
  }

  func testIsFinite() {
    XCTAssertTrue(m.isFinite)
    XCTAssertFalse(Matrix([[1, .nan]]).isFinite)
    XCTAssertFalse(Matrix([[-.infinity, 1]]).isFinite)
  }
}
