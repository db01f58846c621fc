import Foundation
import XCTest

/// Runs the built `models` executable: the quick run's summary and figures, and its errors.
final class ModelsChapterTests: XCTestCase {
  /// The executable in the products directory (the parent of the xctest bundle), or nil.
  private func run(
    _ arguments: [String], file: StaticString = #filePath, line: UInt = #line
  ) throws -> ChapterOutput? {
    try runChapter("models", arguments, file: file, line: line)
  }

  private func temporaryDirectory() throws -> URL { try temporaryOutput(for: "models") }

  private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

  func testQuickRunTrainsWellAboveChanceAndWritesItsFigures() throws {
    guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
      throw XCTSkip("dataset-fashion-mnist is not installed")
    }
    let directory = try temporaryDirectory()
    guard let output = try run(["--quick", "--output", directory.path, "--json"]) else { return }
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    let summary = try XCTUnwrap(json as? [String: Any], output.stdout)
    XCTAssertEqual(summary["chapter"] as? String, "models")

    let classifier = try XCTUnwrap(summary["classifier"] as? [String: Any])
    // 200 of the 2,000 quick training images are held out for validation.
    XCTAssertEqual(number(classifier["training_images"]), 1800)
    XCTAssertEqual(number(classifier["validation_images"]), 200)
    XCTAssertEqual(number(classifier["test_images"]), 1000)
    XCTAssertGreaterThan(try XCTUnwrap(number(classifier["validation_accuracy"])), 0.5)
    // Chance is 10%; one epoch on 2,000 images reaches about 68% with the default seed.
    let accuracy = try XCTUnwrap(number(classifier["test_accuracy"]))
    XCTAssertGreaterThan(accuracy, 0.6)
    XCTAssertEqual((classifier["per_class_accuracy"] as? [Any])?.count, 10)

    // Regression: one hidden unit underfits; the widest network is far better.
    let regression = try XCTUnwrap(summary["regression"] as? [String: Any])
    let testMSE = try XCTUnwrap(regression["test_mse"] as? [Any]).compactMap(number)
    XCTAssertEqual(testMSE.count, 5)
    if let first = testMSE.first, let last = testMSE.last {
      XCTAssertLessThan(last, first / 2, "wider networks should fit the curve better: \(testMSE)")
    }
    XCTAssertEqual((summary["model_kinds"] as? [Any])?.count, 6)

    for name in [
      "training-curves", "confusion-matrix", "test-predictions", "first-layer-weights",
      "regression-widths",
    ] {
      let path = directory.appendingPathComponent("models/\(name).png").path
      XCTAssertTrue(FileManager.default.fileExists(atPath: path), "missing figure \(path)")
    }
    let figures = try XCTUnwrap(summary["figures"] as? [[String: Any]])
    XCTAssertEqual(figures.count, 5)
  }

  func testMissingDataIsOneLineNamingTheFileAndTheInstallCommand() throws {
    let directory = try temporaryDirectory()
    guard
      let output = try run(["--quick", "--output", directory.path, "--data", "/nonexistent"])
    else { return }
    XCTAssertNotEqual(output.status, 0)
    XCTAssertEqual(output.status, 1, output.stderr)
    let message = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    XCTAssertFalse(message.contains("\n"), "expected one line, got: \(message)")
    XCTAssertTrue(message.contains("/nonexistent/train-labels-idx1-ubyte.gz"), message)
    XCTAssertTrue(message.contains("apt-get install dataset-fashion-mnist"), message)
  }

  func testBadOptionValuesExitWithUsageCode() throws {
    for arguments in [
      ["--hidden", "256,x"], ["--hidden", "0"], ["--epochs", "0"], ["--learning-rate", "-1"],
      ["--batch-size", "0"], ["--dropout", "1"],
    ] {
      guard let output = try run(["--quick"] + arguments) else { return }
      XCTAssertEqual(output.status, 64, "\(arguments): \(output.stderr)")
      let message = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
      XCTAssertFalse(message.contains("\n"), "\(arguments): expected one line, got: \(message)")
    }
  }
}
