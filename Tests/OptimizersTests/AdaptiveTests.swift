import NumericsCore
import Optimizers
import TestSupport
import XCTest

// Hand-computed steps on f = Σ p², g = 2p, p0 = [1, −2]. Each coordinate is written out;
// the adaptive methods are not linear in p, so the second coordinate has its own numbers.

final class AdaGradTests: XCTestCase {
  func testTwoStepsByHand() {
    var adagrad = AdaGrad(learningRate: 0.1)
    let p = iterates(&adagrad, steps: 2)
    // x: g = 2, s = 4, x = 1 − 0.1·2/(2 + 1e-10); then g = 1.8, s = 4 + 3.24 = 7.24
    let x1 = 1 - 0.1 * 2 / (2 + 1e-10)
    let x2 = x1 - 0.1 * (2 * x1) / ((4 + (2 * x1) * (2 * x1)).squareRoot() + 1e-10)
    // y: g = −4, s = 16, y = −2 + 0.1·4/(4 + 1e-10); then g = 2·y1, s = 16 + g²
    let y1 = -2 + 0.1 * 4 / (4 + 1e-10)
    let y2 = y1 - 0.1 * (2 * y1) / ((16 + (2 * y1) * (2 * y1)).squareRoot() + 1e-10)
    assertEqual(p[0], [[x1, y1]], tolerance: 1e-15)
    assertEqual(p[1], [[x2, y2]], tolerance: 1e-15)
    // The first step moves every coordinate by lr, whatever its gradient: 0.9 and −1.9.
    assertEqual(p[0], [[0.9, -1.9]], tolerance: 1e-10)
    // Second step with concrete numbers: x2 = 0.9 − 0.1·1.8/√7.24.
    XCTAssertEqual(p[1][0, 0], 0.9 - 0.18 / 7.24.squareRoot(), accuracy: 1e-10)
  }

  func testPyTorchDefaults() {
    let adagrad = AdaGrad(learningRate: 0.01)
    XCTAssertEqual(adagrad.epsilon, 1e-10)
    XCTAssertEqual(adagrad.weightDecay, 0)
  }
}

final class RMSpropTests: XCTestCase {
  func testTwoStepsByHand() {
    var rmsprop = RMSprop(learningRate: 0.01)
    let p = iterates(&rmsprop, steps: 2)
    // x: g = 2, s = 0.01·4 = 0.04, x1 = 1 − 0.01·2/(0.2 + 1e-8) ≈ 0.9
    //    g = 1.8, s = 0.99·0.04 + 0.01·3.24 = 0.072, x2 = 0.9 − 0.01·1.8/√0.072
    // y: g = −4, s = 0.16, y1 = −2 + 0.01·4/(0.4 + 1e-8) ≈ −1.9
    //    g = −3.8, s = 0.99·0.16 + 0.01·14.44 = 0.3028, y2 = −1.9 + 0.01·3.8/√0.3028
    let x1 = 1 - 0.01 * 2 / (0.2 + 1e-8)
    let y1 = -2 + 0.01 * 4 / (0.4 + 1e-8)
    let sx = 0.99 * 0.04 + 0.01 * (2 * x1) * (2 * x1)
    let sy = 0.99 * 0.16 + 0.01 * (2 * y1) * (2 * y1)
    let x2 = x1 - 0.01 * (2 * x1) / (sx.squareRoot() + 1e-8)
    let y2 = y1 - 0.01 * (2 * y1) / (sy.squareRoot() + 1e-8)
    assertEqual(p[0], [[x1, y1]], tolerance: 1e-15)
    assertEqual(p[1], [[x2, y2]], tolerance: 1e-14)
    XCTAssertEqual(p[1][0, 0], 0.9 - 0.018 / 0.072.squareRoot(), accuracy: 1e-7)
    XCTAssertEqual(p[1][0, 1], -1.9 + 0.038 / 0.3028.squareRoot(), accuracy: 1e-7)
  }

  func testMomentumAccumulatesTheScaledGradient() {
    var rmsprop = RMSprop(learningRate: 0.01, momentum: 0.5)
    let p = iterates(&rmsprop, steps: 2)
    // t=1: u = 2/(0.2 + 1e-8) ≈ 10, b = u, x1 = 1 − 0.01·b
    let u1 = 2 / (0.2 + 1e-8)
    let x1 = 1 - 0.01 * u1
    // t=2: s = 0.99·0.04 + 0.01·(2·x1)², u = 2·x1/(√s + 1e-8), b = 0.5·u1 + u
    let s2 = 0.99 * 0.04 + 0.01 * (2 * x1) * (2 * x1)
    let b2 = 0.5 * u1 + 2 * x1 / (s2.squareRoot() + 1e-8)
    XCTAssertEqual(p[0][0, 0], x1, accuracy: 1e-15)
    XCTAssertEqual(p[1][0, 0], x1 - 0.01 * b2, accuracy: 1e-14)
  }

  func testCenteredDividesByTheStandardDeviation() {
    var rmsprop = RMSprop(learningRate: 0.01, centered: true)
    let p = iterates(&rmsprop, steps: 1)
    // s = 0.04, a = 0.01·2 = 0.02, √(s − a²) = √0.0396
    XCTAssertEqual(p[0][0, 0], 1 - 0.01 * 2 / (0.0396.squareRoot() + 1e-8), accuracy: 1e-15)
  }

  func testPyTorchDefaults() {
    let rmsprop = RMSprop(learningRate: 0.01)
    XCTAssertEqual(rmsprop.alpha, 0.99)
    XCTAssertEqual(rmsprop.epsilon, 1e-8)
    XCTAssertEqual(rmsprop.momentum, 0)
    XCTAssertFalse(rmsprop.centered)
    XCTAssertEqual(rmsprop.weightDecay, 0)
  }
}

final class AdaDeltaTests: XCTestCase {
  func testTwoStepsByHand() {
    var adadelta = AdaDelta()
    let p = iterates(&adadelta, steps: 2)
    // x, t=1: g = 2, s = 0.1·4 = 0.4, Δ = √(0 + 1e-6)/√(0.4 + 1e-6)·2, u = 0.1·Δ²
    let d1 = (1e-6).squareRoot() / (0.4 + 1e-6).squareRoot() * 2
    let u1 = 0.1 * d1 * d1
    let x1 = 1 - d1
    // x, t=2: g = 2·x1, s = 0.9·0.4 + 0.1·g², Δ = √(u1 + 1e-6)/√(s + 1e-6)·g
    let g2 = 2 * x1
    let s2 = 0.9 * 0.4 + 0.1 * g2 * g2
    let d2 = (u1 + 1e-6).squareRoot() / (s2 + 1e-6).squareRoot() * g2
    XCTAssertEqual(p[0][0, 0], x1, accuracy: 1e-15)
    XCTAssertEqual(p[1][0, 0], x1 - d2, accuracy: 1e-15)
    // Concretely, the first step is only about 0.00316: AdaDelta starts slowly.
    XCTAssertEqual(1 - p[0][0, 0], 0.0031622737, accuracy: 1e-9)
  }

  func testPyTorchDefaults() {
    let adadelta = AdaDelta()
    XCTAssertEqual(adadelta.learningRate, 1)
    XCTAssertEqual(adadelta.rho, 0.9)
    XCTAssertEqual(adadelta.epsilon, 1e-6)
    XCTAssertEqual(adadelta.weightDecay, 0)
  }
}
