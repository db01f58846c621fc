import ArgumentParser
import XCTest

@testable import ChapterKit

final class ReportTests: XCTestCase {
  func testFormatNumberUsesSignificantDigits() {
    XCTAssertEqual(formatNumber(3.14159265), "3.142")
    XCTAssertEqual(formatNumber(-0.5), "-0.5")
    XCTAssertEqual(formatNumber(2), "2")
    XCTAssertEqual(formatNumber(1234.5678), "1235")
    XCTAssertEqual(formatNumber(0.0012346), "0.001235")
    XCTAssertEqual(formatNumber(1.5e-7), "1.5e-07")
    XCTAssertEqual(formatNumber(2.5e8), "2.5e+08")
    XCTAssertEqual(formatNumber(0), "0")
    XCTAssertEqual(formatNumber(.nan), "nan")
    XCTAssertEqual(formatNumber(-.infinity), "-inf")
  }

  func testTableAlignsTextLeftAndNumbersRight() {
    let text = formatTable(header: ["name", "value"], rows: [["sgd", "0.5"], ["adam", "12.25"]])
    XCTAssertEqual(
      text,
      """
      name  value
      ----  -----
      sgd     0.5
      adam  12.25
      """)
  }

  func testParseListAcceptsNegativeNumbersAndRejectsGarbage() throws {
    XCTAssertEqual(try parseList("-20, 0,3.5"), [-20, 0, 3.5])
    XCTAssertThrowsError(try parseList("1,x,3", option: "logits")) { error in
      XCTAssertTrue("\(error)".contains("'x' is not a number"), "\(error)")
    }
    XCTAssertThrowsError(try parseList("1,nan"))
    XCTAssertThrowsError(try parseList(""))
    XCTAssertThrowsError(try parseList("1,,2"))
  }

  func testParseRowsSplitsOnSemicolonsAndChecksLengths() throws {
    XCTAssertEqual(try parseRows("1,2,3;1000,-1000,0"), [[1, 2, 3], [1000, -1000, 0]])
    XCTAssertThrowsError(try parseRows("1,2;3")) { error in
      XCTAssertTrue("\(error)".contains("row 2 has 1 entries"), "\(error)")
    }
    XCTAssertEqual(try parseIntegers("2,1,0"), [2, 1, 0])
    XCTAssertThrowsError(try parseIntegers("1.5"))
  }
}

final class JSONValueTests: XCTestCase {
  func testSerialisationSortsKeysAndRoundTripsNumbers() throws {
    let value: JSONValue = ["b": [1, 2.5], "a": ["x": true, "y": nil], "c": "q\"uote"]
    let text = value.serialized(pretty: false)
    XCTAssertEqual(text, #"{"a": {"x": true, "y": null}, "b": [1, 2.5], "c": "q\"uote"}"#)
    // Foundation's parser reads it back to the same values.
    let parsed = try JSONSerialization.jsonObject(with: Data(value.serialized().utf8))
    let object = try XCTUnwrap(parsed as? [String: Any])
    XCTAssertEqual(object["b"] as? [Double], [1, 2.5])
    XCTAssertEqual(object["c"] as? String, "q\"uote")
  }

  func testNonFiniteNumbersBecomeNull() {
    XCTAssertEqual(JSONValue.numbers([1, .nan, .infinity]).serialized(), "[1, null, null]")
  }

  func testShortestRoundTripRepresentation() {
    XCTAssertEqual(JSONValue.number(0.1).serialized(), "0.1")
    XCTAssertEqual(Double(JSONValue.number(1.0 / 3).serialized()), 1.0 / 3)
  }
}

final class ChapterRunTests: XCTestCase {
  func testFinishWritesSummaryWithReservedKeys() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("chapterkit-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let options = try ChapterOptions.parse(["--output", folder.path, "--json", "--seed", "7"])
    let run = try ChapterRun(chapter: "demo", title: "0.0 Demo", options: options)
    run.summary["answer"] = 42
    try run.finish()
    let data = try Data(contentsOf: folder.appendingPathComponent("demo/summary.json"))
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    XCTAssertEqual(object["answer"] as? Int, 42)
    XCTAssertEqual(object["seed"] as? Int, 7)
    XCTAssertEqual(object["chapter"] as? String, "demo")
    XCTAssertEqual((object["figures"] as? [Any])?.count, 0)
  }

  func testGeneratorsAreSeededAndIndependentPerExperiment() throws {
    let options = try ChapterOptions.parse(
      ["--output", FileManager.default.temporaryDirectory.path, "--json"])
    let run = try ChapterRun(chapter: "demo-rng", title: "Demo", options: options)
    var a = run.makeGenerator(for: "one")
    var b = run.makeGenerator(for: "one")
    var c = run.makeGenerator(for: "two")
    let first = a.next()
    XCTAssertEqual(first, b.next())
    XCTAssertNotEqual(first, c.next())
  }

  func testDivergedMessageNamesStepAndLoss() {
    let message = "\(ChapterError.diverged(step: 17, loss: .infinity))"
    XCTAssertEqual(message, "diverged at step 17 (loss inf); try a smaller learning rate")
  }

  func testOptionsParseTheSharedFlags() throws {
    let options = try ChapterOptions.parse(["--seed", "3", "--quick", "--output=out", "--json"])
    XCTAssertEqual(options.seed, 3)
    XCTAssertTrue(options.quick)
    XCTAssertEqual(options.output(exploring: false), "out")
    XCTAssertEqual(options.output(exploring: true), "out")
    XCTAssertTrue(options.json)
  }
}
