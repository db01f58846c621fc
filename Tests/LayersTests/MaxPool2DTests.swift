import Layers
import NumericsCore
import TestSupport
import XCTest

final class MaxPool2DTests: XCTestCase {
  /// A 4×4 one-channel image, 2×2 windows: the maxima by hand, and the gradient lands on
  /// each window's maximum only (not spread over the window).
  func testForwardAndBackwardByHand() {
    let pool = MaxPool2D(inputShape: ImageShape(height: 4, width: 4, channels: 1))
    let x = Matrix(row: [1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 1, 2, 9, 0, 3, 7])
    var rng = Xoshiro256StarStar(seed: 1)
    let (y, cache) = pool.forward(x, mode: .training, using: &rng)
    XCTAssertEqual(y.row(0), [5, 8, 9, 7])
    let (dx, grads) = pool.backward(Matrix(row: [10, 20, 30, 40]), cache: cache)
    XCTAssertTrue(grads.isEmpty)
    XCTAssertEqual(dx.row(0), [0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 30, 0, 0, 40])
  }

  /// Channels are pooled separately (channels last: pixel-major, channel-minor).
  func testChannelsArePooledSeparately() {
    let pool = MaxPool2D(inputShape: ImageShape(height: 2, width: 2, channels: 2))
    var rng = Xoshiro256StarStar(seed: 1)
    let (y, _) = pool.forward(
      Matrix(row: [1, -1, 2, -2, 3, -3, 4, -4]), mode: .training, using: &rng)
    XCTAssertEqual(y.row(0), [4, -1])
  }

  func testGradients() {
    var rng = Xoshiro256StarStar(seed: 6)
    let shape = ImageShape(height: 6, width: 5, channels: 3)
    // Distinct values: a finite-difference step must not change the arg-max.
    let input = Matrix.normal(rows: 2, columns: shape.count, using: &rng)
    checkLayerGradients(MaxPool2D(inputShape: shape), input: input, tolerance: 1e-4)
    checkLayerGradients(
      MaxPool2D(inputShape: shape, size: 3, stride: 2), input: input, tolerance: 1e-4)
  }

  /// PyTorch float64 `max_pool2d` forward and backward (overlapping windows included).
  func testMatchesPyTorch() throws {
    for (k, case_) in try ConvFixtures.load().pool.enumerated() {
      let shape = ImageShape(height: case_.height, width: case_.width, channels: case_.channels)
      let pool = MaxPool2D(inputShape: shape, size: case_.size, stride: case_.stride)
      let input = Matrix(rows: case_.batch, columns: shape.count, elements: case_.input)
      var rng = Xoshiro256StarStar(seed: 1)
      let (y, cache) = pool.forward(input, mode: .training, using: &rng)
      assertClose(y, case_.output, "pool case \(k) output")
      let g = Matrix(rows: y.rows, columns: y.columns, elements: case_.upstream)
      assertClose(
        pool.backward(g, cache: cache).inputGradient, case_.input_gradient, "pool case \(k) ∂L/∂x")
    }
  }
}

final class MaxPool2DFastPathTests: XCTestCase {
  /// The 2×2 stride-2 path on odd sizes (the last row and column belong to no window),
  /// several channels and many ties (integer pixels), against the definition by brute force:
  /// the first largest pixel of each window in (ky, kx) order.
  func testTwoByTwoMatchesBruteForce() {
    var rng = Xoshiro256StarStar(seed: 21)
    let shape = ImageShape(height: 7, width: 5, channels: 3)
    let pool = MaxPool2D(inputShape: shape)
    let batch = 2
    let x = Matrix(
      rows: batch, columns: shape.count,
      elements: (0..<(batch * shape.count)).map { _ in Double(rng.nextInt(below: 4)) - 1 })
    let g = Matrix.normal(rows: batch, columns: pool.outputShape.count, using: &rng)
    let (y, cache) = pool.forward(x, mode: .training, using: &rng)
    let dx = pool.backward(g, cache: cache).inputGradient
    var expectedY = Matrix.zeros(rows: batch, columns: pool.outputShape.count)
    var expectedDX = Matrix.zeros(rows: batch, columns: shape.count)
    for n in 0..<batch {
      for oy in 0..<3 {
        for ox in 0..<2 {
          for c in 0..<3 {
            var best = (value: -Double.infinity, index: -1)
            for ky in 0..<2 {
              for kx in 0..<2 {
                let i = shape.index(y: 2 * oy + ky, x: 2 * ox + kx, channel: c)
                if x[n, i] > best.value { best = (x[n, i], i) }
              }
            }
            let o = pool.outputShape.index(y: oy, x: ox, channel: c)
            expectedY[n, o] = best.value
            expectedDX[n, best.index] += g[n, o]
          }
        }
      }
    }
    assertEqual(y, expectedY, tolerance: 0)
    assertEqual(dx, expectedDX, tolerance: 0)
  }

  /// ReLU after the pooling is the same layer pair as before it (the CNN relies on it):
  /// same outputs and same input gradients, windows with only negative values included.
  func testReLUCommutesWithPooling() {
    var rng = Xoshiro256StarStar(seed: 22)
    let shape = ImageShape(height: 6, width: 7, channels: 2)
    let pool = MaxPool2D(inputShape: shape)
    let x = Matrix(
      rows: 3, columns: shape.count,
      elements: (0..<(3 * shape.count)).map { _ in Double(rng.nextInt(below: 5)) - 3 })
    let g = Matrix.normal(rows: 3, columns: pool.outputShape.count, using: &rng)
    let before = Sequential([ReLU(), pool])
    let after = Sequential([pool, ReLU()])
    var none = NoRandomness()
    let (y1, c1) = before.forward(x, mode: .training, using: &none)
    let (y2, c2) = after.forward(x, mode: .training, using: &none)
    assertEqual(y1, y2, tolerance: 0)
    let dx1 = before.backward(g, caches: c1, needsInputGradient: true).inputGradient
    let dx2 = after.backward(g, caches: c2, needsInputGradient: true).inputGradient
    if let dx1, let dx2 { assertEqual(dx1, dx2, tolerance: 0) } else { XCTFail("no ∂L/∂x") }
  }
}
