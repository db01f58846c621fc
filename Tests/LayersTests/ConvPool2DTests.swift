import Layers
import NumericsCore
import TestSupport
import XCTest

/// The fused convolution + max pooling against the two layers it fuses (each matched to
/// PyTorch float64 in `Conv2DTests`/`MaxPool2DTests`), and against finite differences.
final class ConvPool2DTests: XCTestCase {
  /// Forward, ∂L/∂x, ∂L/∂W and ∂L/∂b equal `Sequential([Conv2D, MaxPool2D])`'s to 1e-12
  /// relative: several blocks of images (batch 5 at two 28×28 images per block), stride
  /// and padding, F not a multiple of 4 (the scalar tail), and a floor remainder (pool 3).
  func testMatchesConvolutionThenPooling() {
    var rng = Xoshiro256StarStar(seed: 31)
    let cases: [(ImageShape, filters: Int, kernel: Int, stride: Int, padding: Int, pool: Int)] =
      [
        (ImageShape(height: 28, width: 28, channels: 1), 32, 3, 1, 0, 2),
        (ImageShape(height: 9, width: 8, channels: 3), 6, 3, 2, 1, 2),
        (ImageShape(height: 12, width: 11, channels: 2), 5, 2, 1, 0, 3),
      ]
    for (shape, filters, kernel, stride, padding, poolSize) in cases {
      let conv = Conv2D(
        inputShape: shape, filters: filters, kernelSize: kernel, stride: stride,
        padding: padding, using: &rng)
      let fused = ConvPool2D(conv, poolSize: poolSize)
      let reference = Sequential([
        conv, MaxPool2D(inputShape: conv.outputShape, size: poolSize),
      ])
      let x = Matrix.normal(rows: 5, columns: shape.count, using: &rng)
      let (y, cache) = fused.forward(x, mode: .training, using: &rng)
      let (expected, caches) = reference.forward(x, mode: .training, using: &rng)
      XCTAssertEqual(fused.outputShape.count, expected.columns, "\(fused)")
      assertClose(y, expected.elements, tolerance: 1e-12, "\(fused) output")
      let g = Matrix.normal(rows: y.rows, columns: y.columns, using: &rng)
      let (dx, grads) = fused.backward(g, cache: cache)
      let (refDX, refGrads) = reference.backward(g, caches: caches, needsInputGradient: true)
      guard let refDX else { return XCTFail("no reference ∂L/∂x") }
      assertClose(dx, refDX.elements, tolerance: 1e-12, "\(fused) ∂L/∂x")
      assertClose(grads[0], refGrads[0][0].elements, tolerance: 1e-12, "\(fused) ∂L/∂W")
      assertClose(grads[1], refGrads[0][1].elements, tolerance: 1e-12, "\(fused) ∂L/∂b")
      let paramsOnly = fused.parameterGradients(g, cache: cache)
      XCTAssertEqual(paramsOnly[0].elements, grads[0].elements, "\(fused) ∂L/∂W without ∂L/∂x")
    }
  }

