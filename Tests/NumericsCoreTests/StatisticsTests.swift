import NumericsCore
import XCTest

/// Sample statistics against values worked out by hand.
final class StatisticsTests: XCTestCase {
  // Deviations from the mean 5: −3, −1, −1, −1, 0, 0, 2, 4; squares sum to 32.
  let sample: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]

  func testMeanVarianceStandardDeviationStandardError() {
    XCTAssertEqual(mean(sample), 5)
    XCTAssertEqual(variance(sample), 32.0 / 7, accuracy: 1e-15)
    XCTAssertEqual(standardDeviation(sample), (32.0 / 7).squareRoot(), accuracy: 1e-15)
    // s/√n = √(32/7)/√8 = √(4/7) = 2/√7
    XCTAssertEqual(standardError(sample), 2 / 7.0.squareRoot(), accuracy: 1e-15)
  }

  func testSmallestSamples() {
    XCTAssertEqual(mean([-3.5]), -3.5)
    XCTAssertEqual(variance([1, 3]), 2)  // (1 + 1) / 1
    XCTAssertEqual(variance([4, 4, 4]), 0)
  }

  func testVarianceIsShiftInvariantFarFromZero() {
    // The same deviations around 10⁹ (all exactly representable): s² = 32/7 still.
    let shifted = sample.map { $0 + 1e9 }
    XCTAssertEqual(variance(shifted), 32.0 / 7, accuracy: 1e-12)
  }

  func testNormalConfidenceInterval() {
    let interval = normalConfidenceInterval(sample)
    let halfWidth = 1.959963984540054 * 2 / 7.0.squareRoot()
    XCTAssertEqual(interval.lowerBound, 5 - halfWidth, accuracy: 1e-12)
    XCTAssertEqual(interval.upperBound, 5 + halfWidth, accuracy: 1e-12)
    let wide = normalConfidenceInterval(sample, level: 0.99)
    let wideHalfWidth = 2.5758293035489004 * 2 / 7.0.squareRoot()
    XCTAssertEqual(wide.upperBound - wide.lowerBound, 2 * wideHalfWidth, accuracy: 1e-12)
  }

  func testNormalConfidenceIntervalCoverage() {
    // 2000 samples of 50 standard normals: the 95 % interval should cover 0 in about 95 %
    // of them (slightly less, as z < t₄₉). 5 SE of a proportion: 5·√(0.95·0.05/2000) ≈ 0.024.
    var rng = Xoshiro256StarStar(seed: 17)
    var covered = 0
    let trials = 2000
    for _ in 0..<trials {
      let draws = (0..<50).map { _ in rng.nextNormal() }
      if normalConfidenceInterval(draws).contains(0) { covered += 1 }
    }
    XCTAssertEqual(Double(covered) / Double(trials), 0.95, accuracy: 0.025)
  }

  func testQuantileType7() {
    let values: [Double] = [3, 1, 4, 2]  // sorted: 1, 2, 3, 4; h = 3p
    XCTAssertEqual(quantile(values, 0), 1)
    XCTAssertEqual(quantile(values, 1), 4)
    XCTAssertEqual(quantile(values, 0.5), 2.5)  // h = 1.5
    XCTAssertEqual(quantile(values, 0.25), 1.75)  // h = 0.75
    XCTAssertEqual(quantile(values, 0.9), 3.7, accuracy: 1e-15)  // h = 2.7
    XCTAssertEqual(quantile([10, 40, 20, 30], 1.0 / 3), 20, accuracy: 1e-14)  // h = 1
    XCTAssertEqual(quantile([7], 0.3), 7)
    XCTAssertEqual(quantiles(values, [0.5, 0, 1]), [2.5, 1, 4])
  }

  func testMedianOfOddSampleIsTheMiddleValue() {
    XCTAssertEqual(quantile([5, -1, 9, 3, 3], 0.5), 3)
  }
}
