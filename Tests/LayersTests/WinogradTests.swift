import Layers
import NumericsCore
import TestSupport
import XCTest

/// Winograd F(2×2, 3×3) in `Conv2D` (`ConvolutionAlgorithm.winograd`,
/// `Convolution+Winograd.swift`) against the float64 im2col layer, which the PyTorch
/// fixtures and the finite-difference checks cover.
///
/// - Exact: on small integers (images and ∂L/∂Y in −4…4, kernels and bias in quarters
///   −1…1) every number of both paths is a float32 number with few bits (the transforms'
///   halvings give sixteenths, the sums stay far below 2²⁴ of them), so no operation
///   rounds and the results must be equal, not close.
/// - Random: within the bounds derived in `Convolution+Winograd.swift`, element-wise
///   `γ(n + 12)·κ·n·‖a‖∞·‖b‖∞` (κ = 64 forward, 36 for ∂L/∂W, 64 for ∂L/∂X; n = C, the
///   tiles T = batch·tiles, F), plus 1e-14·|exact| for the float64 side's own last bits.
final class WinogradTests: XCTestCase {
  private let u = Double(Float.ulpOfOne) / 2
  private func gamma(_ n: Int) -> Double { Double(n) * u / (1 - Double(n) * u) }

  /// The geometries: padding 0 and 1, odd and even outputs, non-square, one channel and
  /// several; `batch` 1 and several blocks (C = 32, F = 64: blocks of 128 tiles, here 3
  /// images of 36 tiles, the last block short; and 225 tiles an image, more than a
  /// block: its products in two chunks).
  private let cases: [(shape: ImageShape, filters: Int, padding: Int, batch: Int)] = [
    (ImageShape(height: 6, width: 6, channels: 2), 3, 0, 1),  // 4×4: even
    (ImageShape(height: 7, width: 9, channels: 3), 4, 0, 2),  // 5×7: odd
    (ImageShape(height: 5, width: 6, channels: 1), 2, 1, 3),  // 5×6, padded
    (ImageShape(height: 8, width: 7, channels: 2), 3, 1, 1),  // 8×7, padded
    (ImageShape(height: 30, width: 30, channels: 2), 3, 1, 37),  // 30×30, padded
    (ImageShape(height: 13, width: 13, channels: 32), 64, 0, 7),  // 11×11: 3 blocks
    (ImageShape(height: 15, width: 15, channels: 32), 64, 1, 2),  // 225 tiles an image
  ]

