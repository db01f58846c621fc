import Foundation
import XCTest

@testable import Datasets

final class FashionMNISTTests: XCTestCase {
  private func makeDirectory() throws -> URL {
    let directory = try IDXFixtures.temporaryDirectory()
    addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    return directory
  }

  private func assertThrows(
    _ expression: @autoclosure () throws -> some Any, file: StaticString = #filePath,
    line: UInt = #line, _ check: (DatasetError) -> Void
  ) {
    do {
      _ = try expression()
      XCTFail("expected a DatasetError", file: file, line: line)
    } catch let error as DatasetError {
      check(error)
    } catch {
      XCTFail("expected a DatasetError, got \(error)", file: file, line: line)
    }
  }

  func testValidFilesLoadWithPixelsScaledToUnitInterval() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 12)
    let set = try FashionMNIST.load(.train, from: directory.path)
    XCTAssertEqual(set.count, 12)
    XCTAssertEqual(set.features.columns, 784)
    XCTAssertEqual(set.labels, (0..<12).map { $0 % 10 })
    XCTAssertEqual(set.classNames.count, 10)
    for (i, p) in [(0, 0), (3, 100), (11, 783), (5, 37)] {
      XCTAssertEqual(set.features[i, p], Double(IDXFixtures.pixel(image: i, position: p)) / 255)
    }
    XCTAssertGreaterThanOrEqual(set.features.min(), 0)
    XCTAssertLessThanOrEqual(set.features.max(), 1)
  }

  func testLimitReadsOnlyTheFirstItems() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 12)
    let set = try FashionMNIST.load(.test, from: directory.path, limit: 5)
    XCTAssertEqual(set.count, 5)
    XCTAssertEqual(set.labels, [0, 1, 2, 3, 4])
    XCTAssertEqual(set.features[4, 10], Double(IDXFixtures.pixel(image: 4, position: 10)) / 255)
  }

  func testUncompressedFilesAreAcceptedWhenTheGzipIsAbsent() throws {
    let directory = try makeDirectory()
    try Data(IDXFixtures.imagesFile(count: 3)).write(
      to: directory.appendingPathComponent("t10k-images-idx3-ubyte"))
    try Data(IDXFixtures.labelsFile(count: 3)).write(
      to: directory.appendingPathComponent("t10k-labels-idx1-ubyte"))
    let set = try FashionMNIST.load(.test, from: directory.path)
    XCTAssertEqual(set.labels, [0, 1, 2])
  }

  func testMissingFileNamesTheFileAndTheInstallCommand() throws {
    let directory = try makeDirectory()
    assertThrows(try FashionMNIST.load(.train, from: directory.path)) { error in
      let message = error.description
      XCTAssertTrue(message.contains("train-labels-idx1-ubyte.gz"), message)
      XCTAssertTrue(message.contains("apt-get install dataset-fashion-mnist"), message)
    }
  }

  func testTruncatedGzipIsReported() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 12)
    let url = directory.appendingPathComponent("train-images-idx3-ubyte.gz")
    let bytes = try Data(contentsOf: url)
    try bytes.prefix(bytes.count / 2).write(to: url)
    assertThrows(try FashionMNIST.load(.train, from: directory.path)) { error in
      guard case .corruptCompression(let path, let reason) = error else {
        return XCTFail("expected corruptCompression, got \(error)")
      }
      XCTAssertEqual(path, url.path)
      XCTAssertTrue(reason.contains("truncated"), reason)
    }
  }

  func testCorruptedGzipIsReported() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 12)
    let url = directory.appendingPathComponent("train-images-idx3-ubyte.gz")
    var bytes = [UInt8](try Data(contentsOf: url))
    // Flip bits in the middle of the deflate stream: either the decoder rejects the
    // stream or the CRC-32 in the trailer no longer matches.
    for i in (bytes.count / 2)..<(bytes.count / 2 + 8) { bytes[i] ^= 0x5a }
    try Data(bytes).write(to: url)
    assertThrows(try FashionMNIST.load(.train, from: directory.path)) { error in
      guard case .corruptCompression(let path, _) = error else {
        return XCTFail("expected corruptCompression, got \(error)")
      }
      XCTAssertEqual(path, url.path)
    }
  }

  func testDataShorterThanTheHeaderPromisesIsTruncated() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 4)
    let url = directory.appendingPathComponent("train-images-idx3-ubyte.gz")
    try IDXFixtures.writeGzip(IDXFixtures.imagesFile(count: 3, declaredCount: 4), to: url)
    assertThrows(try FashionMNIST.load(.train, from: directory.path)) { error in
      XCTAssertEqual(
        error, .truncated(path: url.path, expectedBytes: 4 * 784, actualBytes: 3 * 784))
      XCTAssertTrue(error.description.contains("truncated"), error.description)
    }
  }

  func testWrongMagicNumberIsReported() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 4)
    // A label file where the image file should be: magic 0x801 instead of 0x803.
    let url = directory.appendingPathComponent("train-images-idx3-ubyte.gz")
    try IDXFixtures.writeGzip(IDXFixtures.labelsFile(count: 4), to: url)
    assertThrows(try FashionMNIST.load(.train, from: directory.path)) { error in
      XCTAssertEqual(error, .wrongMagicNumber(path: url.path, found: 0x801, expected: 0x803))
      XCTAssertTrue(error.description.contains("0x00000801"), error.description)
    }
  }

  func testImageAndLabelCountsThatDisagreeAreReported() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 4)
    let labels = directory.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
    try IDXFixtures.writeGzip(IDXFixtures.labelsFile(count: 5), to: labels)
    assertThrows(try FashionMNIST.load(.test, from: directory.path)) { error in
      guard case .countMismatch(_, let images, _, let labelCount) = error else {
        return XCTFail("expected countMismatch, got \(error)")
      }
      XCTAssertEqual(images, 4)
      XCTAssertEqual(labelCount, 5)
    }
  }

  func testExtraBytesAfterTheDataAreReported() throws {
    let file = IDXFixtures.labelsFile(count: 3) + [1, 2]
    XCTAssertThrowsError(try parseIDX(file, dimensionCount: 1, path: "x")) { error in
      XCTAssertEqual(
        error as? DatasetError, .trailingBytes(path: "x", expectedBytes: 3, actualBytes: 5))
    }
  }

  func testLabelOutsideTheTenClassesIsReported() throws {
    let directory = try makeDirectory()
    try IDXFixtures.writeDataSet(in: directory, count: 2)
    let labels = directory.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
    try IDXFixtures.writeGzip(
      IDXFixtures.idx(magic: 0x801, dimensions: [2], data: [3, 12]), to: labels)
    assertThrows(try FashionMNIST.load(.test, from: directory.path)) { error in
      XCTAssertEqual(
        error, .invalidLabel(path: labels.path, index: 1, value: 12, classCount: 10))
    }
  }

  /// The installed data set, when present: first labels as published (checked with Python's
  /// independent gzip module), shapes, and the pixel sum of the first training image.
  func testInstalledDataSetWhenPresent() throws {
    let directory = FashionMNIST.defaultDirectory
    guard FileManager.default.fileExists(atPath: FashionMNIST.files(for: .test).labels) else {
      throw XCTSkip("dataset-fashion-mnist is not installed")
    }
    let train = try FashionMNIST.load(.train, from: directory, limit: 10)
    XCTAssertEqual(train.labels, [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
    XCTAssertEqual(train.features.row(0).reduce(0, +) * 255, 76247, accuracy: 1e-6)
    let test = try FashionMNIST.load(.test, from: directory, limit: 10)
    XCTAssertEqual(test.labels, [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
    XCTAssertEqual(test.classNames[9], "Ankle boot")
  }
}
