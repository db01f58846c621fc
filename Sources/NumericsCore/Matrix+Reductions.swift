// Reductions: whole-matrix, down the columns, along the rows, and per-row arg-max.

extension Matrix {
  /// The sum of all elements.
  public func sum() -> Double {
    elements.withUnsafeBufferPointer { a in
      var s = 0.0
      for x in a { s += x }
      return s
    }
  }

  /// The mean of all elements.
  /// - Precondition: the matrix is not empty.
  public func mean() -> Double {
    precondition(count > 0, "mean: empty \(shapeDescription) matrix")
    return sum() / Double(count)
  }

  /// The largest element.
  /// - Precondition: the matrix is not empty.
  public func max() -> Double {
    precondition(count > 0, "max: empty \(shapeDescription) matrix")
    return elements.max()!
  }

  /// The smallest element.
  /// - Precondition: the matrix is not empty.
  public func min() -> Double {
    precondition(count > 0, "min: empty \(shapeDescription) matrix")
    return elements.min()!
  }

  /// The sum of each row, as a `rows × 1` column vector.
  public func rowSums() -> Matrix {
    var out = [Double](repeating: 0, count: rows)
    let n = columns
    elements.withUnsafeBufferPointer { a in
      for r in 0..<rows {
        var s = 0.0
        for c in 0..<n { s += a[r * n + c] }
        out[r] = s
      }
    }
    return Matrix(rows: rows, columns: 1, elements: out)
  }

  /// The mean of each column, as a `1 × columns` row vector.
  public func columnMeans() -> Matrix {
    precondition(rows > 0, "columnMeans: no rows in \(shapeDescription)")
    return columnSums() / Double(rows)
  }

  /// The mean of each row, as a `rows × 1` column vector.
  public func rowMeans() -> Matrix {
    precondition(columns > 0, "rowMeans: no columns in \(shapeDescription)")
    return rowSums() / Double(columns)
  }

  /// The largest element of each row, as a `rows × 1` column vector.
  public func rowMaxima() -> Matrix {
    precondition(columns > 0, "rowMaxima: no columns in \(shapeDescription)")
    return Matrix(column: (0..<rows).map { r in row(r).max()! })
  }

  /// The column index of the largest element of each row (the predicted class when
  /// each row holds one sample's scores). Ties go to the first index.
  public func rowArgmax() -> [Int] {
    precondition(columns > 0, "rowArgmax: no columns in \(shapeDescription)")
    let n = columns
    return elements.withUnsafeBufferPointer { a in
      (0..<rows).map { r in
        var best = 0
        for c in 1..<n where a[r * n + c] > a[r * n + best] { best = c }
        return best
      }
    }
  }

  /// The Frobenius norm, √(Σ x²).
  public func norm() -> Double {
    elements.withUnsafeBufferPointer { a in
      var s = 0.0
      for x in a { s += x * x }
      return s.squareRoot()
    }
  }

  /// True when every element is finite (neither NaN nor ±∞).
  public var isFinite: Bool { elements.allSatisfy { $0.isFinite } }
}
