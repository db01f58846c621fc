import Layers
import NumericsCore
import Optimizers
import TestSupport
import XCTest

final class TrainingTests: XCTestCase {
  /// Two interleaved spirals (1.25 turns, 150 points each) are not linearly separable; a
  /// seeded 2-32-32-2 ReLU MLP with Adam (lr 0.01) must fit them to at least 95% training
  /// accuracy in 30 epochs (it reaches about 97% after 10 and 99% after 30 with this
  /// seed).
  func testSeededTrainingSeparatesTwoSpirals() throws {
    var rng = Xoshiro256StarStar(seed: 2024)
    let (x, y) = spirals(pointsPerClass: 150, turns: 1.25, noise: 0.02, using: &rng)
    var network = Sequential.multilayerPerceptron(
      sizes: [2, 32, 32, 2], activation: .relu, using: &rng)
    var adam = Adam(learningRate: 0.01)
    let reports = try trainClassifier(
      &network, features: x, labels: y, classCount: 2, epochs: 30, batchSize: 32,
      optimizer: &adam, using: &rng)
    XCTAssertEqual(reports.count, 30)
    let final = try XCTUnwrap(reports.last)
    XCTAssertGreaterThanOrEqual(final.training.accuracy, 0.95)
    XCTAssertLessThan(final.training.loss, reports[0].training.loss)
    XCTAssertEqual(network.trainingSteps, 30 * 10)  // ⌈300 / 32⌉ = 10 batches per epoch
  }

  /// Evaluating validation and test sets draws no random numbers, so the trained weights
  /// are bit-identical with and without them; the reports carry both evaluations.
  func testValidationAndTestSetsLeaveTrainingUnchanged() throws {
    let features: Matrix = [[1, 0], [0, 1], [1, 1], [0, 0], [2, 1]]
    let labels = [0, 1, 1, 0, 1]
    func trained(evaluating: Bool) throws -> (Sequential, [EpochReport]) {
      var rng = Xoshiro256StarStar(seed: 8)
      var network = Sequential([Dense(inputSize: 2, outputSize: 2, using: &rng)])
      var sgd = SGD(learningRate: 0.1)
      let held = (features: Matrix([[1, 2], [2, 0]]), labels: [1, 0])
      let reports = try trainClassifier(
        &network, features: features, labels: labels, classCount: 2,
        validation: evaluating ? held : nil, test: evaluating ? held : nil, epochs: 2,
        batchSize: 2, optimizer: &sgd, using: &rng)
      return (network, reports)
    }
    let (plain, plainReports) = try trained(evaluating: false)
    let (evaluated, reports) = try trained(evaluating: true)
    XCTAssertEqual(plain.parameters, evaluated.parameters)
    XCTAssertEqual(reports.map(\.epoch), [1, 2])
    XCTAssertNil(plainReports[0].validation)
    XCTAssertEqual(reports[1].validation?.predictions.count, 2)
    XCTAssertEqual(reports[1].test?.accuracy, reports[1].validation?.accuracy)
    XCTAssertEqual(evaluated.trainingSteps, 6)  // ⌈5 / 2⌉ = 3 batches per epoch
  }

  /// The mean loss from `evaluateClassifier` against a direct computation by hand.
  func testEvaluationLossAndAccuracy() {
    // A single Dense layer with identity weights passes the inputs through as logits.
    let network = Sequential([Dense(weights: [[1, 0], [0, 1]], bias: [[0, 0]])])
    let x: Matrix = [[2, 0], [0, 1], [3, 3]]
    let labels = [0, 0, 1]
    let evaluation = evaluateClassifier(
      network, features: x, labels: labels, classCount: 2, batchSize: 2)
    // ℓ = log(e^a + e^b) − s_y: log(1 + e^−2), log(1 + e), log 2.
    let expected = (log(1 + exp(-2.0)) + log(1 + exp(1.0)) + log(2.0)) / 3
    XCTAssertEqual(evaluation.loss, expected, accuracy: 1e-14)
    XCTAssertEqual(evaluation.predictions, [0, 1, 0])  // a tie goes to the first class
    XCTAssertEqual(evaluation.accuracy, 1.0 / 3, accuracy: 1e-15)
    XCTAssertEqual(evaluation.confusion.counts, [[1, 1], [1, 0]])
  }

