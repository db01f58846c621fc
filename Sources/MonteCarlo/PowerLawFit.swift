// The 1/√N law is a straight line on log-log axes: log |error| = log σ − ½ log N.
// Fitting that line to measured errors is how the chapter checks the rate.

import NumericsCore

/// The least-squares line through (log₁₀ xᵢ, log₁₀ yᵢ): the exponent of a power law
/// y ≈ C · x^slope.
///
/// ```
/// u = log₁₀ x,  v = log₁₀ y
/// slope = Σ (u − ū)(v − v̄) / Σ (u − ū)²,   intercept = v̄ − slope · ū   (= log₁₀ C)
/// ```
/// - Parameters:
///   - x: positive abscissae (e.g. sample sizes N), at least two distinct.
///   - y: positive ordinates (e.g. root-mean-square errors), one per x.
/// - Returns: the slope (the exponent) and the intercept log₁₀ C.
/// - Precondition: equal lengths ≥ 2, every value positive and finite, x not all equal.
public func fitPowerLaw(x: [Double], y: [Double]) -> (slope: Double, intercept: Double) {
  precondition(
    x.count == y.count && x.count >= 2,
    "fitPowerLaw: needs two equal-length arrays of at least 2 values, has \(x.count) and \(y.count)"
  )
  precondition(
    (x + y).allSatisfy { $0 > 0 && $0.isFinite },
    "fitPowerLaw: every value must be positive and finite")
  // A power law is a line on log-log axes: NumericsCore's least-squares line on the logs.
  return fitLine(x: x.map { mcLog($0) / mcLog(10) }, y: y.map { mcLog($0) / mcLog(10) })
}
