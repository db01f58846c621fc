// Ordinary least squares for a straight line: the slope of a log-log plot is the exponent
// of a power law, e.g. the −½ of a Monte Carlo error that falls as 1/√N.

/// The least-squares line `y ≈ slope · x + intercept`.
///
/// ```
/// slope     = Σᵢ (xᵢ − x̄)(yᵢ − ȳ) / Σᵢ (xᵢ − x̄)²
/// intercept = ȳ − slope · x̄
/// ```
/// The centred sums (rather than n·Σxy − Σx·Σy) avoid cancellation when x is far from 0.
/// For a power law `y = c · xᵏ`, fit `log y` against `log x`: the slope is `k`.
/// - Parameters:
///   - x: the abscissas, at least two, not all equal.
///   - y: the ordinates, as many as `x`.
/// - Returns: the slope and intercept minimising `Σᵢ (yᵢ − slope · xᵢ − intercept)²`.
/// - Precondition: `x.count == y.count >= 2` and `x` is not constant.
public func fitLine(x: [Double], y: [Double]) -> (slope: Double, intercept: Double) {
  precondition(
    x.count == y.count, "fitLine: \(x.count) x values but \(y.count) y values")
  precondition(x.count >= 2, "fitLine: needs at least 2 points, got \(x.count)")
  let meanX = mean(x)
  let meanY = mean(y)
  var sxy = 0.0
  var sxx = 0.0
  for i in 0..<x.count {
    let dx = x[i] - meanX
    sxy += dx * (y[i] - meanY)
    sxx += dx * dx
  }
  precondition(sxx > 0, "fitLine: all x values are equal (\(meanX)); the slope is undefined")
  let slope = sxy / sxx
  return (slope, meanY - slope * meanX)
}