  func testConfusionMatrix() {
    let m = ConfusionMatrix(
      labels: [0, 0, 0, 1, 1, 2], predictions: [0, 0, 1, 1, 2, 2], classCount: 3)
    XCTAssertEqual(m.counts, [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
    XCTAssertEqual(m.total, 6)
    XCTAssertEqual(m.correct, 4)
    XCTAssertEqual(m.accuracy, 4.0 / 6, accuracy: 1e-15)
    XCTAssertEqual(m.perClassAccuracy, [2.0 / 3, 0.5, 1])
    XCTAssertEqual(m.rowNormalized[1], [0, 0.5, 0.5])
  }

  /// 400 × 500 = 200,000 draws: the sample variance is within 2% of the target (its
  /// relative standard error is √(2/200000) ≈ 0.3%).
  func testInitializerVariances() {
    var rng = Xoshiro256StarStar(seed: 9)
    let he = Initializer.heNormal.weights(fanIn: 400, fanOut: 500, using: &rng)
    XCTAssertEqual(variance(he), 2.0 / 400, accuracy: 0.02 * 2.0 / 400)
    let glorot = Initializer.glorotUniform.weights(fanIn: 400, fanOut: 500, using: &rng)
    let a = (6.0 / 900).squareRoot()
    XCTAssertTrue(glorot.elements.allSatisfy { abs($0) <= a })
    XCTAssertEqual(variance(glorot), 2.0 / 900, accuracy: 0.02 * 2.0 / 900)
  }

  private func variance(_ m: Matrix) -> Double {
    let mean = m.mean()
    return m.elements.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(m.count - 1)
  }

  /// Two spirals, written here so that the Layers tests do not depend on Datasets.
  private func spirals(
    pointsPerClass n: Int, turns: Double, noise: Double, using rng: inout Xoshiro256StarStar
  ) -> (Matrix, [Int]) {
    var points = [Double]()
    var labels = [Int]()
    for k in 0..<2 {
      for i in 0..<n {
        let t = Double(i) / Double(n)
        let theta = 2 * Double.pi * turns * t + Double.pi * Double(k)
        points += [
          t * cos(theta) + noise * rng.nextNormal(), t * sin(theta) + noise * rng.nextNormal(),
        ]
        labels.append(k)
      }
    }
    return (Matrix(rows: 2 * n, columns: 2, elements: points), labels)
  }
}

final class RegressionTrainingTests: XCTestCase {
  /// y = 2x − 1 without noise is exactly representable by one Dense layer, so the training
  /// MSE must fall below 1e-4 (from about 1 at the start) and the weights approach (2, −1).
  func testLinearRegressionRecoversTheLine() throws {
    var rng = Xoshiro256StarStar(seed: 12)
    let x = Matrix.uniform(rows: 64, columns: 1, in: -1, 1, using: &rng)
    let y = x.map { 2 * $0 - 1 }
    var network = Sequential([
      Dense(inputSize: 1, outputSize: 1, initializer: .glorotUniform, using: &rng)
    ])
    var adam = Adam(learningRate: 0.05)
    let history = try trainRegressor(
      &network, inputs: x, targets: y, epochs: 100, batchSize: 16, optimizer: &adam, using: &rng)
    XCTAssertEqual(history.count, 100)
    XCTAssertLessThan(try XCTUnwrap(history.last), 1e-4)
    let dense = try XCTUnwrap(network.layers[0] as? Dense)
    XCTAssertEqual(dense.weights[0, 0], 2, accuracy: 0.02)
    XCTAssertEqual(dense.bias[0, 0], -1, accuracy: 0.02)
  }
}
