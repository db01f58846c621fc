import Foundation
import XCTest

@testable import Datasets

/// Hostile and damaged files: each test is a defect of issue 19 that once crashed the reader,
/// exhausted memory, or let a damaged file pass. Every one must end in a `DatasetError` whose
/// message names the file and what is wrong, in both the quick (`limit:`) and the full mode.
final class IDXRobustnessTests: XCTestCase {
  private func makeDirectory() throws -> URL {
    let directory = try IDXFixtures.temporaryDirectory()
    addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    return directory
  }

  /// Runs `load` in both modes and hands each thrown `DatasetError` to `check`.
  private func assertBothModesThrow(
    _ split: FashionMNIST.Split, from directory: URL, limit: Int = 2,
    file: StaticString = #filePath, line: UInt = #line, _ check: (DatasetError) -> Void
  ) {
    for mode in [nil, limit] {
      do {
        let set = try FashionMNIST.load(split, from: directory.path, limit: mode)
        XCTFail(
          "limit \(String(describing: mode)): loaded \(set.count) items", file: file, line: line)
      } catch let error as DatasetError {
        check(error)
      } catch {
        XCTFail("expected a DatasetError, got \(error)", file: file, line: line)
      }
    }
  }

  private var imagesURL: (URL) -> URL {
    { $0.appendingPathComponent("train-images-idx3-ubyte.gz") }
  }

  // MARK: 1. Header dimensions that would allocate gigabytes or overflow

  /// rows = 2³¹ once made the quick mode reserve 120 TB (issue 19, defect 1).
  func testHugeRowCountIsADamagedHeaderNotAnAllocation() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 4)
    try IDXFixtures.writeGzip(
      IDXFixtures.idx(magic: 0x803, dimensions: [4, 1 << 31, 28], data: [1, 2, 3]),
      to: imagesURL(directory))
    assertBothModesThrow(.train, from: directory) { error in
      XCTAssertTrue(error.description.contains(imagesURL(directory).path), error.description)
      XCTAssertTrue(error.description.contains("header"), error.description)
    }
  }

  /// 0xFFFFFFFF³ overflows Int: the product must be computed without trapping.
  func testDimensionsWhoseProductOverflowsAreADamagedHeader() throws {
    let all = UInt32.max
    let file =
      IDXFixtures.bigEndian(0x803) + IDXFixtures.bigEndian(all) + IDXFixtures.bigEndian(all)
      + IDXFixtures.bigEndian(all) + [0, 0, 0, 0]
    for limit in [nil, 3] as [Int?] {
      XCTAssertThrowsError(try parseIDX(file, dimensionCount: 3, path: "x", itemLimit: limit)) {
        XCTAssertTrue("\($0)".contains("header"), "\($0)")
      }
    }
  }

  // MARK: 3. A gzip bomb: inflation stops at the size the header states

  /// 3 items of labels followed by 20 MB of zeros in the same gzip stream: the reader must
  /// stop inflating once the output passes the header's 8 + 3 bytes, not after 20 MB.
  func testInflationStopsAtTheSizeTheHeaderStates() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 3)
    let labels = directory.appendingPathComponent("train-labels-idx1-ubyte.gz")
    try IDXFixtures.writeGzip(
      IDXFixtures.labelsFile(count: 3) + [UInt8](repeating: 0, count: 20 << 20), to: labels)
    assertBothModesThrow(.train, from: directory) { error in
      let message = error.description
      XCTAssertTrue(message.contains(labels.path), message)
      // It names the promised size and says the data go on; it cannot know by how much.
      XCTAssertTrue(message.contains("more than"), message)
      XCTAssertFalse(message.contains("\(20 << 20)"), "inflated the whole bomb: \(message)")
    }
  }

  // MARK: 4. An empty data set is an error, not a run on 0 images

  func testZeroItemsIsAnError() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 0)
    assertBothModesThrow(.test, from: directory) { error in
      XCTAssertTrue(error.description.contains("0 images"), error.description)
    }
  }

  // MARK: 7. Quick mode verifies the whole file; bytes after the gzip stream are refused

  func testTrailingGarbageAfterTheGzipStreamIsRefused() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 4)
    let url = imagesURL(directory)
    let bytes = try Data(contentsOf: url) + Data("garbage".utf8)
    try bytes.write(to: url)
    assertBothModesThrow(.train, from: directory) { error in
      XCTAssertTrue(error.description.contains(url.path), error.description)
      XCTAssertTrue(error.description.contains("after the end"), error.description)
    }
  }

  /// Two gzip members back to back are one valid gzip file (RFC 1952 §2.2, `cat a.gz b.gz`).
  func testConcatenatedGzipMembersAreOneFile() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 4)
    let whole = IDXFixtures.labelsFile(count: 4)
    let first = directory.appendingPathComponent("a.gz")
    let second = directory.appendingPathComponent("b.gz")
    try IDXFixtures.writeGzip(Array(whole.prefix(6)), to: first)
    try IDXFixtures.writeGzip(Array(whole.dropFirst(6)), to: second)
    try (try Data(contentsOf: first) + Data(contentsOf: second)).write(
      to: directory.appendingPathComponent("train-labels-idx1-ubyte.gz"))
    for limit in [nil, 2] as [Int?] {
      let set = try FashionMNIST.load(.train, from: directory.path, limit: limit)
      XCTAssertEqual(set.labels, Array([0, 1, 2, 3].prefix(limit ?? 4)))
    }
  }

  func testQuickModeFindsATruncatedImageFile() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 400)
    let url = imagesURL(directory)
    let bytes = try Data(contentsOf: url)
    try bytes.prefix(bytes.count * 9 / 10).write(to: url)
    assertBothModesThrow(.train, from: directory) { error in
      XCTAssertTrue(error.description.contains(url.path), error.description)
    }
  }

  func testQuickModeFindsABadLabelLateInTheFile() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 12)
    let labels = directory.appendingPathComponent("train-labels-idx1-ubyte.gz")
    try IDXFixtures.writeGzip(
      IDXFixtures.idx(magic: 0x801, dimensions: [12], data: Array(repeating: 1, count: 11) + [77]),
      to: labels)
    assertBothModesThrow(.train, from: directory) { error in
      XCTAssertEqual(error, .invalidLabel(path: labels.path, index: 11, value: 77, classCount: 10))
    }
  }

  func testQuickModeComparesTheStatedCounts() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 12)
    try IDXFixtures.writeGzip(
      IDXFixtures.labelsFile(count: 13),
      to: directory.appendingPathComponent("train-labels-idx1-ubyte.gz"))
    assertBothModesThrow(.train, from: directory) { error in
      guard case .countMismatch(_, let images, _, let labels) = error else {
        return XCTFail("expected countMismatch, got \(error)")
      }
      XCTAssertEqual([images, labels], [12, 13])
    }
  }

  /// The CRC-32 in the gzip trailer (bytes −8…−5) no longer matches the data. 400 images
  /// (313 kB) are more than zlib inflates in one call, so a reader that stops after the
  /// first images never reaches the trailer.
  func testQuickModeChecksTheCRC() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 400)
    let url = imagesURL(directory)
    var bytes = [UInt8](try Data(contentsOf: url))
    bytes[bytes.count - 8] ^= 0xff
    try Data(bytes).write(to: url)
    assertBothModesThrow(.train, from: directory) { error in
      guard case .corruptCompression(let path, _) = error else {
        return XCTFail("expected corruptCompression, got \(error)")
      }
      XCTAssertEqual(path, url.path)
    }
  }
}
