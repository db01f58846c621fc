// Element-wise arithmetic with broadcasting, and in-place variants for training loops.
//
// Broadcasting follows one simple rule (a subset of NumPy's): the right-hand operand
// may be a matrix of the same shape, a 1×n row vector (added to every row, e.g. a bias),
// or an r×1 column vector (applied to every column, e.g. a per-sample scale). For + and *
// the left operand may be the vector instead, since they commute.

extension Matrix {
  /// How `other` lines up with a `rows × columns` matrix, or a trap naming both shapes.
  private enum Broadcast { case same, row, column }

  /// True when `other` can stand on the right of `self`: same shape, 1×n or r×1.
  private func accepts(_ other: Matrix) -> Bool {
    other.columns == columns && (other.rows == rows || other.rows == 1)
      || other.rows == rows && other.columns == 1
  }

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
    let (m, n) = (rows, columns)
    other.elements.withUnsafeBufferPointer { b in
      storage.withUnsafeMutableBufferPointer { a in
        Self.apply(f, mode, m, n, a.baseAddress, b.baseAddress, into: a.baseAddress)
      }
    }
  }

  /// `f(self[r, c], other[r or 0, c or 0])` as a new matrix, broadcasting `other`.
  ///
  /// Writes the result straight into fresh storage: one pass that reads both operands and
  /// writes the result, instead of copying `self` and then updating the copy (two passes,
  /// about twice the memory traffic of `a + b` on large matrices).
  @inline(__always)
  private func combined(
    _ other: Matrix, _ op: String, _ f: (Double, Double) -> Double
  ) -> Matrix {
    let mode = broadcast(other, op)
    let (m, n) = (rows, columns)
    let out = [Double](unsafeUninitializedCapacity: count) { result, initialized in
      elements.withUnsafeBufferPointer { a in
        other.elements.withUnsafeBufferPointer { b in
          Self.apply(f, mode, m, n, a.baseAddress, b.baseAddress, into: result.baseAddress)
        }
      }
      initialized = m * n
    }
    return Matrix(rows: m, columns: n, elements: out)
  }

  /// The loops behind `combine` and `combined`: `c[i] = f(a[i], b[broadcast i])` over an
  /// `m × n` matrix, rows outside and columns inside so no index needs a division.
  /// `c` may be `a` (in place) or uninitialised storage of `m · n` elements.
  @inline(__always)
  private static func apply(
    _ f: (Double, Double) -> Double, _ mode: Broadcast, _ m: Int, _ n: Int,
    _ a: UnsafePointer<Double>?, _ b: UnsafePointer<Double>?,
    into c: UnsafeMutablePointer<Double>?
  ) {
    guard m * n > 0, let a, let b, let c else { return }
    switch mode {
    case .same:
      for i in 0..<(m * n) { c[i] = f(a[i], b[i]) }
    case .row:
      for r in 0..<m {
        let offset = r * n
        for j in 0..<n { c[offset + j] = f(a[offset + j], b[j]) }
      }
    case .column:
      for r in 0..<m {
        let offset = r * n
        let value = b[r]
        for j in 0..<n { c[offset + j] = f(a[offset + j], value) }
      }
    }
  }

  // MARK: Matrix ∘ Matrix

  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    // A commuting operator may take the vector on the left: then swap the operands.
    // (Deciding by shape, not by element count: a 0×n matrix plus a 1×n row is 0×n.)
    if !lhs.accepts(rhs) && rhs.accepts(lhs) { return rhs + lhs }
    return lhs.combined(rhs, "+", +)
  }

  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    lhs.combined(rhs, "-", -)
  }

  /// Element-wise (Hadamard) product; for the matrix product use `matmul`.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
    // A commuting operator may take the vector on the left: then swap the operands.
    // (Deciding by shape, not by element count: a 0×n matrix plus a 1×n row is 0×n.)
    if !lhs.accepts(rhs) && rhs.accepts(lhs) { return rhs * lhs }
    return lhs.combined(rhs, "*", *)
  }

  public static func / (lhs: Matrix, rhs: Matrix) -> Matrix {
    lhs.combined(rhs, "/", /)
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
      storage.withUnsafeMutableBufferPointer { a in
        for i in 0..<a.count { a[i] += alpha * b[i] }
      }
    }
  }

  /// Sets every element to `value`, keeping the storage (no allocation).
  public mutating func fill(with value: Double) {
    storage.withUnsafeMutableBufferPointer { a in
      for i in 0..<a.count { a[i] = value }
    }
  }
}
