import Losses
import NumericsCore
import TestSupport
import XCTest

/// Binary and multi-class hinge losses against hand-worked values.
final class HingeLossTests: XCTestCase {
  func testBinaryHingeByHand() {
    // Margins y·s = 2, 0.5, −1, −1.5 ⇒ losses 0, 0.5, 2, 2.5.
    let result = hingeLoss(scores: [[2, 0.5, -1, 1.5]], labels: [[1, 1, 1, -1]])
    XCTAssertEqual(result.value, 5.0 / 4, accuracy: 1e-15)
    assertEqual(result.gradient, [[0, -0.25, -0.25, 0.25]], tolerance: 0)
  }

  func testBinaryHingeGradientIsZeroAtTheKink() {
    let result = hingeLoss(scores: [[1, -1]], labels: [[1, -1]])
    XCTAssertEqual(result.value, 0)
    assertEqual(result.gradient, [[0, 0]], tolerance: 0)
  }

  func testMultiClassHingeMatchesCS231nDividedByC() {
    // CS231n's three examples (classes cat, car, frog): their SVM losses are 2.9, 0, 12.9.
    let scores: Matrix = [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]
    let labels = [0, 1, 2]
    let cs231nLosses = [
      max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1),
      max(0, 1.3 - 4.9 + 1) + max(0, 2.0 - 4.9 + 1),
      max(0, 2.2 + 3.1 + 1) + max(0, 2.5 + 3.1 + 1),
    ]
    XCTAssertEqual(cs231nLosses[0], 2.9, accuracy: 1e-12)
    XCTAssertEqual(cs231nLosses[2], 12.9, accuracy: 1e-12)
    let result = multiClassHingeLoss(scores: scores, labels: labels)
    // PyTorch's multi_margin_loss divides each row by C = 3, then averages the 3 rows.
    XCTAssertEqual(result.value, (2.9 + 0 + 12.9) / 3 / 3, accuracy: 1e-12)
    let g = 1.0 / 9  // (1/C)·(1/B)
    let expected: Matrix = [[-g, g, 0], [0, 0, 0], [g, g, -2 * g]]
    assertEqual(result.gradient, expected, tolerance: 1e-15)
  }

  func testMultiClassHingeMargin() {
    // Margin 2: row [1, 0] with label 0 has the term max(0, 2 − 1 + 0) = 1, over C = 2.
    let result = multiClassHingeLoss(scores: [[1, 0]], labels: [0], margin: 2)
    XCTAssertEqual(result.value, 0.5, accuracy: 1e-15)
    assertEqual(result.gradient, [[-0.5, 0.5]], tolerance: 0)
  }

  func testMultiClassHingeGradientIsZeroAtTheKink() {
    // s_correct − s_j = margin exactly: the term is 0 and contributes no gradient.
    let result = multiClassHingeLoss(scores: [[3, 2, -5]], labels: [0])
    XCTAssertEqual(result.value, 0)
    assertEqual(result.gradient, [[0, 0, 0]], tolerance: 0)
  }

  func testHingeGradientsMatchFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 11)
    let scores = Matrix.normal(rows: 5, columns: 4, mean: 0, standardDeviation: 1.5, using: &rng)
    let signs = Matrix(
      rows: 5, columns: 4, elements: (0..<20).map { _ in rng.nextUniform() < 0.5 ? -1 : 1 })
    let labels = (0..<5).map { _ in rng.nextInt(below: 4) }
    for reduction in Reduction.allCases {
      assertGradient(
        of: { hingeLoss(scores: $0, labels: signs, reduction: reduction).value }, at: scores,
        equals: hingeLoss(scores: scores, labels: signs, reduction: reduction).gradient)
      assertGradient(
        of: { multiClassHingeLoss(scores: $0, labels: labels, reduction: reduction).value },
        at: scores,
        equals: multiClassHingeLoss(scores: scores, labels: labels, reduction: reduction)
          .gradient)
    }
  }
}
