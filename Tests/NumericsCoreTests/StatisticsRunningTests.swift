import NumericsCore
import XCTest

/// Welford's accumulator against hand-computed values and the two-pass formula.
final class StatisticsRunningTests: XCTestCase {
  func testHandComputed() {
    var stats = RunningStatistics()
    XCTAssertEqual(stats.count, 0)
    stats.add(2)
    XCTAssertEqual(stats.mean, 2)
    for x in [4.0, 4, 4, 5, 5, 7, 9] { stats.add(x) }
    XCTAssertEqual(stats.count, 8)
    XCTAssertEqual(stats.mean, 5)
    XCTAssertEqual(stats.variance, 32.0 / 7, accuracy: 1e-15)
    XCTAssertEqual(stats.standardDeviation, (32.0 / 7).squareRoot(), accuracy: 1e-15)
    XCTAssertEqual(stats.standardError, 2 / 7.0.squareRoot(), accuracy: 1e-15)
    XCTAssertEqual(RunningStatistics([2, 4, 4, 4, 5, 5, 7, 9]), stats)
  }

  /// Values 10⁹ + k/8 with integer k: exactly representable, so the exact variance is
  /// Var(k)/64, computed in integer arithmetic. The mean is 10¹⁰ times the spread.
  func testIllConditionedDataAgainstExactTwoPassAndNaive() {
    var rng = Xoshiro256StarStar(seed: 12)
    let n = 10_000
    let ks = (0..<n).map { _ in rng.nextInt(below: 33) - 16 }
    let values = ks.map { 1e9 + Double($0) / 8 }

    let sumK = ks.reduce(0, +)
    let sumK2 = ks.reduce(0) { $0 + $1 * $1 }
    let exact = Double(n * sumK2 - sumK * sumK) / Double(n * (n - 1)) / 64

    // Two-pass, written out: deviations from the mean, then their squares.
    let m = values.reduce(0, +) / Double(n)
    let twoPass = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)

    // The textbook shortcut (Σx² − (Σx)²/n) / (n − 1): catastrophic cancellation.
    let sum = values.reduce(0, +)
    let sumOfSquares = values.reduce(0) { $0 + $1 * $1 }
    let naive = (sumOfSquares - sum * sum / Double(n)) / Double(n - 1)

    let welford = RunningStatistics(values).variance
    XCTAssertEqual(welford, twoPass, accuracy: 1e-6 * twoPass)
    XCTAssertEqual(welford, exact, accuracy: 1e-6 * exact)
    XCTAssertEqual(variance(values), exact, accuracy: 1e-6 * exact)
    XCTAssertGreaterThan(
      abs(naive - exact) / exact, 0.5,
      "the naive formula should fail here: naive \(naive), exact \(exact)")
  }
}
