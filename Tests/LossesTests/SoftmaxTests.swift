import Foundation
import Losses
import NumericsCore
import TestSupport
import XCTest

/// Softmax, log-softmax, log-sum-exp and sigmoid: values and overflow behaviour.
final class SoftmaxTests: XCTestCase {
  func testSoftmaxByHand() {
    let e = [1.0, 2, 3].map { Foundation.exp($0) }
    let total = e.reduce(0, +)
    assertEqual(
      softmax([[1, 2, 3], [0, 0, 0]]),
      Matrix([e.map { $0 / total }, [1.0 / 3, 1.0 / 3, 1.0 / 3]]), tolerance: 1e-15)
  }

  func testSoftmaxIgnoresAShiftOfTheLogits() {
    assertEqual(softmax([[501, 502, 503]]), softmax([[1, 2, 3]]), tolerance: 1e-15)
  }

  func testExtremeLogitsStayFinite() {
    let logits: Matrix = [[1000, -1000, 0]]
    assertEqual(softmax(logits), [[1, 0, 0]], tolerance: 0)
    assertEqual(logSoftmax(logits), [[0, -2000, -1000]], tolerance: 0)
    assertEqual(logSumExp(logits), [[1000]], tolerance: 0)
    assertEqual(logSumExp([[-1000, -1000]]), [[-1000 + Foundation.log(2)]], tolerance: 1e-12)
  }

  func testLogSumExpByHand() {
    let row = [0.5, -1, 2]
    let expected = Foundation.log(row.map { Foundation.exp($0) }.reduce(0, +))
    assertEqual(
      logSumExp(Matrix([row, [0, 0, 0]])), [[expected], [Foundation.log(3)]], tolerance: 1e-14)
    assertEqual(logSumExp([[0, 0]]), [[Foundation.log(2)]], tolerance: 1e-15)
  }

  func testTinyLossesKeepFullPrecision() {
    // log(1 + e^−50) = e^−50 − e^−100/2 + …; the textbook log(1 + x) rounds it to 0.
    let tiny = Foundation.exp(-50.0)
    XCTAssertEqual(logSumExp([[0, -50]])[0, 0], tiny, accuracy: tiny * 1e-14)
    XCTAssertEqual(
      softmaxCrossEntropy(logits: [[50, 0, -50]], labels: [0]).value,
      tiny + Foundation.exp(-100.0), accuracy: tiny * 1e-14)
    XCTAssertEqual(logSoftmax([[0, -50]])[0, 0], -tiny, accuracy: tiny * 1e-14)
  }

  func testLogSoftmaxIsLogOfSoftmax() {
    let logits: Matrix = [[0.3, -1.2, 2.0], [4, 4, -4]]
    assertEqual(logSoftmax(logits), softmax(logits).map { Foundation.log($0) }, tolerance: 1e-14)
  }

  func testSigmoid() {
    XCTAssertEqual(sigmoid(0), 0.5)
    XCTAssertEqual(sigmoid(1000), 1)
    XCTAssertEqual(sigmoid(-1000), 0)
    XCTAssertEqual(sigmoid(2), 1 / (1 + Foundation.exp(-2)), accuracy: 1e-16)
    for x in [-30.0, -3, -0.1, 0.7, 12] {
      XCTAssertEqual(sigmoid(-x), 1 - sigmoid(x), accuracy: 1e-15)
    }
    assertEqual(sigmoid([[0, 1000], [-1000, 0]]), [[0.5, 1], [0, 0.5]], tolerance: 0)
  }
}
