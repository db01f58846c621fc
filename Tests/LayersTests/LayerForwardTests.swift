import Layers
import NumericsCore
import TestSupport
import XCTest

/// Forward values computed by hand.
final class LayerForwardTests: XCTestCase {
  private var rng = Xoshiro256StarStar(seed: 0)

  func testDenseComputesXWPlusB() {
    let layer = Dense(weights: [[1, 2], [3, 4], [5, 6]], bias: [[10, 20]])
    let x: Matrix = [[1, 0, -1], [2, 1, 0]]
    // Row 1: (1 − 5, 2 − 6) + b = (6, 16); row 2: (2 + 3, 4 + 4) + b = (15, 28).
    assertEqual(layer.forward(x, mode: .inference, using: &rng).output, [[6, 16], [15, 28]])
  }

  func testDenseBackwardByHand() {
    let layer = Dense(weights: [[1, 2], [3, 4]], bias: [[0, 0]])
    let x: Matrix = [[1, 2], [3, 4]]
    let g: Matrix = [[1, 0], [0, 1]]
    let (dx, grads) = layer.backward(g, cache: layer.forward(x, mode: .training, using: &rng).cache)
    assertEqual(grads[0], [[1, 3], [2, 4]])  // Xᵀ·I = Xᵀ
    assertEqual(grads[1], [[1, 1]])  // column sums of I
    assertEqual(dx, [[1, 3], [2, 4]])  // I·Wᵀ = Wᵀ
  }

  func testActivationValues() {
    let x: Matrix = [[-2, 0, 3]]
    assertEqual(ReLU().forward(x, mode: .inference, using: &rng).output, [[0, 0, 3]])
    assertEqual(
      LeakyReLU(slope: 0.1).forward(x, mode: .inference, using: &rng).output, [[-0.2, 0, 3]])
    let s = Sigmoid().forward([[0, 1000, -1000]], mode: .inference, using: &rng).output
    assertEqual(s, [[0.5, 1, 0]])
    let t = Tanh().forward([[0, 1]], mode: .inference, using: &rng).output
    // tanh 1 = (e² − 1)/(e² + 1)
    let e2 = 7.38905609893065
    assertEqual(t, [[0, (e2 - 1) / (e2 + 1)]], tolerance: 1e-14)
  }

  func testReLUGradientIsZeroAtTheKink() {
    let (y, cache) = ReLU().forward([[0, 1]], mode: .training, using: &rng)
    assertEqual(y, [[0, 1]])
    assertEqual(ReLU().backward([[5, 5]], cache: cache).inputGradient, [[0, 5]])
  }

  /// An odd element count (not a multiple of any vector width), so a vectorised loop's
  /// remainder is covered too; a dead unit passes `g · 0`, which is −0 for negative `g`.
  func testReLUOnAnOddShapeMatchesTheDefinition() {
    let x = Matrix.uniform(rows: 7, columns: 5, in: -1, 1, using: &rng)
    let g = Matrix.uniform(rows: 7, columns: 5, in: -1, 1, using: &rng)
    let (y, cache) = ReLU().forward(x, mode: .training, using: &rng)
    let dx = ReLU().backward(g, cache: cache).inputGradient
    for i in 0..<x.count {
      let (r, c) = (i / 5, i % 5)
      XCTAssertEqual(y[r, c], Swift.max(0, x[r, c]))
      let expected = x[r, c] > 0 ? g[r, c] : g[r, c] * 0
      XCTAssertEqual(dx[r, c].bitPattern, expected.bitPattern, "[\(r), \(c)]")
    }
  }

  /// Dense's bias row and bias gradient on odd shapes: every output row starts from `b`,
  /// and `∂L/∂b` is the column sum of `G`, accumulated top to bottom (so bit for bit).
  func testDenseBiasAndBiasGradientOnAnOddShape() {
    let layer = Dense(
      weights: .zeros(rows: 3, columns: 7),
      bias: Matrix.uniform(rows: 1, columns: 7, in: -1, 1, using: &rng))
    let x = Matrix.uniform(rows: 5, columns: 3, in: -1, 1, using: &rng)
    let g = Matrix.uniform(rows: 5, columns: 7, in: -1, 1, using: &rng)
    let (y, cache) = layer.forward(x, mode: .training, using: &rng)
    let biasGradient = layer.backward(g, cache: cache).gradients[1]
    XCTAssertEqual(biasGradient.shape.rows, 1)
    for c in 0..<7 {
      var sum = 0.0
      for r in 0..<5 {
        XCTAssertEqual(y[r, c], layer.bias[0, c])  // X·0 + b
        sum += g[r, c]
      }
      XCTAssertEqual(biasGradient[0, c].bitPattern, sum.bitPattern, "column \(c)")
    }
  }
}
