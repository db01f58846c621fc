import NumericsCore

/// The design matrix and targets of an AR(p) regression: predict x_t from the p values
/// before it.
///
/// ```
/// row for t = p, p+1, …, n−1:   [1, x_{t−1}, x_{t−2}, …, x_{t−p}]   target x_t
/// ```
/// (the leading 1 only when `intercept` is true). Row t holds only values strictly before
/// t: putting x_t itself in its own row (a shift by one) makes the fit perfect and useless.
///
/// - Parameters:
///   - series: x_0 … x_{n−1}.
///   - order: p ≥ 1.
///   - intercept: add the column of ones.
/// - Returns: A, `(n − p) × (p + intercept)`, and the n − p targets x_p … x_{n−1}.
/// - Precondition: n > p ≥ 1.
public func autoregressiveDesign(
  series: [Double], order p: Int, intercept: Bool = true
)
  -> (design: Matrix, targets: [Double])
{
  precondition(p >= 1, "autoregressiveDesign: order \(p) must be at least 1")
  precondition(series.count > p, "autoregressiveDesign: \(series.count) values for order \(p)")
  let rows = series.count - p
  let width = p + (intercept ? 1 : 0)
  var elements = [Double]()
  elements.reserveCapacity(rows * width)
  for t in p..<series.count {
    if intercept { elements.append(1) }
    for lag in 1...p { elements.append(series[t - lag]) }
  }
  return (Matrix(rows: rows, columns: width, elements: elements), Array(series[p...]))
}

/// An autoregressive model of order p, fitted by least squares through QR.
///
/// ```
/// x_t = c + φ_1 x_{t−1} + φ_2 x_{t−2} + … + φ_p x_{t−p} + ε_t
/// ```
/// One-step forecast: plug in the p observed values before t. k-step forecast: feed the
/// model's own forecasts back in for the values not yet observed, so errors compound —
/// for a stationary AR process the k-step error grows towards the series' own spread.
public struct AutoRegressiveModel: Sendable, Equatable {
  /// c, the intercept.
  public var intercept: Double
  /// φ_1 … φ_p: `coefficients[0]` multiplies x_{t−1}.
  public var coefficients: [Double]

  /// A model with given parameters.
  public init(intercept: Double, coefficients: [Double]) {
    precondition(!coefficients.isEmpty, "AutoRegressiveModel: no coefficients")
    self.intercept = intercept
    self.coefficients = coefficients
  }

  /// Fits c and φ by minimising Σ_t (x_t − c − Σ φ_i x_{t−i})² with Householder QR.
  /// - Precondition: `series.count > 2p + 1` (more equations than unknowns).
  public init(fitting series: [Double], order p: Int) {
    precondition(
      series.count > 2 * p + 1, "AutoRegressiveModel: \(series.count) values for order \(p)")
    let (design, targets) = autoregressiveDesign(series: series, order: p)
    let beta = leastSquaresQR(design: design, targets: targets)
    self.init(intercept: beta[0], coefficients: Array(beta[1...]))
  }

  /// p.
  public var order: Int { coefficients.count }

  /// The forecast of the value after `history` (its last p values, most recent last).
  /// - Precondition: at least p values.
  public func predictNext<C: BidirectionalCollection>(after history: C) -> Double
  where C.Element == Double {
    precondition(history.count >= order, "predictNext: \(history.count) values for AR(\(order))")
    var value = intercept
    var index = history.endIndex
    for phi in coefficients {
      index = history.index(before: index)
      value += phi * history[index]
    }
    return value
  }

  /// Forecasts `steps` values after `history`, each from the previous forecasts.
  /// - Returns: x̂_{T+1}, …, x̂_{T+steps} for a history ending at x_T.
  public func forecast(after history: [Double], steps: Int) -> [Double] {
    precondition(steps >= 0, "forecast: steps \(steps) < 0")
    var extended = Array(history.suffix(order))
    var result = [Double]()
    result.reserveCapacity(steps)
    for _ in 0..<steps {
      let next = predictNext(after: extended)
      result.append(next)
      extended.append(next)
    }
    return result
  }

  /// The one-step forecasts of x_t for t = p … n−1 from the observed values before each.
  public func oneStepForecasts(of series: [Double]) -> [Double] {
    precondition(series.count > order, "oneStepForecasts: series shorter than the order")
    return (order..<series.count).map { predictNext(after: series[..<$0]) }
  }

  /// Root-mean-square error of k-step forecasts for k = 1 … `maximumHorizon`: from every
  /// origin T in `origins`, forecast from x_0 … x_T and compare with x_{T+k}.
  /// - Returns: one RMSE per horizon (index 0 = 1 step ahead).
  public func forecastErrors(
    of series: [Double], origins: [Int], maximumHorizon: Int
  )
    -> [Double]
  {
    precondition(maximumHorizon >= 1, "forecastErrors: horizon \(maximumHorizon) < 1")
    var squared = [Double](repeating: 0, count: maximumHorizon)
    for origin in origins {
      precondition(
        origin + 1 >= order && origin + maximumHorizon < series.count,
        "forecastErrors: origin \(origin) leaves no room in \(series.count) values")
      let path = forecast(after: Array(series[...origin]), steps: maximumHorizon)
      for k in 0..<maximumHorizon {
        let error = path[k] - series[origin + 1 + k]
        squared[k] += error * error
      }
    }
    return squared.map { ($0 / Double(origins.count)).squareRoot() }
  }
}