  private func layers(
    _ c: (shape: ImageShape, filters: Int, padding: Int, batch: Int), kernels: Matrix,
    bias: Matrix
  ) -> (reference: Conv2D, winograd: Conv2D) {
    let geometry = ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, padding: c.padding)
    let reference = Conv2D(inputShape: c.shape, geometry: geometry, kernels: kernels, bias: bias)
    var winograd = reference
    winograd.precision = .float32
    winograd.algorithm = .winograd
    return (reference, winograd)
  }

  private func passes(
    _ layer: Conv2D, _ x: Matrix, _ g: Matrix
  ) -> (y: Matrix, dx: Matrix, dw: Matrix, db: Matrix) {
    var none = NoRandomness()
    let (y, cache) = layer.forward(x, mode: .training, using: &none)
    let (dx, grads) = layer.backward(g, cache: cache)
    return (y, dx, grads[0], grads[1])
  }

  private func integers(
    _ rows: Int, _ columns: Int, _ range: ClosedRange<Int>, over: Double,
    _ rng: inout Xoshiro256StarStar
  ) -> Matrix {
    Matrix(
      rows: rows, columns: columns,
      elements: (0..<(rows * columns)).map { _ in Double(Int.random(in: range, using: &rng)) / over
      })
  }

  func testEqualsFloat64ExactlyOnSmallIntegers() {
    var rng = Xoshiro256StarStar(seed: 71)
    for c in cases {
      let kernels = integers(9 * c.shape.channels, c.filters, -4...4, over: 4, &rng)
      let bias = integers(1, c.filters, -4...4, over: 4, &rng)
      let (reference, winograd) = layers(c, kernels: kernels, bias: bias)
      XCTAssertTrue(winograd.description.contains("Winograd"), winograd.description)
      let x = integers(c.batch, c.shape.count, -4...4, over: 1, &rng)
      let g = integers(c.batch, reference.outputShape.count, -4...4, over: 1, &rng)
      let exact = passes(reference, x, g)
      let ours = passes(winograd, x, g)
      let what = "\(c.shape) pad \(c.padding) batch \(c.batch)"
      XCTAssertEqual(ours.y.shapeDescription, exact.y.shapeDescription, what)
      XCTAssertEqual(ours.y.elements, exact.y.elements, "output, \(what)")
      XCTAssertEqual(ours.dx.elements, exact.dx.elements, "∂L/∂X, \(what)")
      XCTAssertEqual(ours.dw.elements, exact.dw.elements, "∂L/∂W, \(what)")
      XCTAssertEqual(ours.db.elements, exact.db.elements, "∂L/∂b, \(what)")
    }
  }

  private func assertWithin(
    _ actual: Matrix, _ exact: Matrix, bound: Double, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(actual.shapeDescription, exact.shapeDescription, what, file: file, line: line)
    var worst = 0.0
    var differs = false
    for (a, e) in zip(actual.elements, exact.elements) {
      worst = max(worst, abs(a - e) / (bound + 1e-14 * abs(e)))
      differs = differs || a != e
    }
    XCTAssertLessThanOrEqual(
      worst, 1, "\(what): worst error \(worst)× the bound", file: file, line: line)
    XCTAssertTrue(
      differs, "\(what): equal to float64, so not computed in float32", file: file, line: line)
  }

  func testRandomInputsWithinTheDerivedBound() {
    var rng = Xoshiro256StarStar(seed: 73)
    for c in cases {
      let kernels = Matrix.normal(rows: 9 * c.shape.channels, columns: c.filters, using: &rng)
      let bias = Matrix.normal(rows: 1, columns: c.filters, using: &rng)
      let (reference, winograd) = layers(c, kernels: kernels, bias: bias)
      let x = Matrix.normal(rows: c.batch, columns: c.shape.count, using: &rng)
      let g = Matrix.normal(rows: c.batch, columns: reference.outputShape.count, using: &rng)
      let exact = passes(reference, x, g)
      let ours = passes(winograd, x, g)
      let norm = { (m: Matrix) in m.elements.map(abs).max() ?? 0 }
      let (channels, f) = (c.shape.channels, c.filters)
      let tiles =
        c.batch * ((reference.outputShape.height + 1) / 2)
        * ((reference.outputShape.width + 1) / 2)
      let what = "\(c.shape) pad \(c.padding) batch \(c.batch)"
      assertWithin(
        ours.y, exact.y,
        bound: gamma(channels + 12) * 64 * Double(channels) * norm(x) * norm(kernels),
        "output, \(what)")
      assertWithin(
        ours.dw, exact.dw, bound: gamma(tiles + 12) * 36 * Double(tiles) * norm(x) * norm(g),
        "∂L/∂W, \(what)")
      assertWithin(
        ours.dx, exact.dx, bound: gamma(f + 12) * 64 * Double(f) * norm(kernels) * norm(g),
        "∂L/∂X, \(what)")
      // ∂L/∂b is summed from the float64 ∂L/∂Y in the same order on both paths.
      XCTAssertEqual(ours.db.elements, exact.db.elements, "∂L/∂b, \(what)")
    }
  }

  /// Finite differences of the Winograd layer itself (`checkLayerGradients`, h = 1e-5).
  /// Its function is computed in float32, so the central difference `(f(θ+h) − f(θ−h))/2h`
  /// is off by the float32 rounding of the two f values over 2h, and by θ ± h rounding to
  /// float32. Both shrink with the size s of inputs and kernels: θ ± h is off by
  /// ≤ u·s ≈ 6·10⁻¹¹ (6·10⁻⁶ of h) for s = 2⁻¹⁰, and the outputs touched by one element
  /// (~16·F of size ~9·C·s²) round by ~u·9·C·s² each, against a gradient element ~s·|U|:
  /// a relative error of order 16·F·9·C·u·s/2h ≈ 10⁻⁴ (up to 10× more on the smallest
  /// elements, |a| + |n| being small there). The tolerance is 1e-2 relative (CS231n's
  /// |a − n|/(|a| + |n|)); a wrong transform or a missing term shows as O(1). The exact test
  /// above holds the gradients to equality; this one checks them against the function the
  /// float32 layer computes.
  func testGradientCheck() {
    var rng = Xoshiro256StarStar(seed: 79)
    for (shape, padding) in [
      (ImageShape(height: 5, width: 6, channels: 2), 1),
      (ImageShape(height: 6, width: 5, channels: 1), 0),
    ] {
      var layer = Conv2D(
        inputShape: shape, filters: 3, kernelSize: 3, padding: padding, precision: .float32,
        algorithm: .winograd, using: &rng)
      layer.kernels = Matrix.normal(rows: layer.kernels.rows, columns: 3, using: &rng)
        .map { $0 / 1024 }
      layer.bias = Matrix.normal(rows: 1, columns: 3, using: &rng).map { $0 / 1024 }
      let x = Matrix.normal(rows: 2, columns: shape.count, using: &rng).map { $0 / 1024 }
      checkLayerGradients(layer, input: x, tolerance: 1e-2)
    }
  }

  func testAutomaticChoosesWinogradOnlyForFloat32ThreeByThreeStrideOne() {
    var rng = Xoshiro256StarStar(seed: 83)
    let shape = ImageShape(height: 8, width: 8, channels: 2)
    let cases: [(Int, Int, ConvolutionPrecision, Bool)] = [
      (3, 1, .float32, true), (3, 1, .float64, false), (3, 2, .float32, false),
      (5, 1, .float32, false),
    ]
    for (kernel, stride, precision, winograd) in cases {
      let layer = Conv2D(
        inputShape: shape, filters: 2, kernelSize: kernel, stride: stride, precision: precision,
        using: &rng)
      XCTAssertEqual(
        layer.description.contains("Winograd"), winograd, "\(layer)")
      var im2col = layer
      im2col.algorithm = .im2col
      XCTAssertFalse(im2col.description.contains("Winograd"), "\(im2col)")
    }
  }
}
