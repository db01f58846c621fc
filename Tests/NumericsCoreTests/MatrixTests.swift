import NumericsCore
import TestSupport
import XCTest

/// Construction, indexing and the shape-changing views of `Matrix`.
final class MatrixTests: XCTestCase {
  func testRowMajorLayout() {
    let m = Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(m[0, 2], 3)
    XCTAssertEqual(m[1, 0], 4)
    XCTAssertEqual(m.shape.rows, 2)
    XCTAssertEqual(m.shape.columns, 3)
    XCTAssertEqual(m.count, 6)
    XCTAssertEqual(m.shapeDescription, "2×3")
    XCTAssertEqual(m.row(1), [4, 5, 6])
    XCTAssertEqual(m.column(1), [2, 5])
    XCTAssertEqual(m.rowArrays, [[1, 2, 3], [4, 5, 6]])
    XCTAssertEqual(m, Matrix([[1, 2, 3], [4, 5, 6]]))
  }

  func testConvenienceInitialisers() {
    XCTAssertEqual(Matrix(row: [1, 2]), Matrix(rows: 1, columns: 2, elements: [1, 2]))
    XCTAssertEqual(Matrix(column: [1, 2]), Matrix(rows: 2, columns: 1, elements: [1, 2]))
    XCTAssertEqual(Matrix.zeros(rows: 2, columns: 2).elements, [0, 0, 0, 0])
    XCTAssertEqual(Matrix(rows: 1, columns: 3, repeating: 7).elements, [7, 7, 7])
    XCTAssertEqual(Matrix.identity(3), [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    let like = Matrix.zeros(like: Matrix(rows: 3, columns: 5, repeating: 1))
    XCTAssertEqual(like.shapeDescription, "3×5")
    XCTAssertEqual(like.sum(), 0)
  }

  func testSubscriptSetterWritesOneElement() {
    var m = Matrix.zeros(rows: 2, columns: 2)
    m[1, 0] = 5
    XCTAssertEqual(m.elements, [0, 0, 5, 0])
  }

  func testValueSemantics() {
    let a: Matrix = [[1, 2]]
    var b = a
    b[0, 0] = 9
    XCTAssertEqual(a[0, 0], 1)
    XCTAssertEqual(b[0, 0], 9)
  }

  func testTransposed() {
    let m: Matrix = [[1, 2, 3], [4, 5, 6]]
    let t = m.transposed()
    XCTAssertEqual(t, [[1, 4], [2, 5], [3, 6]])
    XCTAssertEqual(t.transposed(), m)
    XCTAssertEqual(Matrix(row: [1, 2, 3]).transposed(), Matrix(column: [1, 2, 3]))
  }

  func testReshapedKeepsRowMajorOrder() {
    let m: Matrix = [[1, 2, 3], [4, 5, 6]]
    XCTAssertEqual(m.reshaped(rows: 3, columns: 2), [[1, 2], [3, 4], [5, 6]])
    XCTAssertEqual(m.reshaped(rows: 1, columns: 6), Matrix(row: [1, 2, 3, 4, 5, 6]))
  }

  func testRowsAtIndicesInOrderWithRepeats() {
    let m: Matrix = [[0, 0], [1, 10], [2, 20], [3, 30]]
    XCTAssertEqual(m.rows(at: [3, 1, 3]), [[3, 30], [1, 10], [3, 30]])
    let none = m.rows(at: [])
    XCTAssertEqual(none.rows, 0)
    XCTAssertEqual(none.columns, 2)
  }

  func testUnsafeElementAccess() {
    var m: Matrix = [[1, 2], [3, 4]]
    let total = m.withUnsafeElements { $0.reduce(0, +) }
    XCTAssertEqual(total, 10)
    m.withUnsafeMutableElements { buffer in
      for i in buffer.indices { buffer[i] *= 2 }
    }
    XCTAssertEqual(m, [[2, 4], [6, 8]])
  }

  func testDescriptionShowsShapeAndRows() {
    XCTAssertEqual(Matrix([[1, 2]]).description, "1×2 [[1.0, 2.0]]")
  }
}
