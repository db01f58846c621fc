import Foundation
import XCTest

/// Runs the built `overview` executable in quick mode: the learning curve's summary, its
/// figures, and its errors.
final class OverviewChapterTests: XCTestCase {
  private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

  func testQuickRunTrainsBothModelsAtEverySizeAndWritesItsFigures() throws {
    guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
      throw XCTSkip("dataset-fashion-mnist is not installed")
    }
    let directory = try temporaryOutput(for: "overview")
    let output = try runChapter("overview", ["--quick", "--output", directory.path, "--json"])
    XCTAssertEqual(output.status, 0, output.stderr)
    let summary = try output.jsonObject()
    XCTAssertEqual(summary["chapter"] as? String, "overview")
    XCTAssertEqual((summary["sizes"] as? [Any])?.compactMap(number), [100, 500])
    XCTAssertEqual(number(summary["validation_images"]), 300)
    for model in ["linear", "mlp"] {
      let record = try XCTUnwrap(summary[model] as? [String: Any], "no \(model)")
      let accuracy = try XCTUnwrap(record["test_accuracy"] as? [Any]).compactMap(number)
      XCTAssertEqual(accuracy.count, 2)
      // Chance is 10%; 100 labelled images already give well above 40% with either model.
      for value in accuracy { XCTAssertGreaterThan(value, 0.4, "\(model): \(accuracy)") }
      let steps = try XCTUnwrap(record["steps_to_best"] as? [Any]).compactMap(number)
      XCTAssertTrue(steps.allSatisfy { $0 >= 1 }, "\(model): \(steps)")
    }
    // Multiply-adds by hand: 784·10 = 7,840 and 784·256 + 256·128 + 128·10 = 234,752.
    let linear = try XCTUnwrap(summary["linear"] as? [String: Any])
    let mlp = try XCTUnwrap(summary["mlp"] as? [String: Any])
    XCTAssertEqual(number(linear["multiply_adds_per_image"]), 7840)
    XCTAssertEqual(number(mlp["multiply_adds_per_image"]), 234_752)
    for name in ["learning-curve", "cost"] {
      let path = directory.appendingPathComponent("overview/\(name).png").path
      XCTAssertTrue(FileManager.default.fileExists(atPath: path), "missing figure \(path)")
    }
  }

  func testBadSizesExitWithUsageCode() throws {
    for arguments in [["--sizes", "100,x"], ["--sizes", "5"], ["--sizes", "60000"]] {
      let output = try runChapter("overview", ["--quick"] + arguments)
      XCTAssertEqual(output.status, 64, "\(arguments): \(output.stderr)")
      let message = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
      XCTAssertFalse(message.contains("\n"), "\(arguments): expected one line, got: \(message)")
    }
  }

  func testMissingDataIsOneLineNamingTheFile() throws {
    let directory = try temporaryOutput(for: "overview")
    let output = try runChapter(
      "overview", ["--quick", "--output", directory.path, "--data", "/nonexistent"])
    XCTAssertEqual(output.status, 1, output.stderr)
    let message = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    XCTAssertFalse(message.contains("\n"), "expected one line, got: \(message)")
    XCTAssertTrue(message.contains("/nonexistent/"), message)
  }
}
