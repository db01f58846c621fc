// Element-wise arithmetic with broadcasting, and in-place variants for training loops.
//
// Broadcasting follows one simple rule (a subset of NumPy's): the right-hand operand
// may be a matrix of the same shape, a 1×n row vector (added to every row, e.g. a bias),
// or an r×1 column vector (applied to every column, e.g. a per-sample scale). For + and *
// the left operand may be the vector instead, since they commute.

extension Matrix {
  /// How `other` lines up with a `rows × columns` matrix, or a trap naming both shapes.
  private enum Broadcast { case same, row, column }

  private func broadcast(_ other: Matrix, _ op: String) -> Broadcast {
    if other.rows == rows && other.columns == columns { return .same }
    if other.rows == 1 && other.columns == columns { return .row }
    if other.columns == 1 && other.rows == rows { return .column }
    preconditionFailure(
      "\(op): shapes \(shapeDescription) and \(other.shapeDescription) do not match "
        + "(the right side must be \(shapeDescription), 1×\(columns) or \(rows)×1)")
  }

  /// Applies `f(self[r, c], other[r or 0, c or 0])` in place, broadcasting `other`.
  @inline(__always)
  private mutating func combine(
    _ other: Matrix, _ op: String, _ f: (Double, Double) -> Double
  ) {
    let mode = broadcast(other, op)
    let n = columns
    other.elements.withUnsafeBufferPointer { b in
      elements.withUnsafeMutableBufferPointer { a in
        switch mode {
        case .same:
          for i in 0..<a.count { a[i] = f(a[i], b[i]) }
        case .row:
          for i in 0..<a.count { a[i] = f(a[i], b[i % n]) }
        case .column:
          for i in 0..<a.count { a[i] = f(a[i], b[i / n]) }
        }
      }
    }
  }

  /// Applies `f` to every element in place (no allocation).
  public mutating func formMap(_ f: (Double) -> Double) {
    elements.withUnsafeMutableBufferPointer { a in
      for i in 0..<a.count { a[i] = f(a[i]) }
    }
  }

  /// A matrix of the same shape with `f` applied to every element.
  public func map(_ f: (Double) -> Double) -> Matrix {
    var out = self
    out.formMap(f)
    return out
  }

  /// `f(a[i], b[i])` for two matrices of the same shape.
  public static func zipMap(
    _ a: Matrix, _ b: Matrix, _ f: (Double, Double) -> Double
  ) -> Matrix {
    precondition(
      a.rows == b.rows && a.columns == b.columns,
      "zipMap: shapes \(a.shapeDescription) and \(b.shapeDescription) differ")
    var out = a
    out.combine(b, "zipMap", f)
    return out
  }

  // MARK: Matrix ∘ Matrix

  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    if lhs.count < rhs.count { return rhs + lhs }
    var out = lhs
    out.combine(rhs, "+", +)
    return out
  }

  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    var out = lhs
    out.combine(rhs, "-", -)
    return out
  }

  /// Element-wise (Hadamard) product; for the matrix product use `matmul`.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
    if lhs.count < rhs.count { return rhs * lhs }
    var out = lhs
    out.combine(rhs, "*", *)
    return out
  }

  public static func / (lhs: Matrix, rhs: Matrix) -> Matrix {
    var out = lhs
    out.combine(rhs, "/", /)
    return out
  }

  public static func += (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "+=", +) }
  public static func -= (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "-=", -) }
  public static func *= (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "*=", *) }
  public static func /= (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "/=", /) }

  // MARK: Matrix ∘ scalar

  public static func + (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 + rhs } }
  public static func + (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs + $0 } }
  public static func - (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 - rhs } }
  public static func - (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs - $0 } }
  public static func * (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 * rhs } }
  public static func * (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs * $0 } }
  public static func / (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 / rhs } }
  public static prefix func - (m: Matrix) -> Matrix { m.map { -$0 } }

  public static func += (lhs: inout Matrix, rhs: Double) { lhs.formMap { $0 + rhs } }
  public static func -= (lhs: inout Matrix, rhs: Double) { lhs.formMap { $0 - rhs } }
  public static func *= (lhs: inout Matrix, rhs: Double) { lhs.formMap { $0 * rhs } }
  public static func /= (lhs: inout Matrix, rhs: Double) { lhs.formMap { $0 / rhs } }

  // MARK: Fused in-place updates for optimizers

  /// `self ← self + alpha · other` (BLAS's axpy), in place, same shape only.
  ///
  /// The workhorse of gradient descent: `parameter.add(gradient, scaledBy: -learningRate)`.
  public mutating func add(_ other: Matrix, scaledBy alpha: Double) {
    precondition(
      rows == other.rows && columns == other.columns,
      "add(_:scaledBy:): shapes \(shapeDescription) and \(other.shapeDescription) differ")
    other.elements.withUnsafeBufferPointer { b in
      elements.withUnsafeMutableBufferPointer { a in
        for i in 0..<a.count { a[i] += alpha * b[i] }
      }
    }
  }

  /// Sets every element to `value`, keeping the storage (no allocation).
  public mutating func fill(with value: Double) {
    elements.withUnsafeMutableBufferPointer { a in
      for i in 0..<a.count { a[i] = value }
    }
  }
}
