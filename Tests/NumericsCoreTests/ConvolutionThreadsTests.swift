import CBLAS
import XCTest

@testable import NumericsCore

/// The convolutions' loops on two threads give the same bits as on one
/// (`Convolution+Threads.swift`): the fused convolution + pooling (`ConvPool2D`'s passes)
/// and the im2col convolution in float64 and float32 (`Conv2D`'s passes), forward and
/// backward with and without ∂L/∂X, on batches that do not divide into the blocks or the
/// two threads evenly, with OpenBLAS itself on one thread and on two. Only our loops'
/// thread count changes between the two runs compared (`ConvolutionThreads.$override`),
/// so OpenBLAS's products are the same calls on both sides.
final class ConvolutionThreadsTests: XCTestCase {
  /// Runs `body` with our loops on one thread and on two, under each OpenBLAS setting,
  /// and returns the pairs of results.
  private func bothWays<T>(_ body: () -> T) -> [(one: T, two: T)] {
    let blasThreads = openblas_get_num_threads()
    defer { openblas_set_num_threads(blasThreads) }
    var pairs = [(one: T, two: T)]()
    for blas in [Int32(1), 2] {
      openblas_set_num_threads(blas)
      let one = ConvolutionThreads.$override.withValue(1) { body() }
      let two = ConvolutionThreads.$override.withValue(2) { body() }
      pairs.append((one, two))
    }
    return pairs
  }

  private func assertSameBits(
    _ a: Matrix?, _ b: Matrix?, _ what: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    guard let a, let b else {
      return XCTAssert(a == nil && b == nil, "\(what): one side is nil", file: file, line: line)
    }
    XCTAssert(a.rows == b.rows && a.columns == b.columns, what, file: file, line: line)
    let differing = zip(a.elements, b.elements).filter { $0.bitPattern != $1.bitPattern }.count
    XCTAssertEqual(differing, 0, "\(what): \(differing) elements differ", file: file, line: line)
  }

  func testThreadCountFollowsOpenBLAS() {
    let blasThreads = openblas_get_num_threads()
    defer { openblas_set_num_threads(blasThreads) }
    openblas_set_num_threads(1)
    XCTAssertEqual(convolutionThreads(), 1)
    openblas_set_num_threads(2)
    XCTAssertEqual(convolutionThreads(), 2)
    XCTAssertEqual(ConvolutionThreads.$override.withValue(1) { convolutionThreads() }, 1)
  }

