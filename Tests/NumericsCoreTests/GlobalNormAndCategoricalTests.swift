import NumericsCore
import XCTest

final class GlobalNormTests: XCTestCase {
  /// ‖([3, 4], [12])‖ = √(9 + 16 + 144) = 13.
  func testGlobalNormIsTheNormOfAllElementsTogether() {
    XCTAssertEqual(globalNorm([[[3, 4]], [[12]]]), 13)
    XCTAssertEqual(globalNorm([]), 0)
  }

  /// Clipping 13 to 6.5 scales every matrix by 6.5/(13 + 1e-6) (PyTorch's factor), so the
  /// direction is kept; the returned norm is the one before clipping.
  func testClippingScalesEveryMatrixByOneFactor() {
    var gradients: [Matrix] = [[[3, 4]], [[12]]]
    let norm = clipByGlobalNorm(&gradients, maxNorm: 6.5)
    XCTAssertEqual(norm, 13)
    let factor = 6.5 / (13 + 1e-6)
    XCTAssertEqual(gradients[0][0, 0], 3 * factor, accuracy: 1e-15)
    XCTAssertEqual(gradients[0][0, 1], 4 * factor, accuracy: 1e-15)
    XCTAssertEqual(gradients[1][0, 0], 12 * factor, accuracy: 1e-14)
    XCTAssertEqual(globalNorm(gradients), 6.5, accuracy: 1e-6)
  }

  func testGradientsBelowTheLimitAreUnchanged() {
    var gradients: [Matrix] = [[[3, 4]], [[12]]]
    XCTAssertEqual(clipByGlobalNorm(&gradients, maxNorm: 14), 13)
    XCTAssertEqual(gradients, [[[3, 4]], [[12]]])
  }
}

final class CategoricalSamplingTests: XCTestCase {
  /// 40,000 draws from weights (1, 2, 3, 4, 0) (unnormalised): Pearson's χ² over the four
  /// positive cells has 3 degrees of freedom, P(χ²₃ > 16.27) = 0.001; the zero-weight index
  /// is never drawn. Seeded, so the test is deterministic.
  func testFrequenciesFollowTheWeights() {
    var rng = Xoshiro256StarStar(seed: 11)
    let weights = [1.0, 2, 3, 4, 0]
    let draws = 40_000
    var counts = [Int](repeating: 0, count: weights.count)
    for _ in 0..<draws { counts[sampleCategorical(weights, using: &rng)] += 1 }
    XCTAssertEqual(counts[4], 0)
    let chiSquare = (0..<4).map { i -> Double in
      let expected = Double(draws) * weights[i] / 10
      return (Double(counts[i]) - expected) * (Double(counts[i]) - expected) / expected
    }.reduce(0, +)
    XCTAssertLessThan(chiSquare, 16.27, "counts \(counts)")
  }

  func testSameSeedSameDraws() {
    var a = Xoshiro256StarStar(seed: 3)
    var b = Xoshiro256StarStar(seed: 3)
    let weights = [0.2, 0.5, 0.3]
    XCTAssertEqual(
      (0..<50).map { _ in sampleCategorical(weights, using: &a) },
      (0..<50).map { _ in sampleCategorical(weights, using: &b) })
  }
}

final class SpacingTests: XCTestCase {
  func testLinearAndLogarithmicSpacingHitBothEnds() {
    XCTAssertEqual(linearlySpaced(from: -1, to: 1, count: 5), [-1, -0.5, 0, 0.5, 1])
    let logs = logarithmicallySpaced(from: 1, to: 1000, count: 4)
    for (got, expected) in zip(logs, [1.0, 10, 100, 1000]) {
      XCTAssertEqual(got, expected, accuracy: 1e-12 * expected)
    }
  }
}
