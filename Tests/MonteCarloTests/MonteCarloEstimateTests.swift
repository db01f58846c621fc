import MonteCarlo
import NumericsCore
import XCTest

final class MonteCarloEstimateTests: XCTestCase {
  /// The textbook two-pass formulas, written out independently of Welford's update.
  private func twoPass(_ x: [Double]) -> (mean: Double, variance: Double) {
    let mean = x.reduce(0, +) / Double(x.count)
    let ss = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, ss / Double(x.count - 1))
  }

  func testWelfordAgreesWithTwoPassOnSmallExample() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, s² = 32/7.
    let estimate = MonteCarloEstimate([2, 4, 4, 4, 5, 5, 7, 9])
    XCTAssertEqual(estimate.count, 8)
    XCTAssertEqual(estimate.mean, 5, accuracy: 1e-15)
    XCTAssertEqual(estimate.variance, 32.0 / 7.0, accuracy: 1e-14)
    XCTAssertEqual(estimate.standardError, (32.0 / 7.0 / 8.0).squareRoot(), accuracy: 1e-14)
  }

  func testWelfordAgreesWithTwoPassOnRandomData() {
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let x = (0..<1000).map { _ in rng.nextNormal(mean: 3, standardDeviation: 2) }
      let reference = twoPass(x)
      let estimate = MonteCarloEstimate(x)
      XCTAssertEqual(estimate.mean, reference.mean, accuracy: 1e-12)
      XCTAssertEqual(estimate.variance, reference.variance, accuracy: 1e-11)
    }
  }

  func testWelfordStaysAccurateFarFromZero() {
    // Mean 1e9, spread 1: Σx²/n − mean² would lose every digit of the variance here.
    let x: [Double] = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]
    let estimate = MonteCarloEstimate(x)
    XCTAssertEqual(estimate.mean, 1e9 + 10, accuracy: 1e-6)
    XCTAssertEqual(estimate.variance, 30, accuracy: 1e-6)  // (36 + 9 + 9 + 36) / 3
  }

  func testMergeEqualsAddingEverySample() {
    var rng = Xoshiro256StarStar(seed: 7)
    let x = (0..<300).map { _ in rng.nextUniform(in: -5, 5) }
    var left = MonteCarloEstimate(x[..<120])
    left.merge(MonteCarloEstimate(x[120...]))
    let whole = MonteCarloEstimate(x)
    XCTAssertEqual(left.count, whole.count)
    XCTAssertEqual(left.mean, whole.mean, accuracy: 1e-13)
    XCTAssertEqual(left.variance, whole.variance, accuracy: 1e-12)
    var empty = MonteCarloEstimate()
    empty.merge(whole)
    XCTAssertEqual(empty, whole)
  }

  func testConfidenceIntervalIsMeanPlusMinusZTimesStandardError() {
    let estimate = MonteCarloEstimate([1, 2, 3, 4])  // mean 2.5, s² = 5/3, SE = √(5/12)
    let se = (5.0 / 12.0).squareRoot()
    XCTAssertEqual(MonteCarloEstimate.z95, 1.959963984540054)
    XCTAssertEqual(estimate.confidenceInterval95.lowerBound, 2.5 - 1.959963984540054 * se)
    XCTAssertEqual(estimate.confidenceInterval95.upperBound, 2.5 + 1.959963984540054 * se)
    XCTAssertEqual(estimate.confidenceInterval(z: 1).upperBound, 2.5 + se, accuracy: 1e-15)
  }

  func testFewerThanTwoSamplesHaveNoVariance() {
    XCTAssertTrue(MonteCarloEstimate().variance.isNaN)
    XCTAssertTrue(MonteCarloEstimate([3]).standardError.isNaN)
    XCTAssertEqual(MonteCarloEstimate([3]).mean, 3)
  }

  func testPowerLawFitRecoversExponent() {
    let n: [Double] = [10, 100, 1000, 10000]
    let fit = fitPowerLaw(x: n, y: n.map { 3 / $0.squareRoot() })
    XCTAssertEqual(fit.slope, -0.5, accuracy: 1e-12)
    XCTAssertEqual(fit.intercept, 0.47712125471966244, accuracy: 1e-12)  // log₁₀ 3
  }
}