  /// Ties, as on Fashion-MNIST's black background (a constant patch gives exactly the bias
  /// at every position): with small integer pixels and weights every sum is exact, so the
  /// maxima, the winners (first in window order) and every gradient must be the same bits
  /// as the two unfused layers'.
  func testTiesGoToTheFirstPositionExactly() {
    var rng = Xoshiro256StarStar(seed: 32)
    let shape = ImageShape(height: 10, width: 10, channels: 1)
    let small = { (count: Int, rng: inout Xoshiro256StarStar) in
      (0..<count).map { _ in Double(rng.nextInt(below: 3)) - 1 }
    }
    let conv = Conv2D(
      inputShape: shape, geometry: ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3),
      kernels: Matrix(rows: 9, columns: 8, elements: small(72, &rng)),
      bias: Matrix(row: small(8, &rng)))
    // Mostly zero pixels: many windows are all bias, a four-way tie.
    let pixels = (0..<(3 * shape.count)).map { _ in
      rng.nextInt(below: 4) == 0 ? Double(rng.nextInt(below: 3) + 1) : 0
    }
    let x = Matrix(rows: 3, columns: shape.count, elements: pixels)
    let fused = ConvPool2D(conv)
    let reference = Sequential([conv, MaxPool2D(inputShape: conv.outputShape)])
    let (y, cache) = fused.forward(x, mode: .training, using: &rng)
    let (expected, caches) = reference.forward(x, mode: .training, using: &rng)
    XCTAssertEqual(y.elements, expected.elements)
    let g = Matrix(rows: y.rows, columns: y.columns, elements: small(y.count, &rng))
    let (dx, grads) = fused.backward(g, cache: cache)
    let (refDX, refGrads) = reference.backward(g, caches: caches, needsInputGradient: true)
    XCTAssertEqual(dx.elements, refDX?.elements)
    XCTAssertEqual(grads[0].elements, refGrads[0][0].elements)
    XCTAssertEqual(grads[1].elements, refGrads[0][1].elements)
  }

  func testGradients() {
    var rng = Xoshiro256StarStar(seed: 33)
    let shape = ImageShape(height: 7, width: 6, channels: 2)
    let layer = ConvPool2D(
      inputShape: shape, filters: 5, kernelSize: 3, padding: 1, poolSize: 2, using: &rng)
    // Distinct values: a finite-difference step must not change a window's winner.
    checkLayerGradients(
      layer, input: .normal(rows: 2, columns: shape.count, using: &rng), tolerance: 1e-6)
  }

  /// The same initial weights as the `Conv2D` it replaces (same draws), so a network that
  /// switches to the fused layer starts from the same point.
  func testInitialisationDrawsLikeConv2D() {
    var a = Xoshiro256StarStar(seed: 34)
    var b = a
    let shape = ImageShape(height: 8, width: 8, channels: 1)
    let fused = ConvPool2D(inputShape: shape, filters: 4, kernelSize: 3, using: &a)
    let conv = Conv2D(inputShape: shape, filters: 4, kernelSize: 3, using: &b)
    XCTAssertEqual(fused.kernels.elements, conv.kernels.elements)
    XCTAssertEqual(fused.parameterRoles, [.weight, .bias])
    XCTAssertEqual(fused.outputShape, ImageShape(height: 3, width: 3, channels: 4))
    XCTAssertEqual(a.next(), b.next())
  }
}

/// Chapter 3.4's CNN computes only what its last pooling reads: the same outputs and
/// gradients as the textbook layers (Conv2D 26×26, MaxPool 13×13, Conv2D 11×11, MaxPool
/// 5×5) with the same weights, to 1e-12.
final class ConvolutionalNetworkCropTests: XCTestCase {
  func testCroppedNetworkEqualsTheUncroppedLayers() {
    var rng = Xoshiro256StarStar(seed: 35)
    let network = Sequential.convolutionalNetwork(hidden: 16, using: &rng)
    guard let first = network.layers[0] as? ConvPool2D, let second = network.layers[2] as? Conv2D
    else { return XCTFail("unexpected layers \(network)") }
    XCTAssertEqual(first.outputShape, ImageShape(height: 12, width: 12, channels: 32))
    XCTAssertEqual(second.outputShape, ImageShape(height: 10, width: 10, channels: 64))
    let conv1 = first.convolution
    let conv2 = Conv2D(
      inputShape: ImageShape(height: 13, width: 13, channels: 32), geometry: second.geometry,
      kernels: second.kernels, bias: second.bias)
    let textbook = Sequential(
      [
        conv1, MaxPool2D(inputShape: conv1.outputShape), ReLU(), conv2,
        MaxPool2D(inputShape: conv2.outputShape), ReLU(),
      ] + Array(network.layers[5...]))
    XCTAssertEqual(textbook.parameterCount, network.parameterCount)
    let x = Matrix.uniform(rows: 3, columns: 28 * 28, using: &rng)
    var none = NoRandomness()
    let (y, caches) = network.forward(x, mode: .training, using: &none)
    let (expected, expectedCaches) = textbook.forward(x, mode: .training, using: &none)
    assertClose(y, expected.elements, tolerance: 1e-12, "network output")
    let g = Matrix.normal(rows: y.rows, columns: y.columns, using: &rng)
    let grads = network.backward(g, caches: caches).gradients.flatMap { $0 }
    let expectedGrads = textbook.backward(g, caches: expectedCaches).gradients.flatMap { $0 }
    XCTAssertEqual(grads.count, expectedGrads.count)
    for (k, (a, b)) in zip(grads, expectedGrads).enumerated() {
      assertClose(a, b.elements, tolerance: 1e-12, "parameter \(k) gradient")
    }
  }
}
