import Foundation
import XCTest

@testable import Datasets

/// Replays the fuzz target's inputs through the reader: the committed seed corpus
/// (`Fuzz/corpus/`) and every input that once crashed it (`Fuzz/crashes/`). A crash found by
/// `make fuzz` becomes a regression test by copying its `crash-…` file into `Fuzz/crashes/`
/// under a name that says what it was.
///
/// Each file is one mode byte and then the file to read, exactly as in
/// `Fuzz/IDXFuzzTarget.swift` (bit 0: images, bit 1: keep only `byte >> 2` items).
final class IDXFuzzRegressionTests: XCTestCase {
  private static let fuzzFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz")

  /// The same bound as the fuzz target's `fuzzMaximumBytes`.
  private let maximumBytes = 1 << 24

  private func inputs(in folder: String) throws -> [(name: String, bytes: [UInt8])] {
    let url = Self.fuzzFolder.appendingPathComponent(folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    return try names.map { ($0, [UInt8](try Data(contentsOf: url.appendingPathComponent($0)))) }
  }

  /// Decodes one input as the fuzz target does; returns the array or the error.
  private func replay(_ input: [UInt8]) -> Result<IDXArray, DatasetError>? {
    guard let mode = input.first else { return nil }
    let dimensionCount = mode & 1 == 0 ? 1 : 3
    let limit: Int? = mode & 2 == 0 ? nil : Int(mode >> 2)
    do {
      return .success(
        try decodeIDX(
          Array(input.dropFirst()), dimensionCount: dimensionCount, path: "fuzz",
          itemLimit: limit, maximumBytes: maximumBytes))
    } catch let error as DatasetError {
      return .failure(error)
    } catch {
      XCTFail("not a DatasetError: \(error)")
      return nil
    }
  }

  /// The seeds are the real headers with few items: every one of them reads.
  func testEverySeedReads() throws {
    let seeds = try inputs(in: "corpus")
    XCTAssertGreaterThanOrEqual(seeds.count, 5)
    for (name, bytes) in seeds where !name.contains("prefix") && !name.contains("header-only") {
      guard case .success(let array)? = replay(bytes) else {
        XCTFail("\(name): \(String(describing: replay(bytes)))")
        continue
      }
      XCTAssertGreaterThan(array.fileItemCount, 0, name)
    }
  }

  /// Every input that once crashed the reader now ends in a `DatasetError` naming the file.
  func testEveryFormerCrashIsARefusal() throws {
    let crashes = try inputs(in: "crashes")
    XCTAssertFalse(crashes.isEmpty)
    for (name, bytes) in crashes {
      guard case .failure(let error)? = replay(bytes) else {
        XCTFail("\(name): expected a DatasetError, got \(String(describing: replay(bytes)))")
        continue
      }
      XCTAssertTrue(error.description.contains("fuzz"), "\(name): \(error)")
    }
  }

  func testFormerCrashesGiveTheRightDiagnosis() throws {
    let crashes = Dictionary(uniqueKeysWithValues: try inputs(in: "crashes"))
    let expected: [String: (DatasetError) -> Bool] = [
      "issue19-rows-2pow31-quick": { if case .implausibleHeader = $0 { true } else { false } },
      "issue19-rows-2pow31-full": { if case .implausibleHeader = $0 { true } else { false } },
      "issue19-dimensions-overflow": { if case .implausibleHeader = $0 { true } else { false } },
      "issue19-dimensions-overflow-quick": {
        if case .implausibleHeader = $0 { true } else { false }
      },
      "issue19-gzip-bomb": {
        $0 == .longerThanHeader(path: "fuzz", expectedBytes: 3)
      },
    ]
    for (name, isRight) in expected {
      let bytes = try XCTUnwrap(crashes[name], "missing Fuzz/crashes/\(name)")
      guard case .failure(let error)? = replay(bytes) else { XCTFail(name); continue }
      XCTAssertTrue(isRight(error), "\(name): \(error)")
    }
  }
}
