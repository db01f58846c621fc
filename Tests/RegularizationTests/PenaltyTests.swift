import NumericsCore
import Regularization
import TestSupport
import XCTest

final class PenaltyTests: XCTestCase {
  func testL2GradientIsLambdaTimesWeights() {
    let w: Matrix = [[1, -2], [0, 0.5]]
    assertEqual(l2PenaltyGradient(weights: w, strength: 0.1), [[0.1, -0.2], [0, 0.05]])
    XCTAssertEqual(l2Penalty(weights: w, strength: 0.1), 0.05 * (1 + 4 + 0.25), accuracy: 1e-15)
  }

  func testL1SubgradientIsLambdaTimesSignWithZeroAtZero() {
    let w: Matrix = [[3, -0.001], [0, -7]]
    assertEqual(l1Subgradient(weights: w, strength: 0.5), [[0.5, -0.5], [0, -0.5]], tolerance: 0)
    XCTAssertEqual(l1Penalty(weights: w, strength: 0.5), 0.5 * 10.001, accuracy: 1e-15)
  }

  /// The L2 gradient is the derivative of the penalty (finite differences).
  func testL2GradientMatchesFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 3)
    let w = Matrix.normal(rows: 4, columns: 3, using: &rng)
    assertGradient(
      of: { l2Penalty(weights: $0, strength: 0.3) }, at: w,
      equals: l2PenaltyGradient(weights: w, strength: 0.3))
  }

  func testSoftThresholdByHand() {
    let w: Matrix = [[0.5, -0.5, 0.05, -0.05, 0, 0.1]]
    assertEqual(softThreshold(w, threshold: 0.1), [[0.4, -0.4, 0, 0, 0, 0]], tolerance: 1e-15)
  }

  /// The proximal step never crosses zero: the sign is kept or becomes 0, and the size
  /// shrinks by exactly t (or to 0).
  func testSoftThresholdNeverCrossesZero() {
    var rng = Xoshiro256StarStar(seed: 4)
    let w = Matrix.normal(rows: 50, columns: 20, using: &rng)
    let out = softThreshold(w, threshold: 0.3)
    for (a, b) in zip(w.elements, out.elements) {
      XCTAssertGreaterThanOrEqual(a * b, 0, "\(a) → \(b) crossed zero")
      XCTAssertEqual(abs(b), max(abs(a) - 0.3, 0), accuracy: 1e-15)
    }
  }

  /// Columns are units: column 0 has norm 5 > 1 and is scaled to norm 1; column 1 has
  /// norm 0.5 and is left alone, although row 0 (norm √9.25) is longer than 1.
  func testMaxNormProjectsColumnsNotRows() {
    let w: Matrix = [[3, 0.5], [4, 0]]
    let projected = maxNormProjection(w, radius: 1)
    assertEqual(projected, [[0.6, 0.5], [0.8, 0]], tolerance: 1e-15)
    XCTAssertEqual(projected.columnNorms()[0, 0], 1, accuracy: 1e-15)
  }

  func testFractionOfExactZeros() {
    XCTAssertEqual(fractionOfExactZeros([[[0, 1], [2, 0]], [[0, 0]]]), 4.0 / 6.0)
  }
}
