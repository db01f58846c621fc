// Descriptive statistics of a sample: the numbers every experiment in the course reports.
//
// Sums are accumulated in one pass and deviations in a second pass around the mean. The
// textbook shortcut Σx² − n·x̄² subtracts two nearly equal large numbers when the mean is
// large compared with the spread (timings, values near 10⁹), and loses every significant
// digit; the two-pass form does not. `RunningStatistics` is the one-pass alternative.

/// The arithmetic mean of a sample.
///
/// ```
/// x̄ = (1/n) Σᵢ xᵢ
/// ```
/// - Parameter values: the sample, `n ≥ 1` values.
/// - Returns: `x̄`.
/// - Precondition: `values` is not empty.
public func mean(_ values: [Double]) -> Double {
  precondition(!values.isEmpty, "mean: the sample is empty")
  return values.withUnsafeBufferPointer { v in
    var s = 0.0
    for x in v { s += x }
    return s / Double(v.count)
  }
}

/// The unbiased sample variance, with Bessel's correction (divide by `n − 1`).
///
/// ```
/// s² = Σᵢ (xᵢ − x̄)² / (n − 1)  −  (Σᵢ (xᵢ − x̄))² / (n (n − 1))
/// ```
/// The second term is the "corrected two-pass" algorithm of Chan, Golub and LeVeque
/// (1983): in exact arithmetic Σ(xᵢ − x̄) is zero, in floating point it is the rounding
/// error of x̄, and subtracting its square removes most of that error's effect.
/// - Parameter values: the sample, `n ≥ 2` values.
/// - Returns: `s²`, an unbiased estimate of the population variance.
/// - Precondition: `values.count >= 2`.
public func variance(_ values: [Double]) -> Double {
  precondition(
    values.count >= 2, "variance: needs at least 2 values, got \(values.count)")
  let m = mean(values)
  return values.withUnsafeBufferPointer { v in
    var squares = 0.0
    var deviations = 0.0
    for x in v {
      let d = x - m
      squares += d * d
      deviations += d
    }
    let n = Double(v.count)
    return (squares - deviations * deviations / n) / (n - 1)
  }
}

/// The sample standard deviation, `s = √s²` with the unbiased variance `s²`.
///
/// ```
/// s = √( Σᵢ (xᵢ − x̄)² / (n − 1) )
/// ```
/// (`s` itself is slightly biased low; only `s²` is unbiased.)
/// - Parameter values: the sample, `n ≥ 2` values.
/// - Returns: `s`.
/// - Precondition: `values.count >= 2`.
public func standardDeviation(_ values: [Double]) -> Double {
  precondition(
    values.count >= 2, "standardDeviation: needs at least 2 values, got \(values.count)")
  return variance(values).squareRoot()
}

/// The standard error of the mean: how far `x̄` typically is from the true mean.
///
/// ```
/// SE = s / √n
/// ```
/// It shrinks as 1/√n, the law behind every Monte Carlo error bar.
/// - Parameter values: the sample, `n ≥ 2` values.
/// - Returns: `s / √n`.
/// - Precondition: `values.count >= 2`.
public func standardError(_ values: [Double]) -> Double {
  precondition(
    values.count >= 2, "standardError: needs at least 2 values, got \(values.count)")
  return standardDeviation(values) / Double(values.count).squareRoot()
}

/// A normal-approximation confidence interval for the mean.
///
/// ```
/// x̄ ± z · s/√n,   z = Φ⁻¹((1 + level) / 2)
/// ```
/// For `level = 0.95`, `z ≈ 1.96`. The interval relies on the central limit theorem, so it
/// is accurate for large samples (Monte Carlo runs, repeated trainings with n ≳ 30); for a
/// handful of values a Student-t interval would be wider.
/// - Parameters:
///   - values: the sample, `n ≥ 2` values.
///   - level: the coverage probability, in (0, 1) (default 0.95).
/// - Returns: `(x̄ − z·SE)...(x̄ + z·SE)`.
/// - Precondition: `values.count >= 2` and `0 < level < 1`.
public func normalConfidenceInterval(
  _ values: [Double], level: Double = 0.95
) -> ClosedRange<Double> {
  precondition(
    level > 0 && level < 1, "normalConfidenceInterval: level \(level) is not in (0, 1)")
  precondition(
    values.count >= 2,
    "normalConfidenceInterval: needs at least 2 values, got \(values.count)")
  let z = normalQuantile((1 + level) / 2)
  let center = mean(values)
  let halfWidth = z * standardError(values)
  return (center - halfWidth)...(center + halfWidth)
}

/// The `p`-quantile of a sample by linear interpolation between order statistics
/// (Hyndman and Fan's type 7, the default of NumPy, R and Excel's PERCENTILE).
///
/// With the sorted sample `x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎`:
/// ```
/// h = (n − 1) · p,   j = ⌊h⌋
/// Q(p) = x₍ⱼ₎ + (h − j) · (x₍ⱼ₊₁₎ − x₍ⱼ₎)
/// ```
/// So `Q(0)` is the minimum, `Q(1)` the maximum and `Q(0.5)` the median.
/// - Parameters:
///   - values: the sample, in any order, `n ≥ 1` values.
///   - p: the probability, in [0, 1].
/// - Returns: `Q(p)`.
/// - Precondition: `values` is not empty, contains no NaN, and `0 ≤ p ≤ 1`.
public func quantile(_ values: [Double], _ p: Double) -> Double {
  quantiles(values, [p])[0]
}

/// Several quantiles of one sample (type 7, as `quantile(_:_:)`), sorting only once.
///
/// - Parameters:
///   - values: the sample, in any order, `n ≥ 1` values.
///   - probabilities: each in [0, 1].
/// - Returns: `Q(p)` for every `p`, in the order given.
/// - Precondition: `values` is not empty, contains no NaN, and every `p` is in [0, 1].
public func quantiles(_ values: [Double], _ probabilities: [Double]) -> [Double] {
  precondition(!values.isEmpty, "quantile: the sample is empty")
  precondition(!values.contains { $0.isNaN }, "quantile: the sample contains NaN")
  let sorted = values.sorted()
  let last = sorted.count - 1
  return probabilities.map { p in
    precondition(p >= 0 && p <= 1, "quantile: probability \(p) is not in [0, 1]")
    let h = Double(last) * p
    let j = Swift.min(Int(h.rounded(.down)), last)
    if j == last { return sorted[last] }
    return sorted[j] + (h - Double(j)) * (sorted[j + 1] - sorted[j])
  }
}
