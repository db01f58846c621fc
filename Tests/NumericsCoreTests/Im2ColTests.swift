import NumericsCore
import TestSupport
import XCTest

final class Im2ColTests: XCTestCase {
  /// A 3×3 one-channel image, 2×2 kernel, stride 1, no padding: four patches, by hand.
  func testPatchesOfASmallImageByHand() {
    let image = Matrix(row: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    let columns = im2col(
      image, shape: ImageShape(height: 3, width: 3, channels: 1),
      geometry: ConvolutionGeometry(kernelHeight: 2, kernelWidth: 2))
    let expected: Matrix = [[1, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]]
    assertEqual(columns, expected, tolerance: 0)
  }

  /// Padding 1 on a 2×2 two-channel image with a 3×3 kernel and stride 2: the single
  /// output's patch is the zero-bordered image, channels interleaved (ky, kx, c).
  func testPaddingWritesZerosAndKeepsChannelsLast() {
    // pixel (y, x) has channels (10y + x, −(10y + x)).
    let image = Matrix(row: [0, -0, 1, -1, 10, -10, 11, -11])
    let columns = im2col(
      image, shape: ImageShape(height: 2, width: 2, channels: 2),
      geometry: ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 2, padding: 1))
    XCTAssertEqual(columns.shape.rows, 1)  // (2 + 2 − 3)/2 + 1 = 1
    let expected: [Double] = [
      0, 0, 0, 0, 0, 0,
      0, 0, 0, -0, 1, -1,
      0, 0, 10, -10, 11, -11,
    ]
    XCTAssertEqual(columns.row(0), expected)
  }

  /// Against the definition, element by element, on a batch with stride and padding.
  func testMatchesTheDefinitionElementByElement() {
    var rng = Xoshiro256StarStar(seed: 5)
    let shape = ImageShape(height: 5, width: 6, channels: 3)
    let geometry = ConvolutionGeometry(kernelHeight: 3, kernelWidth: 2, stride: 2, padding: 1)
    let images = Matrix.normal(rows: 2, columns: shape.count, using: &rng)
    let columns = im2col(images, shape: shape, geometry: geometry)
    let out = geometry.outputShape(for: shape, channels: 1)
    XCTAssertEqual(columns.rows, 2 * out.height * out.width)
    XCTAssertEqual(columns.columns, 3 * 2 * 3)
    for n in 0..<2 {
      for oy in 0..<out.height {
        for ox in 0..<out.width {
          let row = (n * out.height + oy) * out.width + ox
          for ky in 0..<3 {
            for kx in 0..<2 {
              for c in 0..<3 {
                let y = oy * 2 - 1 + ky
                let x = ox * 2 - 1 + kx
                let inside = y >= 0 && y < shape.height && x >= 0 && x < shape.width
                let expected = inside ? images[n, shape.index(y: y, x: x, channel: c)] : 0
                XCTAssertEqual(columns[row, (ky * 2 + kx) * 3 + c], expected)
              }
            }
          }
        }
      }
    }
  }

  /// col2im is the adjoint of im2col: ⟨im2col x, y⟩ = ⟨x, col2im y⟩ for random x and y,
  /// for overlapping windows, strides and padding.
  func testCol2ImIsTheAdjointOfIm2Col() {
    var rng = Xoshiro256StarStar(seed: 11)
    let cases: [(ImageShape, ConvolutionGeometry)] = [
      (
        ImageShape(height: 6, width: 6, channels: 1),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3)
      ),
      (
        ImageShape(height: 7, width: 5, channels: 3),
        ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 2, padding: 1)
      ),
      (
        ImageShape(height: 5, width: 8, channels: 2),
        ConvolutionGeometry(kernelHeight: 2, kernelWidth: 4, stride: 3, padding: 2)
      ),
    ]
    for (shape, geometry) in cases {
      let x = Matrix.normal(rows: 3, columns: shape.count, using: &rng)
      let columns = im2col(x, shape: shape, geometry: geometry)
      let y = Matrix.normal(rows: columns.rows, columns: columns.columns, using: &rng)
      let left = (columns * y).sum()
      let right = (x * col2im(y, shape: shape, geometry: geometry)).sum()
      XCTAssertEqual(left, right, accuracy: 1e-10 * max(1, abs(left)), "\(shape) \(geometry)")
    }
  }

  func testOutputShapeUsesFloorDivision() {
    let geometry = ConvolutionGeometry(kernelHeight: 3, kernelWidth: 3, stride: 2, padding: 1)
    let out = geometry.outputShape(for: ImageShape(height: 28, width: 27, channels: 1), channels: 8)
    XCTAssertEqual(out, ImageShape(height: 14, width: 14, channels: 8))
  }
}
