import Layers
import NumericsCore
import TestSupport
import XCTest

final class Conv2DTests: XCTestCase {
  /// One 3×3 image, one 2×2 filter of ones plus bias 1: every output is its window's sum + 1.
  func testForwardByHand() {
    let layer = Conv2D(
      inputShape: ImageShape(height: 3, width: 3, channels: 1),
      geometry: ConvolutionGeometry(kernelHeight: 2, kernelWidth: 2),
      kernels: Matrix(column: [1, 1, 1, 1]), bias: Matrix(row: [1]))
    var rng = Xoshiro256StarStar(seed: 1)
    let (y, _) = layer.forward(
      Matrix(row: [1, 2, 3, 4, 5, 6, 7, 8, 9]), mode: .inference, using: &rng)
    XCTAssertEqual(y.row(0), [13, 17, 25, 29])
    XCTAssertEqual(layer.outputShape, ImageShape(height: 2, width: 2, channels: 1))
  }

  func testGradientsStrideOneNoPadding() {
    var rng = Xoshiro256StarStar(seed: 2)
    let shape = ImageShape(height: 5, width: 5, channels: 2)
    let layer = Conv2D(inputShape: shape, filters: 3, kernelSize: 3, using: &rng)
    checkLayerGradients(layer, input: .normal(rows: 2, columns: shape.count, using: &rng))
  }

  func testGradientsWithStrideAndPadding() {
    var rng = Xoshiro256StarStar(seed: 3)
    let shape = ImageShape(height: 7, width: 6, channels: 3)
    let layer = Conv2D(
      inputShape: shape, filters: 4, kernelSize: 3, stride: 2, padding: 1, using: &rng)
    checkLayerGradients(layer, input: .normal(rows: 3, columns: shape.count, using: &rng))
    let wide = Conv2D(
      inputShape: shape, filters: 2, kernelSize: 4, stride: 3, padding: 2, using: &rng)
    checkLayerGradients(wide, input: .normal(rows: 2, columns: shape.count, using: &rng))
  }

  func testRolesAndParameterCount() {
    var rng = Xoshiro256StarStar(seed: 4)
    let layer = Conv2D(
      inputShape: ImageShape(height: 28, width: 28, channels: 1), filters: 32, kernelSize: 3,
      using: &rng)
    XCTAssertEqual(layer.parameterRoles, [.weight, .bias])
    XCTAssertEqual(layer.parameters.map(\.count), [9 * 32, 32])
    XCTAssertEqual(layer.outputShape, ImageShape(height: 26, width: 26, channels: 32))
  }

  /// PyTorch float64 `conv2d` forward and backward, ≤ 1e-9 relative.
  func testMatchesPyTorch() throws {
    for (k, case_) in try ConvFixtures.load().conv.enumerated() {
      let shape = ImageShape(height: case_.height, width: case_.width, channels: case_.channels)
      let patch = case_.kernel * case_.kernel * case_.channels
      let layer = Conv2D(
        inputShape: shape,
        geometry: ConvolutionGeometry(
          kernelHeight: case_.kernel, kernelWidth: case_.kernel, stride: case_.stride,
          padding: case_.padding),
        kernels: Matrix(rows: patch, columns: case_.filters, elements: case_.kernels),
        bias: Matrix(row: case_.bias))
      let input = Matrix(rows: case_.batch, columns: shape.count, elements: case_.input)
      var rng = Xoshiro256StarStar(seed: 1)
      let (y, cache) = layer.forward(input, mode: .training, using: &rng)
      assertClose(y, case_.output, "case \(k) output")
      let g = Matrix(rows: y.rows, columns: y.columns, elements: case_.upstream)
      let (dx, grads) = layer.backward(g, cache: cache)
      assertClose(dx, case_.input_gradient, "case \(k) ∂L/∂x")
      assertClose(grads[0], case_.kernel_gradient, "case \(k) ∂L/∂W")
      assertClose(grads[1], case_.bias_gradient, "case \(k) ∂L/∂b")
      assertClose(layer.parameterGradients(g, cache: cache)[0], case_.kernel_gradient, "case \(k)")
    }
  }
}
