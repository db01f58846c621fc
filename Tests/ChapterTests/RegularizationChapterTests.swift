import Foundation
import XCTest

/// Runs the built `regularization` executable: the quick run's summary and figures, the
/// exploration mode, and its errors.
final class RegularizationChapterTests: XCTestCase {
  private func run(
    _ arguments: [String], file: StaticString = #filePath, line: UInt = #line
  ) throws -> ChapterOutput? {
    try runChapter("regularization", arguments, file: file, line: line)
  }

  private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

  private var hasData: Bool {
    FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist")
  }

  func testQuickRunWritesEveryFigureAndTheCNNSummary() throws {
    guard hasData else { throw XCTSkip("dataset-fashion-mnist is not installed") }
    let directory = try temporaryOutput(for: "regularization")
    guard let output = try run(["--quick", "--output", directory.path, "--json"]) else { return }
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    let summary = try XCTUnwrap(json as? [String: Any], output.stdout)
    XCTAssertEqual(summary["chapter"] as? String, "regularization")

    let cnn = try XCTUnwrap(summary["cnn"] as? [String: Any])
    XCTAssertTrue(
      Set(cnn.keys).isSuperset(of: ["test_accuracy", "training_seconds", "parameters", "epochs"]),
      "\(cnn.keys)")
    XCTAssertEqual(number(cnn["epochs"]), 1)  // quick mode: one epoch
    let seconds = try XCTUnwrap(summary["seconds"] as? [String: Any])
    XCTAssertEqual(
      Set(seconds.keys),
      ["overfitting", "cures", "sparsity", "max_norm", "cnn_and_mlps", "weight_decay"])
    XCTAssertEqual(number(cnn["parameters"]), 225_034)
    XCTAssertGreaterThan(try XCTUnwrap(number(cnn["test_accuracy"])), 0.1)

    // L2 never makes a weight exactly 0; proximal L1 does.
    let sparsity = try XCTUnwrap(summary["sparsity"] as? [String: Any])
    let zeros = try XCTUnwrap(sparsity["zero_fraction"] as? [String: Any])
    XCTAssertEqual(number(zeros["l2"]), 0)
    XCTAssertGreaterThan(try XCTUnwrap(number(zeros["l1_proximal"])), 0)

    // Decoupled decay and L2 coincide for plain SGD (rounding), not for Adam.
    let decay = try XCTUnwrap(summary["weight_decay"] as? [String: Any])
    XCTAssertLessThan(try XCTUnwrap(number(decay["sgd_relative_difference"])), 1e-3)
    XCTAssertGreaterThan(try XCTUnwrap(number(decay["adam_relative_difference"])), 1e-3)

    for name in [
      "overfitting", "cures", "weight-histograms", "lambda-sweep", "max-norm",
      "parameter-sharing", "first-layer-filters", "l2-vs-weight-decay",
    ] {
      let path = directory.appendingPathComponent("regularization/\(name).png").path
      XCTAssertTrue(FileManager.default.fileExists(atPath: path), "missing figure \(path)")
    }
  }

  func testExplorationRunsOnceWithTheGivenStrengths() throws {
    guard hasData else { throw XCTSkip("dataset-fashion-mnist is not installed") }
    let directory = try temporaryOutput(for: "regularization-explore")
    guard
      let output = try run([
        "--quick", "--output", directory.path, "--json", "--l1", "0.01", "--epochs", "2",
      ])
    else { return }
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    let summary = try XCTUnwrap(json as? [String: Any], output.stdout)
    let exploration = try XCTUnwrap(summary["exploration"] as? [String: Any])
    XCTAssertGreaterThan(try XCTUnwrap(number(exploration["zero_fraction"])), 0)
    XCTAssertNil(summary["cnn"], "exploration trains one network only")
  }

  func testBadOptionValuesExitWithUsageCode() throws {
    for arguments in [
      ["--l2", "-1"], ["--l1", "2"], ["--max-norm", "0"], ["--dropout", "0.95"],
      ["--epochs", "0", "--l2", "0.1"], ["--epochs", "5"], ["--l2", "x"],
    ] {
      guard let output = try run(["--quick"] + arguments) else { return }
      XCTAssertEqual(output.status, 64, "\(arguments): \(output.stderr)")
      let message = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
      XCTAssertFalse(message.contains("\n"), "\(arguments): expected one line, got: \(message)")
    }
  }
}
