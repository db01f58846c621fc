// Comparing what came back with what was expected, and saying so in a sentence a
// student can act on: which number, what it was, what it should have been.

import Foundation
import NumericsCore

/// How close a result must be to the expected one: `|got − expected| ≤ absolute +
/// relative·|expected|`.
public struct Tolerance: Sendable {
  /// The absolute part, for expected values near zero.
  public var absolute: Double
  /// The relative part, for everything else.
  public var relative: Double

  /// Creates a tolerance.
  public init(absolute: Double, relative: Double) {
    self.absolute = absolute
    self.relative = relative
  }

  /// `1e-9` absolute plus `1e-7` relative: rounding differences between correct
  /// formulas are far smaller, every real mistake is far larger.
  public static let standard = Tolerance(absolute: 1e-9, relative: 1e-7)

  /// True when `got` is within tolerance of `expected` (an infinite expectation must be
  /// met exactly; NaN is never close to anything).
  public func accepts(_ got: Double, _ expected: Double) -> Bool {
    if expected.isInfinite { return got == expected }
    return abs(got - expected) <= absolute + relative * abs(expected)
  }
}

/// A number for a message: integers without a decimal point, others with up to ten
/// significant digits (enough to show a difference the tolerance cares about).
public func formatted(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
  return String(format: "%.10g", x)
}

/// A matrix for a message: the rows when it is small, otherwise its shape and first row.
public func formatted(_ m: Matrix) -> String {
  let rows = m.rowArrays.map { "[" + $0.map(formatted).joined(separator: ", ") + "]" }
  if m.count <= 12 { return "[" + rows.joined(separator: ", ") + "]" }
  return "\(m.shapeDescription) matrix, first row \(rows.first ?? "[]")"
}

/// Compares a scalar; returns the problem or nil.
func compare(_ name: String, got: Double, expected: Double, tolerance: Tolerance) -> String? {
  if tolerance.accepts(got, expected) { return nil }
  var problem = "\(name): got \(formatted(got)), expected \(formatted(expected))"
  if !got.isFinite && expected.isFinite {
    problem += " (not finite: did an exp overflow, or a log receive 0?)"
  }
  return problem
}

/// Compares a matrix element by element; returns the problem (shape, or the first
/// element that differs together with the whole result when it is small) or nil.
func compare(_ name: String, got: Matrix, expected: Matrix, tolerance: Tolerance) -> String? {
  guard got.rows == expected.rows, got.columns == expected.columns else {
    return "\(name) has shape \(got.shapeDescription), expected \(expected.shapeDescription)"
  }
  for r in 0..<got.rows {
    for c in 0..<got.columns {
      if let problem = compare(
        "\(name)[\(r), \(c)]", got: got[r, c], expected: expected[r, c], tolerance: tolerance)
      {
        guard got.count <= 12 else { return problem }
        return "\(problem); whole \(name): got \(formatted(got)), expected \(formatted(expected))"
      }
    }
  }
  return nil
}
