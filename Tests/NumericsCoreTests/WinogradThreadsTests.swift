import CBLAS
import XCTest

@testable import NumericsCore

/// Winograd's passes give the same bits on one thread and on two (`Convolution+Threads.swift`:
/// the transforms are split over images, ∂L/∂b over columns, ∂U summed over the blocks in
/// order), forward and backward, with and without ∂L/∂X and the ReLU masks, on batches
/// that divide into neither the blocks nor the threads, under OpenBLAS on one thread and
/// on two. Only our loops' thread count changes between the two runs compared.
final class WinogradThreadsTests: XCTestCase {
  private func bits(_ m: Matrix?) -> [UInt64] { m?.elements.map(\.bitPattern) ?? [] }

  func testOneAndTwoThreadsGiveTheSameBits() {
    var rng = Xoshiro256StarStar(seed: 89)
    let cases: [(ImageShape, padding: Int, filters: Int, batch: Int)] = [
      (ImageShape(height: 13, width: 13, channels: 32), 0, 64, 13),  // 3 images a block
      (ImageShape(height: 15, width: 15, channels: 32), 1, 64, 3),  // 225 tiles: 2 chunks
      (ImageShape(height: 13, width: 13, channels: 4), 0, 6, 61),
      (ImageShape(height: 9, width: 8, channels: 3), 1, 5, 7),
      (ImageShape(height: 5, width: 5, channels: 1), 0, 2, 1),
    ]
    let blasThreads = openblas_get_num_threads()
    defer { openblas_set_num_threads(blasThreads) }
    for (shape, padding, f, batch) in cases {
      let geometry = ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, padding: padding)
      let kernels = Matrix.normal(rows: 9 * shape.channels, columns: f, using: &rng)
      let bias = Matrix.normal(rows: 1, columns: f, using: &rng)
      let x = Matrix.normal(rows: batch, columns: shape.count, using: &rng)
      let out = geometry.outputShape(for: shape, channels: f)
      let g = Matrix.normal(rows: batch, columns: out.count, using: &rng)
      let maskOut = Matrix.normal(rows: batch, columns: out.count, using: &rng)
      let maskIn = Matrix.normal(rows: batch, columns: shape.count, using: &rng)
      func run() -> [[UInt64]] {
        var results = [[UInt64]]()
        for rectified in [false, true] {
          let (y, tiles) = convolutionForwardWinograd(
            x, shape: shape, geometry: geometry, kernels: kernels, bias: bias,
            rectified: rectified)
          results.append(bits(y))
          for inputGradient in [false, true] {
            let masks: (Matrix?, Matrix?) = rectified ? (maskOut, maskIn) : (nil, nil)
            let (dx, dw, db) = convolutionBackwardWinograd(
              g, tiles: tiles, kernels: kernels, shape: shape, geometry: geometry,
              inputGradient: inputGradient, rectifiedOutput: masks.0, rectifiedInput: masks.1)
            results += [bits(dx), bits(dw), bits(db)]
          }
        }
        return results
      }
      for blas in [Int32(1), 2] {
        openblas_set_num_threads(blas)
        let one = ConvolutionThreads.$override.withValue(1) { run() }
        let two = ConvolutionThreads.$override.withValue(2) { run() }
        XCTAssertEqual(one.count, two.count)
        for (k, (a, b)) in zip(one, two).enumerated() {
          XCTAssertEqual(
            a, b, "\(shape) pad \(padding) batch \(batch), OpenBLAS \(blas): result \(k)")
        }
      }
    }
  }
}
