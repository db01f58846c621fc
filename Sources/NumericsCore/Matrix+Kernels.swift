// The element loops every module shares: maps, column sums, row blocks, stacking and
// norms. Pointer code stays inside `withUnsafe…` closures here, so callers (layers,
// optimizers, chapters) write only the arithmetic.
//
// The maps are `@inlinable`: the compiler then specialises them at the call site with the
// closure inlined into the loop, which turns `x.map { $0 > 0 ? $0 : 0 }` into a vector
// compare-and-select instead of one closure call per element (~7 instructions each, which
// made ReLU the costliest part of an MLP step outside BLAS). Each element sees exactly the
// closure's operations, so the results are the same bits as a hand-written loop.

import CElementKernels

extension Matrix {
  /// A `rows × columns` matrix whose elements are garbage, for outputs that the next
  /// operation overwrites completely (a GEMM with `beta = 0`, a map): saves a pass of zeroing.
  public static func uninitialized(rows: Int, columns: Int) -> Matrix {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative dimensions \(rows)×\(columns)")
    let count = rows * columns
    let elements = [Double](unsafeUninitializedCapacity: count) { _, initialized in
      initialized = count
    }
    return Matrix(rows: rows, columns: columns, elements: elements)
  }

  // MARK: Maps

  /// A matrix of the same shape with `f` applied to every element.
  @inlinable
  public func map(_ f: (Double) -> Double) -> Matrix {
    // One pass into fresh storage, rather than copying self and then mapping the copy.
    let n = count
    let out = [Double](unsafeUninitializedCapacity: n) { result, initialized in
      withUnsafeElements { a in
        guard let ap = a.baseAddress, let rp = result.baseAddress else { return }
        for i in 0..<n { (rp + i).initialize(to: f(ap[i])) }
      }
      initialized = n
    }
    return Matrix(rows: rows, columns: columns, elements: out)
  }

  /// Applies `f` to every element in place (no allocation).
  @inlinable
  public mutating func formMap(_ f: (Double) -> Double) {
    withUnsafeMutableElements { a in
      guard let ap = a.baseAddress else { return }
      for i in 0..<a.count { ap[i] = f(ap[i]) }
    }
  }

  /// `f(a[i], b[i])` for two matrices of the same shape, into a new matrix.
  /// - Precondition: the shapes agree (no broadcasting; see `+` for that).
  @inlinable
  public static func zipMap(
    _ a: Matrix, _ b: Matrix, _ f: (Double, Double) -> Double
  ) -> Matrix {
    precondition(
      a.shape == b.shape, "zipMap: shapes \(a.shapeDescription) and \(b.shapeDescription) differ")
    let n = a.count
    let out = [Double](unsafeUninitializedCapacity: n) { result, initialized in
      a.withUnsafeElements { x in
        b.withUnsafeElements { y in
          guard let xp = x.baseAddress, let yp = y.baseAddress, let rp = result.baseAddress
          else { return }
          for i in 0..<n { (rp + i).initialize(to: f(xp[i], yp[i])) }
        }
      }
      initialized = n
    }
    return Matrix(rows: a.rows, columns: a.columns, elements: out)
  }

  // MARK: Column sums and norms

  /// The sum of each column, as a `1 × columns` row vector (a bias gradient `Σ_rows G`).
  ///
  /// Column `c` accumulates rows 0, 1, … from 0, row by row, so the loop vectorises across
  /// the columns; it runs in the C kernels (`Sources/CElementKernels`) on the CPU's widest
  /// vectors, with the same additions in the same order as a scalar loop.
  public func columnSums() -> Matrix {
    var sums = Matrix.uninitialized(rows: 1, columns: columns)
    let (m, n) = (rows, columns)
    withUnsafeElements { a in
      sums.withUnsafeMutableElements { s in
        guard let sp = s.baseAddress else { return }
        guard let ap = a.baseAddress else {
          for c in 0..<n { sp[c] = 0 }
          return
        }
        column_sums(ap, sp, m, n)
      }
    }
    return sums
  }

  /// `‖row_r‖₂` of every row, as `rows × 1` (e.g. per-example gradient norms for DP-SGD):
  /// the square roots of ``rowSquaredNorms()``.
  public func rowNorms() -> Matrix {
    Matrix(rows: rows, columns: 1, elements: rowSquaredNorms().map { $0.squareRoot() })
  }

  /// `‖row_r‖₂² = Σ_c a[r, c]²` of every row, summed in column order from 0 (DP-SGD adds
  /// the squared norms of one example's gradient over every layer before the root).
  public func rowSquaredNorms() -> [Double] {
    let n = columns
    return withUnsafeElements { a in
      (0..<rows).map { r in
        var s = 0.0
        for c in 0..<n { s += a[r * n + c] * a[r * n + c] }
        return s
      }
    }
  }

