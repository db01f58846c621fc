import NumericsCore
import TestSupport
import XCTest

/// Element-wise arithmetic and broadcasting, against results worked out by hand.
final class MatrixArithmeticTests: XCTestCase {
  let m: Matrix = [[1, 2, 3], [4, 5, 6]]
  let rowVector = Matrix(row: [10, 20, 30])
  let columnVector = Matrix(column: [100, 200])

  func testSameShape() {
    let other: Matrix = [[6, 5, 4], [3, 2, 1]]
    XCTAssertEqual(m + other, [[7, 7, 7], [7, 7, 7]])
    XCTAssertEqual(m - other, [[-5, -3, -1], [1, 3, 5]])
    XCTAssertEqual(m * other, [[6, 10, 12], [12, 10, 6]])
    XCTAssertEqual(m / other, [[1.0 / 6, 0.4, 0.75], [4.0 / 3, 2.5, 6]])
  }

  func testRowVectorBroadcastsOverRowsOnEitherSide() {
    let sum: Matrix = [[11, 22, 33], [14, 25, 36]]
    XCTAssertEqual(m + rowVector, sum)
    XCTAssertEqual(rowVector + m, sum)
    let product: Matrix = [[10, 40, 90], [40, 100, 180]]
    XCTAssertEqual(m * rowVector, product)
    XCTAssertEqual(rowVector * m, product)
    XCTAssertEqual(m - rowVector, [[-9, -18, -27], [-6, -15, -24]])
    XCTAssertEqual(m / rowVector, [[0.1, 0.1, 0.1], [0.4, 0.25, 0.2]])
  }

  func testColumnVectorBroadcastsOverColumnsOnEitherSide() {
    let sum: Matrix = [[101, 102, 103], [204, 205, 206]]
    XCTAssertEqual(m + columnVector, sum)
    XCTAssertEqual(columnVector + m, sum)
    let product: Matrix = [[100, 200, 300], [800, 1000, 1200]]
    XCTAssertEqual(m * columnVector, product)
    XCTAssertEqual(columnVector * m, product)
    XCTAssertEqual(m - columnVector, [[-99, -98, -97], [-196, -195, -194]])
    XCTAssertEqual(m / columnVector, [[0.01, 0.02, 0.03], [0.02, 0.025, 0.03]])
  }

  func testInPlaceOperatorsBroadcastToo() {
    var a = m
    a += rowVector
    XCTAssertEqual(a, [[11, 22, 33], [14, 25, 36]])
    a -= rowVector
    XCTAssertEqual(a, m)
    a *= columnVector
    XCTAssertEqual(a, [[100, 200, 300], [800, 1000, 1200]])
    a /= columnVector
    XCTAssertEqual(a, m)
  }

  func testInPlaceWithItself() {
    var a = m
    a += a
    XCTAssertEqual(a, [[2, 4, 6], [8, 10, 12]])
    a *= a
    XCTAssertEqual(a, [[4, 16, 36], [64, 100, 144]])
  }

  func testScalarOperations() {
    XCTAssertEqual(m + 1, [[2, 3, 4], [5, 6, 7]])
    XCTAssertEqual(1 + m, [[2, 3, 4], [5, 6, 7]])
    XCTAssertEqual(m - 1, [[0, 1, 2], [3, 4, 5]])
    XCTAssertEqual(10 - m, [[9, 8, 7], [6, 5, 4]])
    XCTAssertEqual(m * 2, [[2, 4, 6], [8, 10, 12]])
    XCTAssertEqual(2 * m, [[2, 4, 6], [8, 10, 12]])
    XCTAssertEqual(m / 2, [[0.5, 1, 1.5], [2, 2.5, 3]])
    XCTAssertEqual(-m, [[-1, -2, -3], [-4, -5, -6]])
    var a = m
    a += 1
    a *= 2
    a -= 2
    a /= 2
    XCTAssertEqual(a, m)
  }

  func testOperatorsDoNotMutateTheirOperands() {
    let copy = m
    _ = m + rowVector
    _ = columnVector * m
    XCTAssertEqual(m, copy)
  }

  func testMapZipMapAndFill() {
    XCTAssertEqual(m.map { $0 * $0 }, [[1, 4, 9], [16, 25, 36]])
    var a = m
    a.formMap { -$0 }
    XCTAssertEqual(a, -m)
    XCTAssertEqual(Matrix.zipMap(m, m) { max($0, 3) + $1 }, [[4, 5, 6], [8, 10, 12]])
    a.fill(with: 7)
    XCTAssertEqual(a, Matrix(rows: 2, columns: 3, repeating: 7))
  }

  func testAxpy() {
    var a = m
    a.add([[1, 1, 1], [2, 2, 2]], scaledBy: -0.5)
    XCTAssertEqual(a, [[0.5, 1.5, 2.5], [3, 4, 5]])
  }

  func testEmptyMatrices() {
    let empty = Matrix.zeros(rows: 0, columns: 3)
    XCTAssertEqual(empty + Matrix(row: [1, 2, 3]), empty)
    XCTAssertEqual(empty * 2, empty)
    XCTAssertEqual(Matrix.zeros(rows: 0, columns: 0).map { $0 + 1 }.count, 0)
  }

  func testOneByOneOnTheLeftBroadcastsAsAColumn() {
    XCTAssertEqual(Matrix([[2]]) + Matrix(row: [1, 2, 3]), Matrix(row: [3, 4, 5]))
    XCTAssertEqual(Matrix([[2]]) * Matrix(row: [1, 2, 3]), Matrix(row: [2, 4, 6]))
  }
}
