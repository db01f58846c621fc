import NumericsCore
import Optimizers
import TestSupport
import XCTest

// Hand-computed steps on f = Σ p², g = 2p, p0 = [1, −2], lr = 0.1.

final class AdamTests: XCTestCase {
  func testTwoStepsByHand() {
    var adam = Adam(learningRate: 0.1)
    let p = iterates(&adam, steps: 2)
    // x, t=1: g = 2, m = 0.1·2 = 0.2, v = 0.001·4 = 0.004
    //   m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4, x1 = 1 − 0.1·2/(2 + 1e-8) ≈ 0.9
    let x1 = 1 - 0.1 * 2 / (2 + 1e-8)
    // x, t=2: g = 2·x1 ≈ 1.8, m = 0.9·0.2 + 0.1·g ≈ 0.36, v = 0.999·0.004 + 0.001·g²
    //   m̂ = m/(1 − 0.81), v̂ = v/(1 − 0.998001)
    let g2 = 2 * x1
    let m2 = 0.9 * 0.2 + 0.1 * g2
    let v2 = 0.999 * 0.004 + 0.001 * g2 * g2
    let x2 = x1 - 0.1 * (m2 / 0.19) / ((v2 / 0.001999).squareRoot() + 1e-8)
    XCTAssertEqual(p[0][0, 0], x1, accuracy: 1e-15)
    XCTAssertEqual(p[1][0, 0], x2, accuracy: 1e-12)
    // With rounded numbers: m̂ = 0.36/0.19 = 1.894737, v̂ = 0.007236/0.001999 = 3.619810.
    XCTAssertEqual(p[1][0, 0], 0.9 - 0.1 * 1.894737 / 3.619810.squareRoot(), accuracy: 1e-6)
    // The bias-corrected first step moves each coordinate by lr: y goes −2 → −1.9.
    XCTAssertEqual(p[0][0, 1], -1.9, accuracy: 1e-8)
  }

  func testWeightDecayIsAnL2TermInsideTheGradient() {
    var adam = Adam(learningRate: 0.1, weightDecay: 0.5)
    let p = iterates(&adam, steps: 2)
    // t=1: g = 2·1 + 0.5·1 = 2.5; m̂/√v̂ = 2.5/2.5 ⇒ x1 ≈ 1 − 0.1 = 0.9 (decay invisible)
    let x1 = 1 - 0.1 * 2.5 / (2.5 + 1e-8)
    // t=2: g = 2.5·x1, m = 0.9·0.25 + 0.1·g, v = 0.999·0.00625 + 0.001·g²
    let g2 = 2.5 * x1
    let m2 = 0.9 * 0.25 + 0.1 * g2
    let v2 = 0.999 * 0.00625 + 0.001 * g2 * g2
    let x2 = x1 - 0.1 * (m2 / 0.19) / ((v2 / 0.001999).squareRoot() + 1e-8)
    XCTAssertEqual(p[0][0, 0], x1, accuracy: 1e-15)
    XCTAssertEqual(p[1][0, 0], x2, accuracy: 1e-12)
  }

  func testAdamWShrinksTheParameterBeforeTheAdamStep() {
    var adamw = AdamW(learningRate: 0.1, weightDecay: 0.5)
    let p = iterates(&adamw, steps: 2)
    // t=1: x ← 1·(1 − 0.1·0.5) = 0.95, raw g = 2, Adam step ≈ 0.1 ⇒ x1 ≈ 0.85
    let x1 = 0.95 - 0.1 * 2 / (2 + 1e-8)
    // t=2: x ← x1·0.95, raw g = 2·x1, m = 0.9·0.2 + 0.1·g, v = 0.999·0.004 + 0.001·g²
    let g2 = 2 * x1
    let m2 = 0.9 * 0.2 + 0.1 * g2
    let v2 = 0.999 * 0.004 + 0.001 * g2 * g2
    let x2 = x1 * 0.95 - 0.1 * (m2 / 0.19) / ((v2 / 0.001999).squareRoot() + 1e-8)
    XCTAssertEqual(p[0][0, 0], x1, accuracy: 1e-15)
    XCTAssertEqual(p[1][0, 0], x2, accuracy: 1e-12)
  }

  func testAdamWithL2DiffersFromAdamW() {
    var adam = Adam(learningRate: 0.1, weightDecay: 0.5)
    var adamw = AdamW(learningRate: 0.1, weightDecay: 0.5)
    let a = iterates(&adam, steps: 1)[0][0, 0]
    let w = iterates(&adamw, steps: 1)[0][0, 0]
    // Adam normalises the decayed gradient away (0.9); AdamW decays on top (0.85).
    XCTAssertEqual(a, 0.9, accuracy: 1e-8)
    XCTAssertEqual(w, 0.85, accuracy: 1e-8)
  }

  func testAdamWWithoutDecayIsAdam() {
    var adam = Adam(learningRate: 0.05)
    var adamw = AdamW(learningRate: 0.05, weightDecay: 0)
    let a = iterates(&adam, steps: 5)
    let w = iterates(&adamw, steps: 5)
    for k in 0..<5 { assertEqual(a[k], w[k], tolerance: 0) }
  }

  func testPyTorchDefaults() {
    let adam = Adam(learningRate: 1e-3)
    XCTAssertEqual(adam.beta1, 0.9)
    XCTAssertEqual(adam.beta2, 0.999)
    XCTAssertEqual(adam.epsilon, 1e-8)
    XCTAssertEqual(adam.weightDecay, 0)
    let adamw = AdamW(learningRate: 1e-3)
    XCTAssertEqual(adamw.beta1, 0.9)
    XCTAssertEqual(adamw.beta2, 0.999)
    XCTAssertEqual(adamw.epsilon, 1e-8)
    XCTAssertEqual(adamw.weightDecay, 0.01)
  }
}
