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
