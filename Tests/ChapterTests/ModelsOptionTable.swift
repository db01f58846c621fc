import XCTest

/// `models`' options at their boundaries (see CLIBoundaryTable.swift). Accepted values train
/// the classifier alone (`--experiments 1`) on 201 training images (200 of them held out for
/// validation) and one test image; the most expensive values only have to start (they would
/// take minutes in a debug build).
final class ModelsOptionTable: XCTestCase {
  func testOptionBoundaries() throws {
    let tiny = ["--experiments", "1", "--training-images", "201", "--test-images", "1"]
    try checkOptionTable(
      chapter: "models",
      [
        .integer("--epochs", 1...1000, context: tiny, maximum: .startsRunning),
        .integer("--batch-size", 1...60_000, context: tiny, maximum: .startsRunning),
        .integer(
          // --training-images 1…200 trapped in ClassificationSet.split (200 held out).
          "--training-images", 201...60_000, context: ["--experiments", "1"],
          maximum: .startsRunning,
          minimum: .startsRunning),
        .integer(
          "--test-images", 1...10_000, context: ["--experiments", "1"], maximum: .startsRunning,
          minimum: .startsRunning),
        .real(
          "--learning-rate", accepted: ["1e-300", "10"], refused: ["0", "-1", "10.01"],
          context: tiny, expectation: .startsRunning),
        .real(
          "--dropout", accepted: ["0", "0.999"], refused: ["1", "-0.1"], context: tiny,
          expectation: .startsRunning),
        // Issue 19: 8 × 4096 needed 3.9 GB and died with a backtrace under 2 GB.
        .values(
          "--hidden", accepted: ["1", "4096", "1,1,1,1,1,1,1,1"],
          refused: ["0", "4097", "4096,4096", "1,1,1,1,1,1,1,1,1", "", "x", "-1", "1,,2", "nan"],
          context: tiny, expectation: .startsRunning),
        .line(tiny + ["--hidden", "4096", "--batch-size", "8193"], .refused),
        .values("--experiments", accepted: ["3"], refused: ["0", "4", ""]),
        .values("--data", accepted: [], refused: [""], context: tiny),
        .values("--seed", accepted: [], refused: ["-1", ""], context: tiny),
        .values("--output", accepted: [], refused: [""], context: tiny),
      ])
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(
      chapter: "models", ["1000", "201…60000", "10000", "4096", "4000000", "33554432"])
  }
}
