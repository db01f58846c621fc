// Random matrices, for initialisation and tests. The generator is always passed in.

extension Matrix {
  /// A `rows × columns` matrix of independent uniform draws in [lower, upper).
  public static func uniform<G: RandomNumberGenerator>(
    rows: Int, columns: Int, in lower: Double = 0, _ upper: Double = 1, using rng: inout G
  ) -> Matrix {
    precondition(lower <= upper, "Matrix.uniform: lower \(lower) > upper \(upper)")
    var out = [Double]()
    out.reserveCapacity(rows * columns)
    for _ in 0..<(rows * columns) { out.append(rng.nextUniform(in: lower, upper)) }
    return Matrix(rows: rows, columns: columns, elements: out)
  }

  /// A `rows × columns` matrix of independent normal draws N(mean, standardDeviation²).
  public static func normal<G: RandomNumberGenerator>(
    rows: Int, columns: Int, mean: Double = 0, standardDeviation: Double = 1,
    using rng: inout G
  ) -> Matrix {
    precondition(
      standardDeviation >= 0, "Matrix.normal: standard deviation \(standardDeviation) < 0")
    var out = [Double]()
    out.reserveCapacity(rows * columns)
    for _ in 0..<(rows * columns) {
      out.append(rng.nextNormal(mean: mean, standardDeviation: standardDeviation))
    }
    return Matrix(rows: rows, columns: columns, elements: out)
  }
}
