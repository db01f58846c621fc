import NumericsCore
import XCTest

/// Φ⁻¹ against published table values (to 16 digits) and its defining properties.
final class StatisticsNormalQuantileTests: XCTestCase {
  func testPublishedValues() {
    // Standard normal critical values, e.g. Abramowitz & Stegun table 26.5 extended.
    let table: [(p: Double, z: Double)] = [
      (0.5, 0),
      (0.8413447460685429, 1),  // Φ(1)
      (0.9, 1.2815515655446004),
      (0.95, 1.6448536269514722),
      (0.975, 1.959963984540054),
      (0.995, 2.5758293035489004),
      (0.999, 3.090232306167813),
      (0.01, -2.3263478740408408),
    ]
    for (p, z) in table {
      XCTAssertEqual(normalQuantile(p), z, accuracy: 2e-15 * max(1, abs(z)), "p = \(p)")
    }
  }

  func testFarTails() {
    // Φ⁻¹(10⁻¹⁰) = −6.361340902404056 (tail region of the approximation).
    XCTAssertEqual(normalQuantile(1e-10), -6.361340902404056, accuracy: 1e-13)
    XCTAssertEqual(normalQuantile(1e-300), -37.0471, accuracy: 1e-4)
    XCTAssertEqual(normalQuantile(0), -.infinity)
    XCTAssertEqual(normalQuantile(1), .infinity)
  }

  func testSymmetryAndRoundTrip() {
    for p in stride(from: 0.001, to: 0.5, by: 0.0173) {
      XCTAssertEqual(normalQuantile(p), -normalQuantile(1 - p), accuracy: 1e-13, "p = \(p)")
    }
    // Only up to x = 1: above, p = Φ(x) is 1 − small and storing it as a Double already
    // moves x by ulp(p)/φ(x) (2·10⁻¹¹ at x = 4.75), whatever the inverse does. The upper
    // half is covered by the symmetry check.
    for x in stride(from: -8.0, through: 1, by: 0.25) {
      XCTAssertEqual(
        normalQuantile(normalCDF(x)), x, accuracy: 1e-13 * max(1, abs(x)), "x = \(x)")
    }
  }

  func testNormalCDF() {
    XCTAssertEqual(normalCDF(0), 0.5)
    XCTAssertEqual(normalCDF(1), 0.8413447460685429, accuracy: 1e-15)
    XCTAssertEqual(normalCDF(-1.959963984540054), 0.025, accuracy: 1e-16)
  }
}
