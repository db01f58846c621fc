import CZlib
import Foundation
import XCTest

/// Small IDX files written by the tests themselves: valid, truncated and corrupted.
enum IDXFixtures {
  /// A fresh temporary folder, removed by the caller's `addTeardownBlock`.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("datasets-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// An IDX file of bytes: magic 0x0000_08_0d, big-endian dimensions, then the data.
  static func idx(magic: UInt32, dimensions: [Int], data: [UInt8]) -> [UInt8] {
    var bytes = bigEndian(magic)
    for d in dimensions { bytes += bigEndian(UInt32(d)) }
    return bytes + data
  }

  static func bigEndian(_ value: UInt32) -> [UInt8] {
    [
      UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff),
      UInt8(value & 0xff),
    ]
  }

  /// `count` images of 28×28 whose pixel (i, p) is `(7·i + p) mod 256`, and labels `i mod 10`.
  static func pixel(image i: Int, position p: Int) -> UInt8 { UInt8((7 * i + p) % 256) }

  static func imagesFile(count: Int, declaredCount: Int? = nil) -> [UInt8] {
    var data = [UInt8]()
    for i in 0..<count { for p in 0..<784 { data.append(pixel(image: i, position: p)) } }
    return idx(magic: 0x803, dimensions: [declaredCount ?? count, 28, 28], data: data)
  }

  static func labelsFile(count: Int) -> [UInt8] {
    idx(magic: 0x801, dimensions: [count], data: (0..<count).map { UInt8($0 % 10) })
  }

  /// Writes `bytes` gzip-compressed with zlib's gzopen/gzwrite.
  static func writeGzip(_ bytes: [UInt8], to url: URL) throws {
    guard let file = gzopen(url.path, "wb") else {
      throw CocoaError(.fileWriteUnknown)
    }
    let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
    gzclose(file)
    XCTAssertEqual(Int(written), bytes.count, "gzwrite wrote \(written) of \(bytes.count) bytes")
  }

  /// Writes a complete Fashion-MNIST-like folder (both splits) with `count` items each.
  static func writeDataSet(in directory: URL, count: Int) throws {
    for prefix in ["train", "t10k"] {
      try writeGzip(
        imagesFile(count: count),
        to: directory.appendingPathComponent("\(prefix)-images-idx3-ubyte.gz"))
      try writeGzip(
        labelsFile(count: count),
        to: directory.appendingPathComponent("\(prefix)-labels-idx1-ubyte.gz"))
    }
  }
}
