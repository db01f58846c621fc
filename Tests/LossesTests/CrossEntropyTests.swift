import Foundation
import Losses
import NumericsCore
import TestSupport
import XCTest

/// Binary and softmax cross-entropy against textbook formulas written out in the test.
final class CrossEntropyTests: XCTestCase {
  /// The textbook softmax, fine for small logits: the independent reference.
  private func naiveSoftmax(_ s: [Double]) -> [Double] {
    let e = s.map { Foundation.exp($0) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
  }

  func testBinaryCrossEntropyByHand() {
    let s = [-20.0, 0, 3.5]
    let y = [0.0, 0.5, 1]
    // ℓ = −[y log σ + (1 − y) log(1 − σ)] with σ = 1/(1 + e^−s), written out.
    var expected = 0.0
    var gradient = [Double]()
    for (si, yi) in zip(s, y) {
      let sigma = 1 / (1 + Foundation.exp(-si))
      expected -= yi * Foundation.log(sigma) + (1 - yi) * Foundation.log(1 - sigma)
      gradient.append((sigma - yi) / 3)
    }
    let result = binaryCrossEntropy(logits: Matrix(row: s), targets: Matrix(row: y))
    XCTAssertEqual(result.value, expected / 3, accuracy: 1e-12)
    assertEqual(result.gradient, Matrix(row: gradient), tolerance: 1e-12)
    // The middle term is exactly log 2 (σ(0) = ½, target ½).
    let middle = binaryCrossEntropy(logits: [[0]], targets: [[0.5]])
    XCTAssertEqual(middle.value, Foundation.log(2), accuracy: 1e-15)
  }

  func testBinaryCrossEntropyIsExactAtExtremeLogits() {
    let result = binaryCrossEntropy(
      logits: [[1000, -1000, 1000, -1000]], targets: [[1, 0, 0, 1]], reduction: .sum)
    // Right and confident: 0. Wrong and confident: exactly |s| = 1000.
    XCTAssertEqual(result.value, 2000)
    assertEqual(result.gradient, [[0, 0, 1, -1]], tolerance: 0)
  }

  func testSoftmaxCrossEntropyByHand() {
    let s = [1.0, 2, 3]
    let p = naiveSoftmax(s)
    let result = softmaxCrossEntropy(logits: Matrix(row: s), labels: [2])
    XCTAssertEqual(result.value, -Foundation.log(p[2]), accuracy: 1e-14)
    // log(e^−2 + e^−1 + 1) is the same number written another way.
    XCTAssertEqual(
      result.value, Foundation.log(Foundation.exp(-2) + Foundation.exp(-1) + 1), accuracy: 1e-14)
    assertEqual(result.gradient, Matrix(row: [p[0], p[1], p[2] - 1]), tolerance: 1e-14)
  }

  func testSoftmaxCrossEntropyIsExactAtExtremeLogits() {
    let logits: Matrix = [[1000, -1000, 0]]
    let right = softmaxCrossEntropy(logits: logits, labels: [0])
    XCTAssertEqual(right.value, 0)
    assertEqual(right.gradient, [[0, 0, 0]], tolerance: 0)
    let wrong = softmaxCrossEntropy(logits: logits, labels: [1])
    XCTAssertEqual(wrong.value, 2000)
    assertEqual(wrong.gradient, [[1, -1, 0]], tolerance: 0)
    let third = softmaxCrossEntropy(logits: logits, labels: [2])
    XCTAssertEqual(third.value, 1000)
    // Negating the logits: now −1000 is the smallest and the losses move accordingly.
    let flipped = softmaxCrossEntropy(logits: [[-1000, 1000, 0]], labels: [0])
    XCTAssertEqual(flipped.value, 2000)
  }

  func testSoftTargetsWithOneHotRowsEqualLabels() {
    let logits: Matrix = [[0.3, -1.2, 2.0], [1000, -1000, 0]]
    let labels = softmaxCrossEntropy(logits: logits, labels: [1, 1])
    let oneHot = softmaxCrossEntropy(logits: logits, targets: [[0, 1, 0], [0, 1, 0]])
    XCTAssertEqual(oneHot.value, labels.value, accuracy: 1e-12)
    assertEqual(oneHot.gradient, labels.gradient, tolerance: 1e-15)
  }

  func testSoftTargetsByHand() {
    let s = [1.0, 2, 3]
    let t = [0.2, 0.3, 0.5]
    let p = naiveSoftmax(s)
    let expected = -zip(t, p).map { $0 * Foundation.log($1) }.reduce(0, +)
    let result = softmaxCrossEntropy(logits: Matrix(row: s), targets: Matrix(row: t))
    XCTAssertEqual(result.value, expected, accuracy: 1e-14)
    assertEqual(result.gradient, Matrix(row: zip(p, t).map { $0 - $1 }), tolerance: 1e-14)
  }

  func testCrossEntropyGradientsMatchFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 3)
    let logits = Matrix.normal(rows: 4, columns: 5, mean: 0, standardDeviation: 2, using: &rng)
    let labels = (0..<4).map { _ in rng.nextInt(below: 5) }
    let binaryTargets = Matrix.uniform(rows: 4, columns: 5, in: 0, 1, using: &rng)
    // Rows that do not sum to 1 exercise the Σt factor of the soft-target gradient.
    let softTargets = Matrix.uniform(rows: 4, columns: 5, in: 0, 1, using: &rng)
    for reduction in Reduction.allCases {
      assertGradient(
        of: { binaryCrossEntropy(logits: $0, targets: binaryTargets, reduction: reduction).value },
        at: logits,
        equals: binaryCrossEntropy(logits: logits, targets: binaryTargets, reduction: reduction)
          .gradient)
      assertGradient(
        of: { softmaxCrossEntropy(logits: $0, labels: labels, reduction: reduction).value },
        at: logits,
        equals: softmaxCrossEntropy(logits: logits, labels: labels, reduction: reduction)
          .gradient)
      assertGradient(
        of: { softmaxCrossEntropy(logits: $0, targets: softTargets, reduction: reduction).value },
        at: logits,
        equals: softmaxCrossEntropy(logits: logits, targets: softTargets, reduction: reduction)
          .gradient)
    }
  }
}
