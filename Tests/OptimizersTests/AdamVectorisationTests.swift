import NumericsCore
import Optimizers
import XCTest

/// Adam's update runs two elements at a time. These tests pin it, bit for bit, to the
/// scalar rule written out here in PyTorch's order of operations, on an odd number of
/// elements (so the leftover element takes the scalar path) and with both decays.
final class AdamVectorisationTests: XCTestCase {
  private func scalarAdam(
    _ p0: [Double], gradients: [[Double]], lr: Double, l2: Double, decoupled: Double
  ) -> [Double] {
    let (b1, b2, eps) = (0.9, 0.999, 1e-8)
    var p = p0
    var m = [Double](repeating: 0, count: p.count)
    var v = m
    for (step, g) in gradients.enumerated() {
      let t = Double(step + 1)
      let stepSize = lr / (1 - pow(b1, t))
      let root = (1 - pow(b2, t)).squareRoot()
      for i in p.indices {
        p[i] *= 1 - lr * decoupled
        let gi = g[i] + l2 * p[i]
        m[i] = b1 * m[i] + (1 - b1) * gi
        v[i] = b2 * v[i] + (1 - b2) * gi * gi
        p[i] -= stepSize * m[i] / (v[i].squareRoot() / root + eps)
      }
    }
    return p
  }

  func testPairedLoopEqualsTheScalarRuleBitForBit() {
    var rng = Xoshiro256StarStar(seed: 3)
    let start = (0..<7).map { _ in rng.nextNormal() }
    let gradients = (0..<6).map { _ in (0..<7).map { _ in rng.nextNormal() } }
    for (l2, decoupled) in [(0.0, 0.0), (0.1, 0.0), (0.0, 0.05)] {
      var parameter = Matrix(row: start)
      var adam: any Optimizer =
        decoupled > 0
        ? AdamW(learningRate: 0.01, weightDecay: decoupled)
        : Adam(learningRate: 0.01, weightDecay: l2)
      for g in gradients { adam.update(&parameter, along: Matrix(row: g), slot: 0) }
      let expected = scalarAdam(
        start, gradients: gradients, lr: 0.01, l2: l2, decoupled: decoupled)
      XCTAssertEqual(parameter.elements, expected, "l2 \(l2), decoupled \(decoupled)")
    }
  }
}
