import NumericsCore
import XCTest

/// Asserts that `analytic` is the gradient of `f` at `x`, by central finite differences.
///
/// Every layer and loss test calls this one checker. On failure it reports the worst
/// element with its index, both values and the relative error
/// `|a − n| / max(1e-8, |a| + |n|)`. Use `tolerance: 1e-7` for smooth functions and
/// `1e-4` where the function has kinks (ReLU, hinge, max).
public func assertGradient(
  of f: (Matrix) -> Double, at x: Matrix, equals analytic: Matrix, tolerance: Double = 1e-7,
  _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
  let result = checkGradient(of: f, at: x, analytic: analytic)
  XCTAssertLessThanOrEqual(
    result.maxRelativeError, tolerance,
    "gradient check failed: \(result) \(message())", file: file, line: line)
}

/// Asserts that two matrices have the same shape and agree element-wise within
/// `tolerance` (absolute), naming the first element that differs.
public func assertEqual(
  _ actual: Matrix, _ expected: Matrix, tolerance: Double = 1e-12,
  _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
  guard actual.rows == expected.rows, actual.columns == expected.columns else {
    XCTFail(
      "shape \(actual.shapeDescription) ≠ expected \(expected.shapeDescription) \(message())",
      file: file, line: line)
    return
  }
  for r in 0..<actual.rows {
    for c in 0..<actual.columns where !(abs(actual[r, c] - expected[r, c]) <= tolerance) {
      XCTFail(
        "element [\(r), \(c)]: \(actual[r, c]) ≠ expected \(expected[r, c]) "
          + "(tolerance \(tolerance)) \(message())", file: file, line: line)
      return
    }
  }
}
