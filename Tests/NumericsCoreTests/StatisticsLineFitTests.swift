import NumericsCore
import XCTest

/// Least-squares lines on data whose answer is known exactly.
final class StatisticsLineFitTests: XCTestCase {
  func testExactLine() {
    let x: [Double] = [0.5, 1, 2, 4, 8]
    let fit = fitLine(x: x, y: x.map { 3 * $0 - 2 })
    XCTAssertEqual(fit.slope, 3, accuracy: 1e-13)
    XCTAssertEqual(fit.intercept, -2, accuracy: 1e-13)
  }

  func testPowerLawOnLogLogAxes() {
    // y = 5 · N^(−1/2): a Monte Carlo error; on log-log axes the slope is −1/2.
    let n: [Double] = [10, 100, 1000, 10_000, 100_000]
    let fit = fitLine(x: n.map { log($0) }, y: n.map { log(5 / $0.squareRoot()) })
    XCTAssertEqual(fit.slope, -0.5, accuracy: 1e-13)
    XCTAssertEqual(fit.intercept, log(5), accuracy: 1e-12)
  }

  func testSymmetricResidualsAroundALine() {
    // Points 0, 2, 0, 2 at x = 0…3: by hand, x̄ = 1.5, ȳ = 1, dx = (−1.5, −0.5, 0.5, 1.5),
    // dy = (−1, 1, −1, 1), Σ dx·dy = 2, Σ dx² = 5: slope 0.4, intercept 1 − 0.4·1.5 = 0.4.
    let fit = fitLine(x: [0, 1, 2, 3], y: [0, 2, 0, 2])
    XCTAssertEqual(fit.slope, 0.4, accuracy: 1e-15)
    XCTAssertEqual(fit.intercept, 0.4, accuracy: 1e-15)
  }

  func testFarFromOrigin() {
    let x = (0..<10).map { 1e8 + Double($0) }
    let fit = fitLine(x: x, y: x.map { 0.5 * ($0 - 1e8) + 1 })
    XCTAssertEqual(fit.slope, 0.5, accuracy: 1e-9)
  }
}
