import Foundation
import NumericsCore
import XCTest

/// PyTorch's float64 `conv2d` and `max_pool2d` (and float32 `conv2d`), forward and backward,
/// already converted to the course's channels-last layout by
/// `Benchmarks/peers/conv_fixtures.py`.
struct ConvFixtures: Decodable {
  struct Conv: Decodable {
    let batch: Int
    let height: Int
    let width: Int
    let channels: Int
    let filters: Int
    let kernel: Int
    let stride: Int
    let padding: Int
    let input: [Double]
    let kernels: [Double]
    let bias: [Double]
    let upstream: [Double]
    let output: [Double]
    let input_gradient: [Double]
    let kernel_gradient: [Double]
    let bias_gradient: [Double]
  }

  struct Pool: Decodable {
    let batch: Int
    let height: Int
    let width: Int
    let channels: Int
    let size: Int
    let stride: Int
    let input: [Double]
    let upstream: [Double]
    let output: [Double]
    let input_gradient: [Double]
  }

  let conv: [Conv]
  let pool: [Pool]
  /// PyTorch float32 `conv2d` on float32 draws (stored exactly as float64).
  let conv_float32: [Conv]

  /// Reads `Fixtures/conv_pool.json` next to this file.
  static func load(file: StaticString = #filePath, line: UInt = #line) throws -> ConvFixtures {
    let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
      .appendingPathComponent("Fixtures/conv_pool.json")
    return try JSONDecoder().decode(ConvFixtures.self, from: Data(contentsOf: url))
  }
}

/// Asserts `|a − e| ≤ tolerance · max(1, |e|)` element-wise, naming the worst element.
func assertClose(
  _ actual: Matrix, _ expected: [Double], tolerance: Double = 1e-9, _ what: String,
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(actual.count, expected.count, "\(what): element count", file: file, line: line)
  guard actual.count == expected.count else { return }
  var worst = (index: 0, error: 0.0)
  for (i, e) in expected.enumerated() {
    let error = abs(actual.elements[i] - e) / max(1, abs(e))
    if !(error <= worst.error) { worst = (i, error) }
  }
  XCTAssertLessThanOrEqual(
    worst.error, tolerance,
    "\(what): element \(worst.index) is \(actual.elements[worst.index]), PyTorch "
      + "\(expected[worst.index])", file: file, line: line)
}
