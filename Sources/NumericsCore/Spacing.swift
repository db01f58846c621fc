import Foundation

/// `count` numbers spaced evenly from `low` to `high`, both included (NumPy's `linspace`).
///
/// ```
/// x_i = low + (high − low) · i/(count − 1),   i = 0 … count − 1
/// ```
/// - Precondition: `count ≥ 2`, both ends finite.
public func linearlySpaced(from low: Double, to high: Double, count: Int) -> [Double] {
  precondition(count >= 2, "linearlySpaced: count \(count) must be ≥ 2")
  precondition(
    low.isFinite && high.isFinite, "linearlySpaced: ends \(low) and \(high) must be finite")
  return (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
}

/// `count` numbers spaced evenly in log10 from `low` to `high`, both included (NumPy's
/// `geomspace`).
///
/// ```
/// x_i = 10^(a + (b − a) · i/(count − 1)),   a = log10 low,  b = log10 high
/// ```
/// - Precondition: `0 < low < high`, both finite, `count ≥ 2`.
public func logarithmicallySpaced(from low: Double, to high: Double, count: Int) -> [Double] {
  precondition(
    low > 0 && high > low && high.isFinite && count >= 2,
    "logarithmicallySpaced: needs 0 < low < high and count ≥ 2, got \(low), \(high), \(count)")
  let (a, b) = (log10(low), log10(high))
  return (0..<count).map { pow(10, a + (b - a) * Double($0) / Double(count - 1)) }
}
