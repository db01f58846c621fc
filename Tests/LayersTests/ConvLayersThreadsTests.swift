import CBLAS
import Layers
import XCTest

@testable import NumericsCore

/// `ConvPool2D` and `Conv2D` (float64 and float32 GEMMs) through the `Layer` API: forward,
/// backward and the parameter-only gradients give the same bits with the convolution loops
/// on one thread and on two (`ConvolutionThreads.$override`), OpenBLAS on two threads, on a
/// batch of 13 (fused: blocks of two images, the last of one; Conv2D: 13 images split
/// 7 + 6). The arithmetic itself is tested in `ConvolutionThreadsTests`.
final class ConvLayersThreadsTests: XCTestCase {
  private func bits(_ m: Matrix) -> [UInt64] { m.elements.map(\.bitPattern) }

  /// Forward, ∂L/∂x, ∂L/∂W, ∂L/∂b and the parameter-only gradients, as bit patterns.
  private func run<L: Layer>(_ layer: L, _ x: Matrix, _ g: Matrix) -> [[UInt64]] {
    var rng = Xoshiro256StarStar(seed: 1)
    let (y, cache) = layer.forward(x, mode: .training, using: &rng)
    let (dx, grads) = layer.backward(g, cache: cache)
    let parameterOnly = layer.parameterGradients(g, cache: cache)
    return [bits(y), bits(dx)] + grads.map(bits) + parameterOnly.map(bits)
  }

  private func assertThreadIndependent<L: Layer>(
    _ layer: L, shapes: (input: Int, output: Int), batch: Int,
    _ rng: inout Xoshiro256StarStar, _ what: String
  ) {
    let blasThreads = openblas_get_num_threads()
    defer { openblas_set_num_threads(blasThreads) }
    openblas_set_num_threads(2)
    let x = Matrix.normal(rows: batch, columns: shapes.input, using: &rng)
    let g = Matrix.normal(rows: batch, columns: shapes.output, using: &rng)
    let one = ConvolutionThreads.$override.withValue(1) { run(layer, x, g) }
    let two = ConvolutionThreads.$override.withValue(2) { run(layer, x, g) }
    XCTAssertEqual(one.count, two.count, what)
    for (k, (a, b)) in zip(one, two).enumerated() {
      XCTAssertEqual(a, b, "\(what): result \(k) differs between one thread and two")
    }
  }

  func testConvPool2DAndConv2DAreThreadIndependent() {
    var rng = Xoshiro256StarStar(seed: 29)
    var first = Conv2D(
      inputShape: ImageShape(height: 28, width: 28, channels: 1), filters: 32, kernelSize: 3,
      using: &rng)
    let fused = ConvPool2D(first, poolSize: 2)
    assertThreadIndependent(
      fused, shapes: (784, fused.outputShape.count), batch: 13, &rng, "ConvPool2D")
    first.precision = .float32
    let kept = ConvPool2D(first, poolSize: 2, keeping: (height: 12, width: 12))
    assertThreadIndependent(
      kept, shapes: (784, kept.outputShape.count), batch: 13, &rng, "ConvPool2D kept 12×12")
    for precision in ConvolutionPrecision.allCases {
      var second = Conv2D(
        inputShape: ImageShape(height: 13, width: 13, channels: 32), filters: 64,
        kernelSize: 3, using: &rng)
      second.precision = precision
      assertThreadIndependent(
        second, shapes: (second.inputShape.count, second.outputShape.count), batch: 13, &rng,
        "Conv2D \(precision)")
    }
  }
}
