import NumericsCore
import XCTest

/// The C element kernels (chosen per CPU: AVX-512, AVX2 or the baseline) against the
/// scalar Swift expressions they replace, bit for bit, on lengths that leave every vector
/// width a remainder and on the values where a select and a product differ (±0, ±∞, NaN).
final class ElementKernelTests: XCTestCase {
  private func sample(_ count: Int, seed: UInt64) -> Matrix {
    var rng = Xoshiro256StarStar(seed: seed)
    var values = (0..<count).map { _ in rng.nextNormal() }
    let special: [Double] = [
      0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNormalMagnitude / 2,
    ]
    for (i, v) in special.enumerated() where i < count { values[i * 3 % count] = v }
    return Matrix(rows: 1, columns: count, elements: values)
  }

  private func bits(_ m: Matrix) -> [UInt64] { m.elements.map(\.bitPattern) }

  func testRectifiersEqualTheScalarExpressions() {
    for count in [1, 7, 1031] {
      let x = sample(count, seed: UInt64(count))
      let g = sample(count, seed: UInt64(count) + 100)
      XCTAssertEqual(
        bits(x.rectified()), bits(x.map { $0 > 0 ? $0 : 0 }), "ReLU, \(count) elements")
      XCTAssertEqual(
        bits(x.leakyRectified(slope: 0.01)), bits(x.map { $0 > 0 ? $0 : 0.01 * $0 }),
        "leaky ReLU, \(count) elements")
      for slope in [0.0, 0.2] {
        XCTAssertEqual(
          bits(Matrix.rectifierGradient(g, cache: x, slope: slope)),
          bits(Matrix.zipMap(g, x) { g, c in g * (c > 0 ? 1 : slope) }),
          "backward, slope \(slope), \(count) elements (\(elementKernelVariant) kernel)")
      }
    }
  }

  func testColumnSumsAddEachColumnTopDown() {
    var rng = Xoshiro256StarStar(seed: 9)
    // Widths around the kernel's 32-column register blocks (31, 32, 33, 64, 96 and a
    // ragged 67), and the GAN's bias gradients (512 × 64, 256 × 64, 512 × 1, 256 × 2).
    let shapes = [
      (0, 3), (1, 1), (5, 13), (37, 67), (0, 32), (1, 64), (3, 31), (4, 32), (4, 33),
      (512, 64), (256, 64), (512, 1), (256, 2), (9, 96),
    ]
    for (rows, columns) in shapes {
      let a = Matrix.normal(rows: rows, columns: columns, using: &rng)
      var expected = [Double](repeating: 0, count: columns)
      for r in 0..<rows { for c in 0..<columns { expected[c] += a[r, c] } }
      XCTAssertEqual(
        a.columnSums().elements.map(\.bitPattern), expected.map(\.bitPattern),
        "\(rows)×\(columns)")
    }
  }

  func testSGDKernelEqualsTheScalarRule() {
    for count in [7, 2 * sgdElementsPerExtraThread + 5] {  // one chunk, then two
      let g = sample(count, seed: 5).map { $0.isFinite ? $0 : 1 }
      let start = sample(count, seed: 6).map { $0.isFinite ? $0 : -2 }
      let e = zip(start.elements, g.elements).map { p, g in p - 0.1 * (g + 0.01 * p) }
      for threads in [1, 2] {
        var p = start
        p.formSGDUpdate(along: g, learningRate: 0.1, weightDecay: 0.01, threads: threads)
        XCTAssertEqual(bits(p), e.map(\.bitPattern), "\(count) elements, \(threads) threads")
      }
    }
  }

  func testRepeatingRowFillsEveryRow() {
    let row: Matrix = [[1, -2, 3]]
    for count in [0, 1, 2, 5, 8, 9] {
      let m = Matrix.repeating(row: row, count: count)
      XCTAssertEqual(m.rows, count)
      XCTAssertEqual(m.elements, Array([[Double]](repeating: [1, -2, 3], count: count).joined()))
    }
  }
}
