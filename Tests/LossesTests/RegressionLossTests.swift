import Foundation
import Losses
import NumericsCore
import TestSupport
import XCTest

/// MSE, MAE and Huber against values worked out by hand.
final class RegressionLossTests: XCTestCase {
  // Residuals r = p − y = [−0.5, −0.2, 3].
  let predicted: Matrix = [[0.5, -1.2, 3]]
  let expected: Matrix = [[1, -1, 0]]

  func testMeanSquaredErrorByHand() {
    let result = meanSquaredError(predicted: predicted, expected: expected)
    XCTAssertEqual(result.value, (0.25 + 0.04 + 9) / 3, accuracy: 1e-14)
    assertEqual(result.gradient, [[2 * -0.5 / 3, 2 * -0.2 / 3, 2 * 3.0 / 3]], tolerance: 1e-14)
  }

  func testMeanAbsoluteErrorByHand() {
    let result = meanAbsoluteError(predicted: predicted, expected: expected)
    XCTAssertEqual(result.value, (0.5 + 0.2 + 3) / 3, accuracy: 1e-14)
    assertEqual(result.gradient, [[-1.0 / 3, -1.0 / 3, 1.0 / 3]], tolerance: 1e-15)
  }

  func testAbsoluteErrorGradientIsZeroAtZeroResidual() {
    let result = meanAbsoluteError(predicted: [[2, -1]], expected: [[2, 0]])
    XCTAssertEqual(result.value, 0.5)
    assertEqual(result.gradient, [[0, -0.5]], tolerance: 0)
  }

  func testHuberByHandForTwoDeltas() {
    // δ = 1: ½·0.25, ½·0.04, 1·(3 − ½).
    let one = huberLoss(predicted: predicted, expected: expected, delta: 1)
    XCTAssertEqual(one.value, (0.125 + 0.02 + 2.5) / 3, accuracy: 1e-14)
    assertEqual(one.gradient, [[-0.5 / 3, -0.2 / 3, 1.0 / 3]], tolerance: 1e-15)
    // δ = 0.3: 0.3·(0.5 − 0.15), ½·0.04, 0.3·(3 − 0.15).
    let small = huberLoss(predicted: predicted, expected: expected, delta: 0.3)
    XCTAssertEqual(small.value, (0.105 + 0.02 + 0.855) / 3, accuracy: 1e-14)
    assertEqual(small.gradient, [[-0.3 / 3, -0.2 / 3, 0.3 / 3]], tolerance: 1e-15)
  }

  func testHuberPiecesMeetAtDelta() {
    let delta = 1.5
    // Just inside and just outside |r| = δ, both sides agree with ½δ² and slope δ.
    for r in [delta - 1e-9, delta + 1e-9, -delta - 1e-9] {
      let result = huberLoss(predicted: [[r]], expected: [[0]], delta: delta)
      XCTAssertEqual(result.value, 0.5 * delta * delta, accuracy: 1e-8)
      XCTAssertEqual(abs(result.gradient[0, 0]), delta, accuracy: 1e-8)
    }
  }

  func testHuberBecomesHalfSquaredErrorForLargeDelta() {
    let huber = huberLoss(predicted: predicted, expected: expected, delta: 100)
    let mse = meanSquaredError(predicted: predicted, expected: expected)
    XCTAssertEqual(huber.value, mse.value / 2, accuracy: 1e-14)
    assertEqual(huber.gradient, mse.gradient / 2, tolerance: 1e-15)
  }

  func testRegressionGradientsMatchFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 7)
    let p = Matrix.normal(rows: 4, columns: 3, mean: 0, standardDeviation: 2, using: &rng)
    let y = Matrix.normal(rows: 4, columns: 3, mean: 0, standardDeviation: 2, using: &rng)
    for reduction in Reduction.allCases {
      assertGradient(
        of: { meanSquaredError(predicted: $0, expected: y, reduction: reduction).value }, at: p,
        equals: meanSquaredError(predicted: p, expected: y, reduction: reduction).gradient)
      // Random residuals are far (≫ h = 1e-5) from the kinks at 0 and ±δ.
      assertGradient(
        of: { meanAbsoluteError(predicted: $0, expected: y, reduction: reduction).value }, at: p,
        equals: meanAbsoluteError(predicted: p, expected: y, reduction: reduction).gradient)
      for delta in [0.5, 1.0, 2.0] {
        assertGradient(
          of: {
            huberLoss(predicted: $0, expected: y, delta: delta, reduction: reduction).value
          }, at: p,
          equals: huberLoss(predicted: p, expected: y, delta: delta, reduction: reduction)
            .gradient)
      }
    }
  }
}
