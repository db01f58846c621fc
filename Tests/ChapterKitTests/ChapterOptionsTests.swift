import ArgumentParser
import Foundation
import XCTest

@testable import ChapterKit

/// The shared options' messages (issue 19, defect 8): each mistake gets a sentence that says
/// what is wrong, not ArgumentParser's or Foundation's internals.
final class ChapterOptionsTests: XCTestCase {
  private func message(_ arguments: [String]) -> String? {
    do {
      _ = try ChapterOptions.parse(arguments)
      return nil
    } catch {
      return ChapterOptions.message(for: error)
    }
  }

  func testNegativeSeedSaysWhatASeedIs() throws {
    let text = try XCTUnwrap(message(["--seed", "-1"]))
    XCTAssertFalse(text.contains("Missing value"), text)
    XCTAssertTrue(text.contains("0…18446744073709551615"), text)
  }

  func testEmptyOutputIsRefused() throws {
    let text = try XCTUnwrap(message(["--output", ""]))
    XCTAssertTrue(text.contains("--output"), text)
  }

  func testExplorationsNeverDefaultToTheCourseFigures() throws {
    let options = try ChapterOptions.parse([])
    XCTAssertEqual(options.output(exploring: false), "Figures")
    XCTAssertEqual(options.output(exploring: true), ChapterOptions.explorationDirectory)
    XCTAssertNotEqual(ChapterOptions.explorationDirectory, "Figures")
  }

  func testOutputThatIsAFileNamesTheFile() throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("chapter-options-\(UUID().uuidString)")
    try Data("x".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    var options = try ChapterOptions.parse(["--output", file.path, "--json"])
    options.json = true
    XCTAssertThrowsError(try ChapterRun(chapter: "c", title: "t", options: options)) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("\(file.path) is a file, not a folder"), text)
      XCTAssertFalse(text.contains("NSCocoaErrorDomain"), text)
    }
  }

  func testFileErrorsGiveTheSystemsReason() {
    let error = NSError(
      domain: NSCocoaErrorDomain, code: 512,
      userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))])
    XCTAssertEqual(fileErrorReason(error), String(cString: strerror(EACCES)))
  }
}
