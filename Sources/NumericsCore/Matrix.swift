/// A dense matrix of `Double`, stored row-major in one contiguous array.
///
/// `Matrix` is a value type: assigning it copies (lazily, through the array's
/// copy-on-write), so a layer's weights, a cached activation and a gradient never
/// alias by accident. Element `[r, c]` lives at `elements[r * columns + c]`.
///
/// Shapes are checked on every operation. A mismatch is a programmer error and traps
/// with a message that names both shapes, for example
/// `matmul: (3×4)·(5×2): inner dimensions 4 and 5 differ`.
///
/// ```swift
/// let a: Matrix = [[1, 2, 3],
///                  [4, 5, 6]]          // 2×3
/// let b = a.transposed()               // 3×2
/// let c = matmul(a, b)                 // 2×2 = [[14, 32], [32, 77]]
/// ```
public struct Matrix: Sendable, Equatable {
  /// Number of rows (for a batch of samples: the batch size).
  public private(set) var rows: Int
  /// Number of columns (for a batch of samples: the features per sample).
  public private(set) var columns: Int
  /// The elements in row-major order; `elements.count == rows * columns`.
  public var elements: [Double] {
    @inlinable get { storage }
  }
  /// The stored elements: internal so that only this module changes them, usable from
  /// inlinable code so the element loops below specialise into their callers.
  @usableFromInline internal var storage: [Double]

  /// The shape as `(rows, columns)`.
  public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// The number of elements, `rows * columns`.
  public var count: Int { elements.count }

  /// A printable shape such as `3×4`, used in every error message.
  public var shapeDescription: String { "\(rows)×\(columns)" }

  /// Creates a matrix from a flat row-major array.
  /// - Precondition: `elements.count == rows * columns`, both dimensions non-negative.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(
      rows >= 0 && columns >= 0, "Matrix: negative dimensions \(rows)×\(columns)")
    precondition(
      elements.count == rows * columns,
      "Matrix(rows: \(rows), columns: \(columns)): expected \(rows * columns) elements, got \(elements.count)"
    )
    self.rows = rows
    self.columns = columns
    self.storage = elements
  }

  /// Creates a `rows × columns` matrix with every element equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double) {
    precondition(
      rows >= 0 && columns >= 0, "Matrix: negative dimensions \(rows)×\(columns)")
    self.init(
      rows: rows, columns: columns, elements: [Double](repeating: value, count: rows * columns))
  }

  /// Creates a `rows × columns` matrix of zeros.
  public static func zeros(rows: Int, columns: Int) -> Matrix {
    Matrix(rows: rows, columns: columns, repeating: 0)
  }

  /// Creates a matrix of zeros with the shape of `other`.
  public static func zeros(like other: Matrix) -> Matrix {
    Matrix(rows: other.rows, columns: other.columns, repeating: 0)
  }

  /// The `n × n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix.zeros(rows: n, columns: n)
    for i in 0..<n { m.storage[i * n + i] = 1 }
    return m
  }

  /// Creates a matrix from its rows.
  /// - Precondition: every row has the same length.
  public init(_ rowArrays: [[Double]]) {
    let columns = rowArrays.first?.count ?? 0
    for (index, row) in rowArrays.enumerated() {
      precondition(
        row.count == columns,
        "Matrix: row \(index) has \(row.count) elements, row 0 has \(columns)")
    }
    self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
  }

  /// A `1 × n` row vector.
  public init(row: [Double]) {
    self.init(rows: 1, columns: row.count, elements: row)
  }

  /// An `n × 1` column vector.
  public init(column: [Double]) {
    self.init(rows: column.count, columns: 1, elements: column)
  }

  /// The element at row `r`, column `c` (both counted from 0).
  public subscript(r: Int, c: Int) -> Double {
    get {
      precondition(
        r >= 0 && r < rows && c >= 0 && c < columns,
        "Matrix[\(r), \(c)]: index out of range for a \(rows)×\(columns) matrix")
      return storage[r * columns + c]
    }
    set {
      precondition(
        r >= 0 && r < rows && c >= 0 && c < columns,
        "Matrix[\(r), \(c)]: index out of range for a \(rows)×\(columns) matrix")
      storage[r * columns + c] = newValue
    }
  }

  /// Row `r` as an array.
  public func row(_ r: Int) -> [Double] {
    precondition(r >= 0 && r < rows, "Matrix.row(\(r)): out of range for \(shapeDescription)")
    return Array(elements[(r * columns)..<((r + 1) * columns)])
  }

  /// Column `c` as an array.
  public func column(_ c: Int) -> [Double] {
    precondition(
      c >= 0 && c < columns, "Matrix.column(\(c)): out of range for \(shapeDescription)")
    return (0..<rows).map { elements[$0 * columns + c] }
  }

  /// The rows with the given indices, in that order (a mini-batch from a data set).
  public func rows(at indices: [Int]) -> Matrix {
    var out = [Double]()
    out.reserveCapacity(indices.count * columns)
    for r in indices {
      precondition(
        r >= 0 && r < rows, "Matrix.rows(at:): row \(r) out of range for \(shapeDescription)")
      out.append(contentsOf: elements[(r * columns)..<((r + 1) * columns)])
    }
    return Matrix(rows: indices.count, columns: columns, elements: out)
  }

  /// The rows as nested arrays (for printing, JSON and plotting).
  public var rowArrays: [[Double]] { (0..<rows).map { row($0) } }

  /// The same elements read as a `rows × columns` matrix.
  /// - Precondition: `rows * columns == count`.
  public func reshaped(rows newRows: Int, columns newColumns: Int) -> Matrix {
    precondition(
      newRows * newColumns == count,
      "reshaped: cannot view \(shapeDescription) (\(count) elements) as \(newRows)×\(newColumns)")
    return Matrix(rows: newRows, columns: newColumns, elements: elements)
  }

  /// The transpose: element `[r, c]` of the result is element `[c, r]` of `self`.
  public func transposed() -> Matrix {
    var out = [Double](repeating: 0, count: count)
    let (m, n) = (rows, columns)
    elements.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for r in 0..<m {
          for c in 0..<n { dst[c * m + r] = src[r * n + c] }
        }
      }
    }
    return Matrix(rows: n, columns: m, elements: out)
  }

  /// Calls `body` with read-only access to the row-major elements.
  @inlinable
  public func withUnsafeElements<R>(
    _ body: (UnsafeBufferPointer<Double>) throws -> R
  ) rethrows
    -> R
  {
    try storage.withUnsafeBufferPointer(body)
  }

  /// Calls `body` with mutable access to the row-major elements. The pointer must not
  /// escape the closure; the shape cannot change.
  @inlinable
  public mutating func withUnsafeMutableElements<R>(
    _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    try storage.withUnsafeMutableBufferPointer(body)
  }
}

extension Matrix: ExpressibleByArrayLiteral {
  /// `let m: Matrix = [[1, 2], [3, 4]]` — one inner array per row.
  public init(arrayLiteral rowArrays: [Double]...) {
    self.init(rowArrays)
  }
}

extension Matrix: CustomStringConvertible {
  /// The shape and the rows, e.g. `2×2 [[1.0, 2.0], [3.0, 4.0]]`.
  public var description: String {
    "\(shapeDescription) \(rowArrays)"
  }
}
