import NumericsCore
import Optimizers
import XCTest

final class TrajectoryTests: XCTestCase {
  func testTheStabilityLimitOfTheIllConditionedBowlIsTwoOverFour() {
    let hessian = TestFunction.illConditioned.hessian(0, 0)
    XCTAssertEqual(symmetricEigenvalues(hessian).largest, 4)
    XCTAssertEqual(gradientDescentStabilityLimit(hessian: hessian), 0.5)
  }

  func testGradientDescentDivergesExactlyBeyondTheLimit() {
    let function = TestFunction.illConditioned
    let start = function.defaultStart
    func finalValue(_ lr: Double) -> Double {
      var sgd = SGD(learningRate: lr)
      return function.descend(from: start, using: &sgd, steps: 60).finalValue
    }
    let initial = function.value(start.x, start.y)
    // Below the limit y shrinks by |1 − 4·lr| < 1; at it y flips sign at constant size
    // while x still shrinks; beyond it y grows by |1 − 4·lr| > 1 every step.
    XCTAssertLessThan(finalValue(0.45), initial)
    XCTAssertLessThan(finalValue(0.499), initial)
    XCTAssertLessThan(finalValue(0.5), initial)
    XCTAssertGreaterThan(finalValue(0.501), initial)
    XCTAssertGreaterThan(finalValue(0.55), 1e3 * initial)
    // At exactly 2/λ_max the y part is 2·y0² = 8 forever: y_k = (−1)^k·(−2).
    XCTAssertEqual(finalValue(0.5) - 0.1 * pow09(60) * 25, 8, accuracy: 1e-9)
  }

  /// (1 − 0.5·0.2)^(2k) = 0.9^(2k): the x part's factor on f at lr = 0.5.
  private func pow09(_ k: Int) -> Double {
    (0..<(2 * k)).reduce(1.0) { product, _ in product * 0.9 }
  }

  func testFirstStepOfSGDIsStartMinusLrTimesGradient() {
    let function = TestFunction.rosenbrock
    let start = function.defaultStart
    let path = function.descend(
      from: start, kind: .sgd, hyperparameters: Hyperparameters(learningRate: 1e-3), steps: 2)
    // ∇f(−1.5, 2): r = 2 − 2.25 = −0.25; ∂x = −2·2.5 − 400·(−1.5)·(−0.25) = −155; ∂y = −50.
    XCTAssertEqual(path.points[0], start)
    XCTAssertEqual(path.points[1].x, -1.5 + 1e-3 * 155, accuracy: 1e-15)
    XCTAssertEqual(path.points[1].y, 2 + 1e-3 * 50, accuracy: 1e-15)
    XCTAssertEqual(path.points.count, 3)
    XCTAssertEqual(path.values.count, 3)
    XCTAssertNil(path.divergedAt)
  }

  func testDivergenceStopsThePathAtTheFirstNonFiniteStep() {
    let path = TestFunction.rosenbrock.descend(
      from: TestFunction.rosenbrock.defaultStart, kind: .sgd,
      hyperparameters: Hyperparameters(learningRate: 0.1), steps: 100)
    let k = try? XCTUnwrap(path.divergedAt)
    XCTAssertNotNil(k)
    XCTAssertLessThan(k ?? 100, 20)
    XCTAssertEqual(path.points.count, k ?? 0)  // start + the k − 1 finite steps
    XCTAssertTrue(path.points.allSatisfy(\.isFinite))
    XCTAssertTrue(path.values.allSatisfy(\.isFinite))
  }

  func testEveryOptimizerFindsTheBowlsMinimum() {
    let rates: [OptimizerKind: Double] = [
      .sgd: 0.4, .momentum: 0.1, .nesterov: 0.1, .adagrad: 1, .rmsprop: 0.05, .adam: 0.3,
      .adamw: 0.3, .adadelta: 1,
    ]
    for kind in OptimizerKind.allCases {
      let steps = kind == .adadelta ? 3000 : 300
      let path = TestFunction.illConditioned.descend(
        from: TestFunction.illConditioned.defaultStart, kind: kind,
        hyperparameters: Hyperparameters(learningRate: rates[kind] ?? 0.1), steps: steps)
      XCTAssertLessThan(path.finalValue, 1e-2, "\(kind) ended at \(path.end)")
    }
  }
}

final class StabilityTests: XCTestCase {
  func testMeasuredLimitOfGradientDescentIsTwoOverLambdaMax() {
    let function = TestFunction.illConditioned
    let measured = measuredStabilityLimit(
      on: function, from: function.defaultStart, steps: 300, bracket: 0.1...1,
      tolerance: 1e-5
    ) { SGD(learningRate: $0) }
    // 2/λ_max = 2/4: the measured edge sits just above it (growth must show in 300 steps).
    XCTAssertEqual(measured, 0.5, accuracy: 2e-3)
    XCTAssertGreaterThanOrEqual(measured, 0.5 - 1e-5)
  }

  func testMeasuredLimitOfHeavyBallIsTwoOnePlusMuOverLambdaMax() {
    let function = TestFunction.illConditioned
    let measured = measuredStabilityLimit(
      on: function, from: function.defaultStart, steps: 600, bracket: 0.1...1.5,
      tolerance: 1e-5
    ) { SGD(learningRate: $0, momentum: 0.9) }
    // 2(1 + 0.9)/4 = 0.95.
    XCTAssertEqual(measured, 0.95, accuracy: 5e-3)
  }
}
