import XCTest

/// `regularization`'s options at their boundaries (see CLIBoundaryTable.swift). Accepted
/// values train the quick small-set MLP once (about a second in a debug build).
final class RegularizationOptionTable: XCTestCase {
  func testOptionBoundaries() throws {
    guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
      throw XCTSkip("dataset-fashion-mnist is not installed")
    }
    let explore = ["--l2", "0", "--epochs", "1"]
    let one = ["--epochs", "1"]
    try checkOptionTable(
      chapter: "regularization",
      [
        // Issue 19: a negative strength said "Missing value for '--l2 <l2>'".
        .real("--l2", accepted: ["0", "1"], refused: ["-0.1", "1.000001", "1e300"], context: one),
        .real("--l1", accepted: ["0", "1"], refused: ["-0.1", "1.000001", "1e300"], context: one),
        .real(
          "--max-norm", accepted: ["1e-300", "100"], refused: ["0", "-1", "100.001", "1e300"],
          context: one),
        .real(
          "--dropout", accepted: ["0", "0.9"], refused: ["-0.1", "0.900001", "1", "1e300"],
          context: one),
        .integer("--epochs", 1...500, context: ["--l2", "0"], maximum: .startsRunning),
        .line(["--epochs", "1"], .refused),
        // Issue 19: an empty --data looked for /train-labels-idx1-ubyte.gz (exit 1).
        .values("--data", accepted: [], refused: ["", " "], context: explore),
        .line(explore + ["--data", "/nonexistent-folder"], .dataError),
        .values(
          "--seed", accepted: ["0", "18446744073709551615"], refused: ["-1", ""], context: explore),
        .values("--output", accepted: [], refused: [""], context: explore),
      ])
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(chapter: "regularization", ["1…500", "0.9", "100"])
  }
}
