import NumericsCore
import Optimizers
import TestSupport
import XCTest

/// One optimizer instance updating two parameters of different shapes must behave like two
/// independent single-parameter runs, for every kind.
final class SlotStateTests: XCTestCase {
  // f(W, b) = Σ (W − 1)²·c + Σ b⁴: different curvatures so the slots' states differ.
  private func gradientW(_ w: Matrix) -> Matrix { (w - 1) * 3 }
  private func gradientB(_ b: Matrix) -> Matrix { b.map { 4 * $0 * $0 * $0 } }

  func testTwoSlotsEvolveAsTwoIndependentRuns() {
    let w0: Matrix = [[0.5, -1, 2], [0, 1.5, -0.5]]  // 2×3
    let b0: Matrix = [[0.7, -0.3]]  // 1×2
    for kind in OptimizerKind.allCases {
      let h = Hyperparameters(learningRate: kind == .adadelta ? 1 : 0.05)
      var shared = kind.makeOptimizer(h)
      var (w, b) = (w0, b0)
      var onlyW = kind.makeOptimizer(h)
      var onlyB = kind.makeOptimizer(h)
      var (w1, b1) = (w0, b0)
      for step in 0..<4 {
        shared.update(&w, along: gradientW(w), slot: 0)
        onlyW.update(&w1, along: gradientW(w1), slot: 0)
        // b skips the first step, so the two slots' counters differ.
        if step > 0 {
          shared.update(&b, along: gradientB(b), slot: 1)
          onlyB.update(&b1, along: gradientB(b1), slot: 0)
        }
      }
      assertEqual(w, w1, tolerance: 0, "\(kind)")
      assertEqual(b, b1, tolerance: 0, "\(kind)")
      XCTAssertEqual(shared.stepCount(slot: 0), 4, "\(kind)")
      XCTAssertEqual(shared.stepCount(slot: 1), 3, "\(kind)")
      XCTAssertEqual(shared.stepCount(slot: 7), 0, "\(kind)")
      XCTAssertNotEqual(w, w0, "\(kind) did not move")
    }
  }

  func testListUpdateUsesTheIndexAsSlot() {
    var list = Adam(learningRate: 0.1)
    var single = Adam(learningRate: 0.1)
    var parameters: [Matrix] = [[[1, 2]], [[3], [4]]]
    var (p0, p1) = (parameters[0], parameters[1])
    for _ in 0..<3 {
      list.update(&parameters, along: parameters.map { 2 * $0 })
      single.update(&p0, along: 2 * p0, slot: 0)
      single.update(&p1, along: 2 * p1, slot: 1)
    }
    assertEqual(parameters[0], p0, tolerance: 0)
    assertEqual(parameters[1], p1, tolerance: 0)
  }

  func testCopiesForkTheState() {
    var a = SGD(learningRate: 0.1, momentum: 0.9)
    var p: Matrix = [[1]]
    a.update(&p, along: [[2]], slot: 0)
    var b = a  // b inherits the buffer b = 2
    var (pa, pb) = (p, p)
    a.update(&pa, along: [[0]], slot: 0)
    b.update(&pb, along: [[0]], slot: 0)
    // Same state, same gradient: same step (0.8 − 0.1·0.9·2 = 0.62); and a's update did
    // not leak into b.
    XCTAssertEqual(pa[0, 0], 0.62, accuracy: 1e-15)
    XCTAssertEqual(pb[0, 0], 0.62, accuracy: 1e-15)
  }
}
