// The running estimator behind every Monte Carlo result in this module.
//
// A Monte Carlo estimate is a sample mean, and a sample mean is only useful with its
// error bar. This type keeps both in one pass over the samples, without storing them,
// by Welford's update, which stays accurate where the textbook formula
// `Σx²/n − (Σx/n)²` cancels catastrophically (a mean of 1e9 with a spread of 1).

import NumericsCore

/// A running mean with its variance, standard error and normal confidence interval,
/// updated one sample at a time (Welford, 1962).
///
/// After `n` samples x₁ … xₙ:
/// ```
/// δ = xₙ − meanₙ₋₁
/// meanₙ = meanₙ₋₁ + δ / n
/// M2ₙ  = M2ₙ₋₁ + δ · (xₙ − meanₙ)          (M2 = Σ (xᵢ − mean)²)
/// variance       s² = M2 / (n − 1)          (unbiased sample variance)
/// standard error SE = s / √n                (the spread of the mean itself)
/// 95% interval       mean ± 1.959963984540054 · SE
/// ```
/// The interval is the normal approximation promised by the central limit theorem: for
/// large `n`, the mean of `n` independent samples with finite variance σ² is close to
/// normal with standard deviation σ/√n, whatever the distribution of one sample.
///
/// Reference: B. P. Welford, "Note on a method for calculating corrected sums of squares
/// and products", Technometrics 4(3), 1962. The merge rule is from Chan, Golub and
/// LeVeque, "Algorithms for computing the sample variance", 1979/1983.
public struct MonteCarloEstimate: Sendable, Equatable {
  /// The z value of a two-sided 95% normal interval, Φ⁻¹(0.975).
  public static let z95 = 1.959963984540054

  /// The running mean and M2: NumericsCore's Welford accumulator, the one in the course.
  public private(set) var statistics: RunningStatistics

  /// The number of samples seen.
  public var count: Int { statistics.count }
  /// The running mean of the samples (0 before any sample).
  public var mean: Double { statistics.count > 0 ? statistics.mean : 0 }
  /// M2 = Σ (xᵢ − mean)², the sum of squared deviations from the current mean.
  public var sumOfSquaredDeviations: Double { statistics.sumOfSquaredDeviations }

  /// An empty estimator: no samples yet.
  public init() {
    statistics = RunningStatistics()
  }

  /// An estimator from its sufficient statistics, for estimators that count instead of
  /// adding samples one by one (the π dart counter does this).
  /// - Precondition: `count >= 0` and `sumOfSquaredDeviations >= 0`.
  public init(count: Int, mean: Double, sumOfSquaredDeviations: Double) {
    statistics = RunningStatistics(
      count: count, mean: mean, sumOfSquaredDeviations: sumOfSquaredDeviations)
  }

  /// An estimator that has seen every value of `values`, in order.
  public init<S: Sequence>(_ values: S) where S.Element == Double {
    statistics = RunningStatistics(values)
  }

  /// Adds one sample (Welford's update).
  public mutating func add(_ x: Double) { statistics.add(x) }

  /// Combines the samples of `other` into this estimator, as if every sample had been
  /// added here (Chan et al.; `RunningStatistics.merge`).
  public mutating func merge(_ other: MonteCarloEstimate) { statistics.merge(other.statistics) }

  /// The unbiased sample variance s² = M2 / (n − 1) of one sample; NaN with fewer than two.
  public var variance: Double {
    count > 1 ? sumOfSquaredDeviations / Double(count - 1) : .nan
  }

  /// The sample standard deviation s = √s².
  public var standardDeviation: Double { variance.squareRoot() }

  /// The standard error of the mean, s / √n: how far the estimate typically is from the
  /// expectation it estimates. NaN with fewer than two samples.
  public var standardError: Double {
    count > 1 ? (variance / Double(count)).squareRoot() : .nan
  }

  /// The normal-approximation interval mean ± z · SE.
  /// - Parameter z: the normal quantile; `z95` (the default) gives a 95% interval.
  /// - Returns: `(mean − z·SE)...(mean + z·SE)`.
  /// - Precondition: `z >= 0`, at least two samples, and a mean and standard error that
  ///   are not NaN (a NaN sample makes both NaN; it has no interval).
  public func confidenceInterval(z: Double = MonteCarloEstimate.z95) -> ClosedRange<Double> {
    precondition(z >= 0, "confidenceInterval: z \(z) is negative")
    precondition(count > 1, "confidenceInterval: needs at least 2 samples, has \(count)")
    let halfWidth = z * standardError
    precondition(
      !mean.isNaN && !halfWidth.isNaN,
      "confidenceInterval: mean \(mean) or standard error \(standardError) is NaN")
    return (mean - halfWidth)...(mean + halfWidth)
  }

  /// The 95% normal-approximation interval mean ± 1.96 · SE.
  /// - Precondition: at least two samples.
  public var confidenceInterval95: ClosedRange<Double> { confidenceInterval() }
}
