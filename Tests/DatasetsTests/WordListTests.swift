import Datasets
import Foundation
import XCTest

final class WordListTests: XCTestCase {
  func testOnlyLowerCaseLetterWordsAreKept() {
    let text = "Aaron\naardvark\naardvark's\nabc\n\néclair\nzoo\r\nzebra\nabc\nx"
    XCTAssertEqual(WordList.words(in: Array(text.utf8)), ["aardvark", "abc", "zebra", "x"])
    XCTAssertEqual(WordList.words(in: Array(text.utf8), minimumLength: 4), ["aardvark", "zebra"])
  }

  func testMissingFileNamesTheInstallCommand() {
    XCTAssertThrowsError(try WordList.load(from: "/nonexistent/words")) { error in
      let message = "\(error)"
      XCTAssertTrue(message.contains("/nonexistent/words"), message)
      XCTAssertTrue(message.contains("apt-get install wamerican"), message)
    }
  }

  func testInstalledWordListWhenPresent() throws {
    guard FileManager.default.fileExists(atPath: WordList.defaultPath) else {
      throw XCTSkip("wamerican is not installed")
    }
    let words = try WordList.load()
    // Debian's list has about 64,000 lower-case a–z words.
    XCTAssertGreaterThan(words.count, 50_000)
    XCTAssertTrue(words.contains("neural"))
    XCTAssertFalse(words.contains { $0.contains("'") })
  }
}
