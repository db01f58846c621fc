// Numerical gradient checking: the test every backward pass in this package must pass.
//
// A hand-written gradient is easy to get subtly wrong (a missing transpose, a forgotten
// 1/N) and still "train". Central finite differences give an independent estimate:
//
//     ∂f/∂x_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / (2h)
//
// whose error is O(h²) from truncation plus O(ε·|f|/h) from rounding; h = 1e-5 balances the
// two in float64 for functions of order 1. The comparison uses CS231n's relative error
//
//     |a − n| / max(1e-8, |a| + |n|)
//
// which is scale-free for ordinary gradients and does not divide by zero when both are 0.
// Rules of thumb: below 1e-7 for smooth functions, below 1e-4 near kinks (ReLU, hinge).

/// The position of one element of a matrix.
public struct MatrixIndex: Sendable, Equatable, CustomStringConvertible {
  /// The row, from 0.
  public let row: Int
  /// The column, from 0.
  public let column: Int

  /// Creates an index.
  public init(row: Int, column: Int) {
    self.row = row
    self.column = column
  }

  /// `[row, column]`.
  public var description: String { "[\(row), \(column)]" }
}

/// The outcome of comparing an analytic gradient with central finite differences.
public struct GradientCheckResult: Sendable, CustomStringConvertible {
  /// The largest relative error over all elements.
  public let maxRelativeError: Double
  /// Where that largest error occurred.
  public let worstIndex: MatrixIndex
  /// The analytic gradient at the worst element.
  public let analytic: Double
  /// The numerical gradient at the worst element.
  public let numeric: Double
  /// The full numerical gradient.
  public let numericalGradient: Matrix

  /// True when the worst relative error is at most `tolerance`.
  public func passes(tolerance: Double) -> Bool { maxRelativeError <= tolerance }

  /// For example `worst element [2, 0]: analytic 0.5, numeric 0.25, relative error 0.333`.
  public var description: String {
    "worst element \(worstIndex): analytic \(analytic), numeric \(numeric), "
      + "relative error \(maxRelativeError)"
  }
}

/// CS231n's relative error `|a − n| / max(1e-8, |a| + |n|)`.
public func relativeError(_ a: Double, _ n: Double) -> Double {
  abs(a - n) / Swift.max(1e-8, abs(a) + abs(n))
}

/// The gradient of a scalar function of a matrix by central finite differences.
///
/// - Parameters:
///   - f: the function; it is called `2 · x.count` times.
///   - x: the point.
///   - step: the finite-difference step `h` (default 1e-5).
/// - Returns: a matrix of the shape of `x` holding `(f(x + h e_i) − f(x − h e_i)) / 2h`.
public func numericalGradient(
  of f: (Matrix) -> Double, at x: Matrix, step: Double = 1e-5
) -> Matrix {
  precondition(step > 0, "numericalGradient: step \(step) must be positive")
  var probe = x
  var gradient = Matrix.zeros(like: x)
  for r in 0..<x.rows {
    for c in 0..<x.columns {
      let original = x[r, c]
      probe[r, c] = original + step
      let plus = f(probe)
      probe[r, c] = original - step
      let minus = f(probe)
      probe[r, c] = original
      gradient[r, c] = (plus - minus) / (2 * step)
    }
  }
  return gradient
}

/// Compares an analytic gradient with the numerical one and reports the worst element.
///
/// ```swift
/// let x = Matrix.normal(rows: 3, columns: 4, using: &rng)
/// let result = checkGradient(of: { ($0 * $0).sum() }, at: x, analytic: 2 * x)
/// result.passes(tolerance: 1e-7)   // true
/// ```
/// - Precondition: `analytic` has the shape of `x`.
public func checkGradient(
  of f: (Matrix) -> Double, at x: Matrix, analytic: Matrix, step: Double = 1e-5
) -> GradientCheckResult {
  precondition(
    analytic.rows == x.rows && analytic.columns == x.columns,
    "checkGradient: analytic gradient is \(analytic.shapeDescription), the point is \(x.shapeDescription)"
  )
  let numeric = numericalGradient(of: f, at: x, step: step)
  var worst = (error: -1.0, index: MatrixIndex(row: 0, column: 0))
  for r in 0..<x.rows {
    for c in 0..<x.columns {
      let e = relativeError(analytic[r, c], numeric[r, c])
      // NaN compares false with everything; make it the worst so it is never hidden.
      if e > worst.error || e.isNaN && !worst.error.isNaN {
        worst = (e, MatrixIndex(row: r, column: c))
      }
    }
  }
  let i = worst.index
  return GradientCheckResult(
    maxRelativeError: x.count == 0 ? 0 : worst.error, worstIndex: i,
    analytic: x.count == 0 ? 0 : analytic[i.row, i.column],
    numeric: x.count == 0 ? 0 : numeric[i.row, i.column], numericalGradient: numeric)
}
