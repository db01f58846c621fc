import Losses
import NumericsCore
import Production
import XCTest

final class CalibrationTests: XCTestCase {
  func testECEByHandWeightsBinsByCount() {
    // 4 predictions, 2 bins. Bin (0, 0.5]: none (confidence ≥ 0.5 always for 2 classes
    // except exactly 0.5). Confidences 0.6 (right), 0.6 (wrong), 0.9 (right), 0.9 (right).
    let p = Matrix([[0.6, 0.4], [0.4, 0.6], [0.9, 0.1], [0.1, 0.9]])
    let labels = [0, 0, 0, 1]
    // Bin (0.5, 1]: all four, mean confidence 0.75, accuracy 3/4 ⇒ |0.75 − 0.75| = 0.
    XCTAssertEqual(
      expectedCalibrationError(probabilities: p, labels: labels, binCount: 2), 0, accuracy: 1e-15)
    // 10 bins: (0.5,0.6] holds 0.6, 0.6 → acc 0.5, conf 0.6; (0.8,0.9] holds 0.9, 0.9 → acc 1, conf 0.9.
    // ECE = 2/4·0.1 + 2/4·0.1 = 0.1.
    XCTAssertEqual(
      expectedCalibrationError(probabilities: p, labels: labels, binCount: 10), 0.1, accuracy: 1e-12
    )
  }

  func testECEIsNotTheUnweightedMeanOverBins() {
    // 9 confident right predictions (0.95) and 1 unsure wrong one (0.55), 10 bins.
    var rows = Array(repeating: [0.95, 0.05], count: 9)
    rows.append([0.55, 0.45])
    let labels = Array(repeating: 0, count: 9) + [1]
    let ece = expectedCalibrationError(probabilities: Matrix(rows), labels: labels, binCount: 10)
    // Weighted: 0.9·|1 − 0.95| + 0.1·|0 − 0.55| = 0.045 + 0.055 = 0.1; per-bin mean: 0.3.
    XCTAssertEqual(ece, 0.1, accuracy: 1e-12)
  }

  func testTemperatureRecoversTheTemperatureThatGeneratedTheLabels() {
    // Labels drawn from softmax(z / 2.5): the NLL-optimal temperature is 2.5 up to sampling
    // noise. With 20,000 samples the estimate's SD is ≈ 0.03 here (measured over seeds);
    // the bound 0.15 is 5 SD.
    var rng = Xoshiro256StarStar(seed: 5)
    let n = 20_000, classes = 5, trueT = 2.5
    var logits = Matrix.zeros(rows: n, columns: classes)
    var labels = [Int]()
    for i in 0..<n {
      var row = [Double]()
      for j in 0..<classes { row.append(3 * rng.nextNormal()); logits[i, j] = row[j] }
      let p = row.map { exp($0 / trueT) }
      labels.append(sampleCategorical(p, using: &rng))
    }
    let t = fitTemperature(logits: logits, labels: labels)
    XCTAssertEqual(t, trueT, accuracy: 0.15)
    // It is the minimum: the NLL is higher a little to either side.
    let nll = { temperatureScaledNLL(logits: logits, labels: labels, temperature: $0) }
    XCTAssertLessThan(nll(t), nll(t * 1.01))
    XCTAssertLessThan(nll(t), nll(t / 1.01))
  }

  func testReliabilityBinsCountEveryPrediction() {
    var rng = Xoshiro256StarStar(seed: 9)
    let logits = Matrix((0..<500).map { _ in (0..<4).map { _ in rng.nextNormal() } })
    let bins = reliabilityBins(
      probabilities: softmax(logits), labels: Array(repeating: 0, count: 500))
    XCTAssertEqual(bins.reduce(0) { $0 + $1.count }, 500)
    XCTAssertEqual(bins.count, 15)
  }
}
