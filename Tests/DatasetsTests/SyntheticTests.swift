import Datasets
import NumericsCore
import XCTest

final class SyntheticTests: XCTestCase {
  func testSameSeedGivesTheSameSet() {
    var a = Xoshiro256StarStar(seed: 7)
    var b = Xoshiro256StarStar(seed: 7)
    XCTAssertEqual(
      Synthetic.twoSpirals(pointsPerClass: 50, using: &a),
      Synthetic.twoSpirals(pointsPerClass: 50, using: &b))
    XCTAssertEqual(
      Synthetic.moons(pointsPerClass: 50, using: &a), Synthetic.moons(pointsPerClass: 50, using: &b)
    )
  }

  /// Without noise, point i of either spiral lies at radius i/n, and the two spirals are
  /// point reflections of each other (θ differs by π).
  func testNoiselessSpiralsFollowTheirFormula() {
    var rng = Xoshiro256StarStar(seed: 1)
    let n = 40
    let set = Synthetic.twoSpirals(pointsPerClass: n, noise: 0, using: &rng)
    XCTAssertEqual(set.count, 2 * n)
    XCTAssertEqual(set.labels, Array(repeating: 0, count: n) + Array(repeating: 1, count: n))
    for i in 0..<n {
      let (x, y) = (set.features[i, 0], set.features[i, 1])
      XCTAssertEqual((x * x + y * y).squareRoot(), Double(i) / Double(n), accuracy: 1e-12)
      XCTAssertEqual(set.features[n + i, 0], -x, accuracy: 1e-12)
      XCTAssertEqual(set.features[n + i, 1], -y, accuracy: 1e-12)
    }
  }

  /// Without noise the upper moon lies on the unit circle around (0, 0) and the lower one
  /// on the unit circle around (1, ½).
  func testNoiselessMoonsLieOnTheirCircles() {
    var rng = Xoshiro256StarStar(seed: 1)
    let set = Synthetic.moons(pointsPerClass: 30, noise: 0, using: &rng)
    for i in 0..<set.count {
      let (x, y) = (set.features[i, 0], set.features[i, 1])
      let (cx, cy) = set.labels[i] == 0 ? (0.0, 0.0) : (1.0, 0.5)
      XCTAssertEqual((x - cx) * (x - cx) + (y - cy) * (y - cy), 1, accuracy: 1e-12)
      XCTAssertTrue(set.labels[i] == 0 ? y >= -1e-12 : y <= 0.5 + 1e-12)
    }
  }

  /// Sample means of 2,000 draws with σ = 1 have standard error 1/√2000 ≈ 0.022; a bound
  /// of 0.1 is 4.5 standard errors.
  func testBlobMeansAreNearTheirCenters() {
    var rng = Xoshiro256StarStar(seed: 3)
    let centers: [[Double]] = [[0, 0], [5, -2], [-3, 4]]
    let set = Synthetic.gaussianBlobs(
      centers: centers, pointsPerCenter: 2000, standardDeviation: 1, using: &rng)
    XCTAssertEqual(set.count, 6000)
    XCTAssertEqual(set.classCounts(), [2000, 2000, 2000])
    for (k, center) in centers.enumerated() {
      let rows = set.subset((0..<set.count).filter { set.labels[$0] == k }).features
      let means = rows.columnMeans()
      XCTAssertEqual(means[0, 0], center[0], accuracy: 0.1)
      XCTAssertEqual(means[0, 1], center[1], accuracy: 0.1)
    }
  }

  /// Residuals from the truth have the noise's standard deviation (0.2): with 4,000 samples
  /// the sample standard deviation is within 0.01 (about 4.5 standard errors, 0.2/√8000).
  func testNoisyFunctionIsSortedWithTheStatedNoise() {
    var rng = Xoshiro256StarStar(seed: 5)
    let truth: (Double) -> Double = { 2 * $0 - 1 }
    let set = Synthetic.noisyFunction(
      count: 4000, domain: -2...3, noise: 0.2, function: truth, using: &rng)
    let xs = set.inputs.column(0)
    XCTAssertEqual(xs, xs.sorted())
    XCTAssertTrue(xs.allSatisfy { $0 >= -2 && $0 <= 3 })
    let residuals = (0..<set.count).map { set.targets[$0, 0] - truth(xs[$0]) }
    let mean = residuals.reduce(0, +) / Double(residuals.count)
    let variance = residuals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(set.count - 1)
    XCTAssertEqual(variance.squareRoot(), 0.2, accuracy: 0.01)
    XCTAssertEqual(mean, 0, accuracy: 0.015)
  }
}
