import NumericsCore
import Optimizers
import TestSupport
import XCTest

// Every expected value below is worked out by hand from the update rule, on the bowl
// f(p) = Σ p², whose gradient is g = 2p, starting at p0 = [1, −2] with lr = 0.1.
// The rules are linear in p here, so the second coordinate is always −2 × the first.

/// Runs `steps` updates of `optimizer` on f = Σ p² and returns every iterate after p0.
func iterates(
  _ optimizer: inout some Optimizer, from start: Matrix = [[1, -2]], steps: Int
) -> [Matrix] {
  var p = start
  var out: [Matrix] = []
  for _ in 0..<steps {
    optimizer.update(&p, along: 2 * p, slot: 0)
    out.append(p)
  }
  return out
}

final class SGDTests: XCTestCase {
  func testPlainGradientDescentShrinksByOneMinusTwoLr() {
    var sgd = SGD(learningRate: 0.1)
    let p = iterates(&sgd, steps: 3)
    // p ← p − 0.1·2p = 0.8p
    assertEqual(p[0], [[0.8, -1.6]])
    assertEqual(p[1], [[0.64, -1.28]], tolerance: 1e-15)
    assertEqual(p[2], [[0.512, -1.024]], tolerance: 1e-15)
    XCTAssertEqual(sgd.stepCount(slot: 0), 3)
  }

  func testMomentumFollowsTheHeavyBallRule() {
    var sgd = SGD(learningRate: 0.1, momentum: 0.9)
    let p = iterates(&sgd, steps: 3)
    // t=1: g = 2, b = g = 2, p = 1 − 0.1·2 = 0.8
    // t=2: g = 1.6, b = 0.9·2 + 1.6 = 3.4, p = 0.8 − 0.34 = 0.46
    // t=3: g = 0.92, b = 0.9·3.4 + 0.92 = 3.98, p = 0.46 − 0.398 = 0.062
    assertEqual(p[0], [[0.8, -1.6]], tolerance: 1e-15)
    assertEqual(p[1], [[0.46, -0.92]], tolerance: 1e-14)
    assertEqual(p[2], [[0.062, -0.124]], tolerance: 1e-14)
  }

  func testDampeningScalesNewGradientsButNotTheFirst() {
    var sgd = SGD(learningRate: 0.1, momentum: 0.9, dampening: 0.5)
    let p = iterates(&sgd, steps: 2)
    // t=1: b = g = 2 (no dampening on the first step), p = 0.8
    // t=2: g = 1.6, b = 0.9·2 + 0.5·1.6 = 2.6, p = 0.8 − 0.26 = 0.54
    assertEqual(p[0], [[0.8, -1.6]], tolerance: 1e-15)
    assertEqual(p[1], [[0.54, -1.08]], tolerance: 1e-14)
  }

  func testNesterovLooksOneMomentumStepAhead() {
    var nesterov = SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)
    let p = iterates(&nesterov, steps: 2)
    // t=1: g = 2, b = 2, p = 1 − 0.1·(2 + 0.9·2) = 0.62
    // t=2: g = 1.24, b = 0.9·2 + 1.24 = 3.04, p = 0.62 − 0.1·(1.24 + 0.9·3.04) = 0.2224
    assertEqual(p[0], [[0.62, -1.24]], tolerance: 1e-15)
    assertEqual(p[1], [[0.2224, -0.4448]], tolerance: 1e-14)

    // Heavy ball from the same start is at 0.8 after one step: the two rules differ.
    var momentum = SGD(learningRate: 0.1, momentum: 0.9)
    XCTAssertNotEqual(iterates(&momentum, steps: 1)[0][0, 0], p[0][0, 0])
  }

  func testWeightDecayAddsLambdaTimesParameterToTheGradient() {
    var sgd = SGD(learningRate: 0.1, weightDecay: 0.5)
    let p = iterates(&sgd, steps: 2)
    // g ← 2p + 0.5p = 2.5p, p ← p − 0.25p = 0.75p
    assertEqual(p[0], [[0.75, -1.5]], tolerance: 1e-15)
    assertEqual(p[1], [[0.5625, -1.125]], tolerance: 1e-15)
  }

  func testPyTorchDefaults() {
    let sgd = SGD(learningRate: 0.1)
    XCTAssertEqual(sgd.momentum, 0)
    XCTAssertEqual(sgd.dampening, 0)
    XCTAssertFalse(sgd.nesterov)
    XCTAssertEqual(sgd.weightDecay, 0)
  }
}