  /// Fused layer: 28×28×1 (two images a block) on batch 7 (four blocks, the last of one
  /// image), with and without `keep`; a padded, strided 3-channel case with F = 6.
  func testPooledConvolutionIsThreadIndependent() {
    var rng = Xoshiro256StarStar(seed: 17)
    let cases: [(ImageShape, ConvolutionGeometry, f: Int, keep: (height: Int, width: Int)?)] = [
      (
        ImageShape(height: 28, width: 28, channels: 1),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 0), 32, nil
      ),
      (
        ImageShape(height: 28, width: 28, channels: 1),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 0), 32,
        (height: 12, width: 12)
      ),
      (
        ImageShape(height: 9, width: 8, channels: 3),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 2, padding: 1), 6, nil
      ),
    ]
    for (shape, geometry, f, keep) in cases {
      let batch = shape.height == 28 ? 7 : 53
      let x = Matrix.normal(rows: batch, columns: shape.count, using: &rng)
      let w = Matrix.normal(rows: geometry.patchSize(for: shape), columns: f, using: &rng)
      let b = Matrix.normal(rows: 1, columns: f, using: &rng)
      let (y, winners) = pooledConvolutionForward(
        x, shape: shape, geometry: geometry, kernels: w, bias: b, poolSize: 2, keep: keep)
      let g = Matrix.normal(rows: y.rows, columns: y.columns, using: &rng)
      let label = "\(shape) \(geometry) keep \(String(describing: keep))"
      for (one, two) in bothWays({
        pooledConvolutionForward(
          x, shape: shape, geometry: geometry, kernels: w, bias: b, poolSize: 2, keep: keep)
      }) {
        assertSameBits(one.output, two.output, "\(label) output")
        XCTAssertEqual(one.winners, two.winners, "\(label) winners")
      }
      for inputGradient in [false, true] {
        for (one, two) in bothWays({
          pooledConvolutionBackward(
            g, images: x, winners: winners, shape: shape, geometry: geometry, kernels: w,
            poolSize: 2, keep: keep, inputGradient: inputGradient)
        }) {
          assertSameBits(one.input, two.input, "\(label) ∂L/∂X")
          assertSameBits(one.kernels, two.kernels, "\(label) ∂L/∂W (\(inputGradient))")
          assertSameBits(one.bias, two.bias, "\(label) ∂L/∂b (\(inputGradient))")
        }
      }
    }
  }

  /// im2col convolution: chapter 3.4's second layer (13×13×32 → 11×11×64, 16 images a
  /// block) on batch 37 (blocks 16, 16, 5; five images split 3 + 2), and a padded,
  /// strided case (border runs) and a padded one over two blocks, in float64 and float32.
  func testIm2ColConvolutionIsThreadIndependent() {
    var rng = Xoshiro256StarStar(seed: 23)
    let cases: [(ImageShape, ConvolutionGeometry, f: Int, batch: Int)] = [
      (
        ImageShape(height: 13, width: 13, channels: 32),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 0), 64, 37
      ),
      (
        ImageShape(height: 10, width: 9, channels: 3),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 2, padding: 1), 5, 41
      ),
      // Padded over two blocks (22 + 19 images): the float32 pass's reused G·Wᵀ buffer,
      // cleared by col2im on two threads.
      (
        ImageShape(height: 10, width: 9, channels: 3),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 1), 5, 41
      ),
    ]
    for (shape, geometry, f, batch) in cases {
      let x = Matrix.normal(rows: batch, columns: shape.count, using: &rng)
      let w = Matrix.normal(rows: geometry.patchSize(for: shape), columns: f, using: &rng)
      let b = Matrix.normal(rows: 1, columns: f, using: &rng)
      let label = "\(shape) \(geometry)"
      let (y, columns) = convolutionForward(
        x, shape: shape, geometry: geometry, kernels: w, bias: b)
      let (_, columns32) = convolutionForwardFloat32(
        x, shape: shape, geometry: geometry, kernels: w, bias: b)
      let g = Matrix.normal(rows: y.rows, columns: y.columns, using: &rng)
      for (one, two) in bothWays({
        convolutionForward(x, shape: shape, geometry: geometry, kernels: w, bias: b)
      }) {
        assertSameBits(one.output, two.output, "\(label) float64 output")
        assertSameBits(one.columns, two.columns, "\(label) float64 patches")
      }
      for (one, two) in bothWays({
        convolutionForwardFloat32(x, shape: shape, geometry: geometry, kernels: w, bias: b)
      }) {
        assertSameBits(one.output, two.output, "\(label) float32 output")
        XCTAssertEqual(
          one.columns.elements.map(\.bitPattern), two.columns.elements.map(\.bitPattern),
          "\(label) float32 patches")
      }
      for inputGradient in [false, true] {
        for (one, two) in bothWays({
          convolutionBackward(
            g, columns: columns, kernels: w, shape: shape, geometry: geometry,
            inputGradient: inputGradient)
        }) {
          assertSameBits(one.input, two.input, "\(label) float64 ∂L/∂X")
          assertSameBits(one.kernels, two.kernels, "\(label) float64 ∂L/∂W")
          assertSameBits(one.bias, two.bias, "\(label) float64 ∂L/∂b")
        }
        for (one, two) in bothWays({
          convolutionBackwardFloat32(
            g, columns: columns32, kernels: w, shape: shape, geometry: geometry,
            inputGradient: inputGradient)
        }) {
          assertSameBits(one.input, two.input, "\(label) float32 ∂L/∂X")
          assertSameBits(one.kernels, two.kernels, "\(label) float32 ∂L/∂W")
          assertSameBits(one.bias, two.bias, "\(label) float32 ∂L/∂b")
        }
      }
    }
  }
}
