import NumericsCore
import TestSupport
import XCTest

/// The gradient checker itself: it must accept right gradients and point at wrong ones.
final class GradientCheckTests: XCTestCase {
  let x: Matrix = [[0.3, -1.2, 0.7], [2.0, -0.4, 1.1]]

  func testSumOfSquaresPassesWithTwoX() {
    let result = checkGradient(of: { ($0 * $0).sum() }, at: x, analytic: 2 * x)
    XCTAssertTrue(result.passes(tolerance: 1e-7), "\(result)")
    assertGradient(of: { ($0 * $0).sum() }, at: x, equals: 2 * x)
  }

  func testSumOfSinesPassesWithCosines() {
    let result = checkGradient(
      of: { $0.map { sin($0) }.sum() }, at: x, analytic: x.map { cos($0) })
    XCTAssertTrue(result.passes(tolerance: 1e-7), "\(result)")
  }

  func testNumericalGradientOfAQuadraticIsNearlyExact() {
    // Central differences are exact for quadratics up to rounding: d/dx (x²) at 0.3 is 0.6.
    let g = numericalGradient(of: { ($0 * $0).sum() }, at: x)
    assertEqual(g, 2 * x, tolerance: 1e-9)
    XCTAssertEqual(
      checkGradient(of: { ($0 * $0).sum() }, at: x, analytic: 2 * x).numericalGradient, g)
  }

  func testPlantedErrorIsFoundAtItsIndex() {
    var wrong = 2 * x
    wrong[1, 2] += 0.5  // 2.2 becomes 2.7
    let result = checkGradient(of: { ($0 * $0).sum() }, at: x, analytic: wrong)
    XCTAssertEqual(result.worstIndex, MatrixIndex(row: 1, column: 2))
    XCTAssertFalse(result.passes(tolerance: 1e-4))
    XCTAssertEqual(result.analytic, 2.7, accuracy: 1e-12)
    XCTAssertEqual(result.numeric, 2.2, accuracy: 1e-8)
    // |2.7 − 2.2| / (2.7 + 2.2) = 0.5 / 4.9
    XCTAssertEqual(result.maxRelativeError, 0.5 / 4.9, accuracy: 1e-8)
    XCTAssertTrue(result.description.contains("[1, 2]"), result.description)
  }

  func testNaNGradientIsReportedNotHidden() {
    var wrong = 2 * x
    wrong[0, 1] = .nan
    let result = checkGradient(of: { ($0 * $0).sum() }, at: x, analytic: wrong)
    XCTAssertEqual(result.worstIndex, MatrixIndex(row: 0, column: 1))
    XCTAssertFalse(result.passes(tolerance: 1e-4))
  }

  func testRelativeError() {
    XCTAssertEqual(relativeError(1, 1), 0)
    XCTAssertEqual(relativeError(3, 1), 0.5)
    XCTAssertEqual(relativeError(0, 0), 0)
    // Both tiny: the denominator is floored at 1e-8.
    XCTAssertEqual(relativeError(1e-12, 0), 1e-4, accuracy: 1e-18)
  }
}