  /// Multiplies row `r` by `factors[r]` in place, `a[r, c] ← a[r, c]·factors[r]` (DP-SGD's
  /// per-example clipping: each example's gradient scaled by `min(1, C/‖g‖)`).
  /// - Precondition: `factors.count == rows`.
  public mutating func scaleRows(by factors: [Double]) {
    precondition(
      factors.count == rows,
      "scaleRows: \(factors.count) factors for the \(rows) rows of a \(shapeDescription) matrix")
    let n = columns
    withUnsafeMutableElements { a in
      for (r, f) in factors.enumerated() {
        for c in 0..<n { a[r * n + c] *= f }
      }
    }
  }

  /// `‖column_c‖₂` of every column, as `1 × columns` (for a Dense layer's `in × out`
  /// weights: the norm of the weights into each unit, what max-norm constrains).
  public func columnNorms() -> Matrix {
    var squares = Matrix.zeros(rows: 1, columns: columns)
    let n = columns
    withUnsafeElements { a in
      squares.withUnsafeMutableElements { s in
        guard let ap = a.baseAddress, let sp = s.baseAddress else { return }
        for r in 0..<rows {
          let row = ap + r * n
          for c in 0..<n { sp[c] += row[c] * row[c] }
        }
      }
    }
    squares.formMap { $0.squareRoot() }
    return squares
  }

  // MARK: Row blocks, stacking, concatenation

  /// Rows `range` as a new matrix (one block copy: the rows are contiguous).
  /// - Precondition: `range` lies in `0...rows`.
  public func rows(in range: Range<Int>) -> Matrix {
    precondition(
      range.lowerBound >= 0 && range.upperBound <= rows,
      "rows(in: \(range)): outside 0..<\(rows) of a \(shapeDescription) matrix")
    let n = columns
    return Matrix(
      rows: range.count, columns: n,
      elements: Array(elements[(range.lowerBound * n)..<(range.upperBound * n)]))
  }

  /// `row` (`1 × n`) repeated `count` times, as `count × n`: one block copy per row (how a
  /// Dense layer writes its bias into the output before the GEMM adds `X·W`).
  public static func repeating(row: Matrix, count: Int) -> Matrix {
    precondition(row.rows == 1, "repeating(row:): \(row.shapeDescription) is not a row")
    precondition(count >= 0, "repeating(row:count:): negative count \(count)")
    var out = Matrix.uninitialized(rows: count, columns: row.columns)
    let n = row.columns
    row.withUnsafeElements { b in
      out.withUnsafeMutableElements { y in
        guard let bp = b.baseAddress, let yp = y.baseAddress else { return }
        for r in 0..<count { (yp + r * n).update(from: bp, count: n) }
      }
    }
    return out
  }

  /// The matrices one below the other (NumPy's `vstack`): `(Σ rows_k) × columns`.
  /// - Precondition: at least one matrix, all with the same number of columns.
  public static func stacking(rows parts: [Matrix]) -> Matrix {
    guard let first = parts.first else { preconditionFailure("stacking(rows:): no matrices") }
    precondition(
      parts.allSatisfy { $0.columns == first.columns },
      "stacking(rows:): column counts \(parts.map(\.columns)) differ")
    var elements = [Double]()
    elements.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for part in parts { elements += part.elements }
    return Matrix(
      rows: parts.reduce(0) { $0 + $1.rows }, columns: first.columns, elements: elements)
  }

  /// The matrices side by side (NumPy's `hstack`): `rows × (Σ columns_k)`.
  /// - Precondition: at least one matrix, all with the same number of rows.
  public static func concatenating(columns parts: [Matrix]) -> Matrix {
    guard let first = parts.first else {
      preconditionFailure("concatenating(columns:): no matrices")
    }
    precondition(
      parts.allSatisfy { $0.rows == first.rows },
      "concatenating(columns:): row counts \(parts.map(\.rows)) differ")
    let total = parts.reduce(0) { $0 + $1.columns }
    var out = Matrix.uninitialized(rows: first.rows, columns: total)
    out.withUnsafeMutableElements { o in
      guard let op = o.baseAddress else { return }
      var offset = 0
      for part in parts {
        let n = part.columns
        part.withUnsafeElements { p in
          guard let pp = p.baseAddress else { return }
          for r in 0..<first.rows { (op + r * total + offset).update(from: pp + r * n, count: n) }
        }
        offset += n
      }
    }
    return out
  }
}
