import CBLAS
import XCTest

@testable import NumericsCore

/// The float32 backward pass forms each block's `∂L/∂W` transposed, `(∂L/∂W)ᵀ = Gᵀ·X̂`
/// (`Convolution+Float32.swift`, faster for OpenBLAS), and must give the bits of the
/// textbook orientation `X̂ᵀ·G` that it replaced, so that chapter 3.4's figures do not
/// change. The reference here is written independently: im2col rounded to float32, one
/// `cblas_sgemm` of `X̂_blockᵀ·G_block` per block of whole images (the blocks of
/// `forEachBlock`), each block's sum rounded to float64 and added in order. Both
/// orientations sum each element's products in the same order with OpenBLAS's kernels; a
/// BLAS that did not would fail this test (and change the figures in their last bits).
final class ConvolutionFloat32LayoutTests: XCTestCase {
  private func referenceKernelGradient(
    _ x: Matrix, _ g: Matrix, shape: ImageShape, geometry: ConvolutionGeometry, f: Int
  ) -> [Double] {
    let columns = im2col(x, shape: shape, geometry: geometry)
    let (k, rowsTotal) = (columns.columns, columns.rows)
    let positions = rowsTotal / x.rows
    let x32 = columns.elements.map(Float.init)
    let g32 = g.elements.map(Float.init)
    var dw = [Double](repeating: 0, count: k * f)
    var block = [Float](repeating: 0, count: k * f)
    forEachBlock(batch: x.rows, positions: positions) { first, count in
      let (row0, rows) = (first * positions, count * positions)
      x32.withUnsafeBufferPointer { a in
        g32.withUnsafeBufferPointer { b in
          cblas_sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(f), Int32(rows), 1,
            a.baseAddress! + row0 * k, Int32(k), b.baseAddress! + row0 * f, Int32(f), 0, &block,
            Int32(f))
        }
      }
      for i in 0..<(k * f) { dw[i] += Double(block[i]) }
    }
    return dw
  }

  func testTransposedKernelGradientHasTheTextbookBits() {
    var rng = Xoshiro256StarStar(seed: 61)
    let geometry = ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 0)
    // The bench's second convolution (13×13: 16 images a block) and the chapter's (12×12:
    // 20 images a block, the last of 4), batch 64.
    let shapes = [
      ImageShape(height: 13, width: 13, channels: 32),
      ImageShape(height: 12, width: 12, channels: 32),
    ]
    let blasThreads = openblas_get_num_threads()
    defer { openblas_set_num_threads(blasThreads) }
    for shape in shapes {
      let x = Matrix.normal(rows: 64, columns: shape.count, using: &rng)
      let w = Matrix.normal(rows: geometry.patchSize(for: shape), columns: 64, using: &rng)
      let b = Matrix.zeros(rows: 1, columns: 64)
      let (y, columns) = convolutionForwardFloat32(
        x, shape: shape, geometry: geometry, kernels: w, bias: b)
      let g = Matrix.normal(rows: y.rows, columns: y.columns, using: &rng)
      for blas in [Int32(1), 2] {
        // OpenBLAS's own sums depend on its thread count: the reference under each.
        openblas_set_num_threads(blas)
        let expected = referenceKernelGradient(x, g, shape: shape, geometry: geometry, f: 64)
        let actual = convolutionBackwardFloat32(
          g, columns: columns, kernels: w, shape: shape, geometry: geometry,
          inputGradient: false
        ).kernels.elements
        let differing = zip(actual, expected).filter { $0.bitPattern != $1.bitPattern }.count
        XCTAssertEqual(
          differing, 0, "\(shape), OpenBLAS \(blas) threads: \(differing) of ∂L/∂W differ")
      }
    }
  }
}
