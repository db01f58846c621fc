import Losses
import NumericsCore
import TestSupport
import XCTest

/// For every loss, `.sum` is N times `.mean`, value and gradient alike (N = elements for
/// element-wise losses, rows for per-sample losses).
final class ReductionTests: XCTestCase {
  private func assertSumIsNTimesMean(
    _ n: Int, _ loss: (Reduction) -> LossResult, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let mean = loss(.mean)
    let sum = loss(.sum)
    XCTAssertEqual(
      sum.value, Double(n) * mean.value, accuracy: 1e-12 * max(1, abs(sum.value)), file: file,
      line: line)
    assertEqual(sum.gradient, Double(n) * mean.gradient, tolerance: 1e-12, file: file, line: line)
  }

  func testSumIsNTimesMeanForEveryLoss() {
    var rng = Xoshiro256StarStar(seed: 19)
    let a = Matrix.normal(rows: 3, columns: 4, mean: 0, standardDeviation: 2, using: &rng)
    let b = Matrix.normal(rows: 3, columns: 4, mean: 0, standardDeviation: 2, using: &rng)
    let unit = Matrix.uniform(rows: 3, columns: 4, in: 0, 1, using: &rng)
    let signs = b.map { $0 < 0 ? -1 : 1 }
    let labels = [0, 3, 2]
    let rowsOfP = softmax(b)
    let rowsOfQ = softmax(a)
    assertSumIsNTimesMean(12) { meanSquaredError(predicted: a, expected: b, reduction: $0) }
    assertSumIsNTimesMean(12) { meanAbsoluteError(predicted: a, expected: b, reduction: $0) }
    assertSumIsNTimesMean(12) { huberLoss(predicted: a, expected: b, reduction: $0) }
    assertSumIsNTimesMean(12) { hingeLoss(scores: a, labels: signs, reduction: $0) }
    assertSumIsNTimesMean(12) { binaryCrossEntropy(logits: a, targets: unit, reduction: $0) }
    assertSumIsNTimesMean(3) { multiClassHingeLoss(scores: a, labels: labels, reduction: $0) }
    assertSumIsNTimesMean(3) { softmaxCrossEntropy(logits: a, labels: labels, reduction: $0) }
    assertSumIsNTimesMean(3) { softmaxCrossEntropy(logits: a, targets: unit, reduction: $0) }
    assertSumIsNTimesMean(3) { klDivergence(p: rowsOfP, q: rowsOfQ, reduction: $0) }
  }

  func testMeanOfAHandWorkedBatch() {
    // Two rows; the sum of squares is 1 + 4 + 9 + 16 = 30 over N = 4 elements.
    let result = meanSquaredError(predicted: [[1, 2], [3, 4]], expected: [[0, 0], [0, 0]])
    XCTAssertEqual(result.value, 7.5)
    let total = meanSquaredError(
      predicted: [[1, 2], [3, 4]], expected: [[0, 0], [0, 0]], reduction: .sum)
    XCTAssertEqual(total.value, 30)
    assertEqual(total.gradient, [[2, 4], [6, 8]], tolerance: 0)
  }
}
