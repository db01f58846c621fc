// Welford's one-pass mean and variance: statistics of a stream that is never stored
// (a loss over a million steps, estimates from a long Monte Carlo run).

/// Mean and variance of a stream of values, updated one value at a time (Welford, 1962).
///
/// ```
/// n ← n + 1
/// δ ← x − x̄
/// x̄ ← x̄ + δ / n
/// M₂ ← M₂ + δ · (x − x̄)        (the new x̄)
/// s² = M₂ / (n − 1)
/// ```
/// Unlike accumulating Σx and Σx², which cancels catastrophically when the mean is large
/// compared with the spread, every update works with deviations from the current mean, so
/// the result matches the two-pass formula to rounding error. Memory is O(1).
///
/// ```swift
/// var stats = RunningStatistics()
/// for x in [2.0, 4, 4, 4, 5, 5, 7, 9] { stats.add(x) }
/// stats.mean        // 5
/// stats.variance    // 32 / 7
/// ```
/// Source: B. P. Welford, "Note on a method for calculating corrected sums of squares and
/// products", Technometrics 4(3), 1962.
public struct RunningStatistics: Sendable, Equatable {
  /// The number of values added so far.
  public private(set) var count: Int = 0
  private var runningMean: Double = 0
  /// Σ (xᵢ − x̄)², kept up to date by Welford's update.
  private var sumOfSquaredDeviations: Double = 0

  /// An empty accumulator.
  public init() {}

  /// An accumulator that has seen `values`, in order.
  public init(_ values: some Sequence<Double>) {
    add(contentsOf: values)
  }

  /// Adds one value.
  public mutating func add(_ x: Double) {
    count += 1
    let delta = x - runningMean
    runningMean += delta / Double(count)
    sumOfSquaredDeviations += delta * (x - runningMean)
  }

  /// Adds every value of a sequence, in order.
  public mutating func add(contentsOf values: some Sequence<Double>) {
    for x in values { add(x) }
  }

  /// The mean of the values so far, `x̄`.
  /// - Precondition: at least one value was added.
  public var mean: Double {
    precondition(count >= 1, "RunningStatistics.mean: no values added yet")
    return runningMean
  }

  /// The unbiased sample variance `s² = M₂ / (n − 1)`.
  /// - Precondition: at least two values were added.
  public var variance: Double {
    precondition(count >= 2, "RunningStatistics.variance: needs 2 values, has \(count)")
    return sumOfSquaredDeviations / Double(count - 1)
  }

  /// The sample standard deviation `s = √s²`.
  /// - Precondition: at least two values were added.
  public var standardDeviation: Double {
    precondition(
      count >= 2, "RunningStatistics.standardDeviation: needs 2 values, has \(count)")
    return variance.squareRoot()
  }

  /// The standard error of the mean, `s / √n`.
  /// - Precondition: at least two values were added.
  public var standardError: Double {
    precondition(
      count >= 2, "RunningStatistics.standardError: needs 2 values, has \(count)")
    return standardDeviation / Double(count).squareRoot()
  }
}
