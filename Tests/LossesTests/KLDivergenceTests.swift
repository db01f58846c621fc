import Foundation
import Losses
import NumericsCore
import TestSupport
import XCTest

/// KL(p ‖ q) against hand-worked values; the gradient is with respect to q.
final class KLDivergenceTests: XCTestCase {
  func testKLByHand() {
    let result = klDivergence(p: [[0.2, 0.3, 0.5]], q: [[0.1, 0.6, 0.3]])
    // 0.2 log 2 + 0.3 log ½ + 0.5 log(5/3) = −0.1 log 2 + 0.5 log(5/3)
    let expected = -0.1 * Foundation.log(2) + 0.5 * Foundation.log(5.0 / 3)
    XCTAssertEqual(result.value, expected, accuracy: 1e-15)
    XCTAssertEqual(result.value, 0.18609, accuracy: 1e-5)
    assertEqual(result.gradient, [[-2, -0.5, -5.0 / 3]], tolerance: 1e-15)
  }

  func testKLIsZeroForEqualDistributionsAndBatchMeanOverRows() {
    let same = klDivergence(p: [[0.25, 0.75]], q: [[0.25, 0.75]])
    XCTAssertEqual(same.value, 0, accuracy: 1e-16)
    // Two rows: KL = log 2 (first) and 0 (second); the batch mean is ½ log 2.
    let batch = klDivergence(p: [[0, 1], [0.5, 0.5]], q: [[0.5, 0.5], [0.5, 0.5]])
    XCTAssertEqual(batch.value, Foundation.log(2) / 2, accuracy: 1e-15)
    assertEqual(batch.gradient, [[0, -1], [-0.5, -0.5]], tolerance: 1e-15)
  }

  func testZeroTimesLogZeroIsZero() {
    let result = klDivergence(p: [[0, 1]], q: [[0, 1]])
    XCTAssertEqual(result.value, 0)
    assertEqual(result.gradient, [[0, -1]], tolerance: 0)
  }

  func testKLIsNotSymmetric() {
    let p: Matrix = [[0.2, 0.3, 0.5]]
    let q: Matrix = [[0.1, 0.6, 0.3]]
    let reverse = 0.1 * Foundation.log(0.5) + 0.6 * Foundation.log(2) + 0.3 * Foundation.log(0.6)
    XCTAssertEqual(klDivergence(p: q, q: p).value, reverse, accuracy: 1e-15)
    XCTAssertNotEqual(klDivergence(p: p, q: q).value, reverse, accuracy: 1e-3)
  }

  func testKLGradientMatchesFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 5)
    let p = Matrix.uniform(rows: 3, columns: 4, in: 0.05, 1, using: &rng)
    let q = Matrix.uniform(rows: 3, columns: 4, in: 0.1, 1, using: &rng)
    for reduction in Reduction.allCases {
      assertGradient(
        of: { klDivergence(p: p, q: $0, reduction: reduction).value }, at: q,
        equals: klDivergence(p: p, q: q, reduction: reduction).gradient)
    }
  }
}
