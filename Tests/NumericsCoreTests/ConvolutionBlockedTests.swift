import NumericsCore
import TestSupport
import XCTest

/// The blocked convolution products against their definition written whole:
/// `im2col(X)·W + b`, `X̂ᵀ·G`, `Σ_rows G` and `col2im(G·Wᵀ)` (im2col and col2im are tested
/// by hand, against the definition and as adjoints in Im2ColTests).
final class ConvolutionBlockedTests: XCTestCase {
  /// Batches large enough for several blocks (> 2,048 patch rows), a last block that is
  /// smaller than the others, strides and padding.
  func testBlocksAgreeWithTheWholeProducts() {
    var rng = Xoshiro256StarStar(seed: 11)
    let cases: [(ImageShape, ConvolutionGeometry, batch: Int, filters: Int)] = [
      (
        ImageShape(height: 13, width: 13, channels: 3),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3), 37, 4
      ),
      (
        ImageShape(height: 9, width: 7, channels: 2),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 2, stride: 2, padding: 1), 300, 3
      ),
      (
        ImageShape(height: 4, width: 4, channels: 1),
        ConvolutionGeometry(kernelHeight: 2, kernelWidth: 2), 1, 2
      ),
    ]
    for (shape, geometry, batch, filters) in cases {
      let k = geometry.patchSize(for: shape)
      let x = Matrix.normal(rows: batch, columns: shape.count, using: &rng)
      let w = Matrix.normal(rows: k, columns: filters, using: &rng)
      let b = Matrix.normal(rows: 1, columns: filters, using: &rng)
      let columns = im2col(x, shape: shape, geometry: geometry)
      XCTAssertEqual(batch == 1 || columns.rows > 2048, true, "\(shape): too few rows for blocks")
      var expected = matmul(columns, w)
      for r in 0..<expected.rows {
        for c in 0..<filters { expected[r, c] += b[0, c] }
      }
      let (y, blockedColumns) = convolutionForward(
        x, shape: shape, geometry: geometry, kernels: w, bias: b)
      assertEqual(blockedColumns, columns, tolerance: 0, "\(shape) columns")
      assertEqual(y, expected, tolerance: 1e-12, "\(shape) output")

      let g = Matrix.normal(rows: columns.rows, columns: filters, using: &rng)
      let (dx, dw, db) = convolutionBackward(
        g, columns: columns, kernels: w, shape: shape, geometry: geometry, inputGradient: true)
      assertEqual(dw, matmul(columns, g, transposeA: true), tolerance: 1e-10, "\(shape) ∂L/∂W")
      let sums = (0..<filters).map { c in (0..<g.rows).reduce(0.0) { $0 + g[$1, c] } }
      assertEqual(db, Matrix(row: sums), tolerance: 1e-10, "\(shape) ∂L/∂b")
      let wholeInput = col2im(
        matmul(g, w, transposeB: true), shape: shape, geometry: geometry)
      if let dx {
        assertEqual(dx, wholeInput, tolerance: 1e-12, "\(shape) ∂L/∂X")
      } else {
        XCTFail("\(shape): no input gradient")
      }
      let parametersOnly = convolutionBackward(
        g, columns: columns, kernels: w, shape: shape, geometry: geometry, inputGradient: false)
      XCTAssertNil(parametersOnly.input)
      assertEqual(parametersOnly.kernels, dw, tolerance: 0, "\(shape) ∂L/∂W without ∂L/∂X")
    }
  }
}
