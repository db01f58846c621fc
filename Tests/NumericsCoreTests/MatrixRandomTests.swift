import NumericsCore
import XCTest

/// Random matrices: shapes, ranges, moments, and reproducibility.
final class MatrixRandomTests: XCTestCase {
  func testUniformShapeAndRange() {
    var rng = Xoshiro256StarStar(seed: 1)
    let m = Matrix.uniform(rows: 40, columns: 50, in: -2, 3, using: &rng)
    XCTAssertEqual(m.shapeDescription, "40×50")
    XCTAssertTrue(m.elements.allSatisfy { $0 >= -2 && $0 < 3 })
    // Mean of U(−2, 3) is 0.5; SE = (5/√12)/√2000 ≈ 0.0323; bound 5 SE.
    XCTAssertEqual(m.mean(), 0.5, accuracy: 0.16)
  }

  func testUniformDrawsTheSameNumbersAsTheGenerator() {
    var a = Xoshiro256StarStar(seed: 4)
    var b = Xoshiro256StarStar(seed: 4)
    let m = Matrix.uniform(rows: 2, columns: 3, using: &a)
    XCTAssertEqual(m.elements, (0..<6).map { _ in b.nextUniform() })
  }

  func testNormalMoments() {
    var rng = Xoshiro256StarStar(seed: 2)
    let m = Matrix.normal(rows: 100, columns: 100, mean: -1, standardDeviation: 0.5, using: &rng)
    let mean = m.mean()
    let variance = (m - mean).map { $0 * $0 }.sum() / Double(m.count - 1)
    // 5 SE with n = 10⁴: SE(mean) = 0.5/100 = 0.005; SE(variance) = 0.25·√(2/n) ≈ 0.00354.
    XCTAssertEqual(mean, -1, accuracy: 0.025)
    XCTAssertEqual(variance, 0.25, accuracy: 0.0177)
  }

  func testSameSeedSameMatrix() {
    var a = Xoshiro256StarStar(seed: 99)
    var b = Xoshiro256StarStar(seed: 99)
    XCTAssertEqual(
      Matrix.normal(rows: 3, columns: 4, using: &a), Matrix.normal(rows: 3, columns: 4, using: &b))
  }
}
