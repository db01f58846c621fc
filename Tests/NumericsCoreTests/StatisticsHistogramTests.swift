import NumericsCore
import XCTest

/// Histogram bins against hand-counted cases and against a brute-force scan of the edges.
final class StatisticsHistogramTests: XCTestCase {
  func testDefaultRangeCountsTheMaximumInTheLastBin() {
    let h = Histogram(values: [0, 0.5, 1, 1.5, 2], bins: 2)
    XCTAssertEqual(h.edges, [0, 1, 2])
    XCTAssertEqual(h.counts, [2, 3])
    XCTAssertEqual(h.centers, [0.5, 1.5])
    XCTAssertEqual(h.densities, [0.4, 0.6])
  }

  func testExplicitRangeIgnoresOutsideValuesAndNaN() {
    let h = Histogram(values: [-1, 0, 2, 3.9, 4, 9.99, 10, 11, .nan], bins: 5, range: 0...10)
    XCTAssertEqual(h.edges, [0, 2, 4, 6, 8, 10])
    // [0,2): 0 | [2,4): 2, 3.9 | [4,6): 4 | [6,8): none | [8,10]: 9.99, 10
    XCTAssertEqual(h.counts, [1, 2, 1, 0, 2])
  }

  func testConstantSampleGetsAUnitWideRange() {
    let h = Histogram(values: [3, 3, 3], bins: 2)
    XCTAssertEqual(h.edges, [2.5, 3, 3.5])
    XCTAssertEqual(h.counts, [0, 3])
  }

  func testEveryValueLandsBetweenItsBinsEdges() {
    // Awkward widths (0.1, 1/3) put values within rounding of an edge; the test counts by
    // comparing with the edges directly.
    var rng = Xoshiro256StarStar(seed: 6)
    var values = (0..<2000).map { _ in rng.nextUniform(in: -0.2, 1.2) }
    values += (0...30).map { Double($0) / 30 } + (0...10).map { Double($0) / 10 }
    for bins in [3, 7, 10] {
      let h = Histogram(values: values, bins: bins, range: 0...1)
      XCTAssertEqual(h.edges.count, bins + 1)
      var expected = [Int](repeating: 0, count: bins)
      for x in values {
        for i in 0..<bins {
          let isLast = i == bins - 1
          if x >= h.edges[i] && (x < h.edges[i + 1] || isLast && x <= h.edges[i + 1]) {
            expected[i] += 1
            break
          }
        }
      }
      XCTAssertEqual(h.counts, expected, "bins \(bins)")
      XCTAssertEqual(h.counts.reduce(0, +), values.filter { $0 >= 0 && $0 <= 1 }.count)
      let area = zip(h.densities, zip(h.edges, h.edges.dropFirst())).reduce(0.0) {
        $0 + $1.0 * ($1.1.1 - $1.1.0)
      }
      XCTAssertEqual(area, 1, accuracy: 1e-12)
    }
  }
}
