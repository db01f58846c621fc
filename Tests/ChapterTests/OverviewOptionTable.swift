import XCTest

/// `overview`'s options at their boundaries (see CLIBoundaryTable.swift). Accepted values
/// train the learning curve at one quick size (a few seconds in a debug build).
final class OverviewOptionTable: XCTestCase {
  func testOptionBoundaries() throws {
    guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
      throw XCTSkip("dataset-fashion-mnist is not installed")
    }
    let thirteen = (10...22).map(String.init).joined(separator: ",")
    try checkOptionTable(
      chapter: "overview",
      [
        // --quick reads 800 images, 300 of them for validation: sizes 10…500.
        .values(
          "--sizes", accepted: ["10", "500"],
          refused: [
            "9", "501", "0", "-1", "1.5", "10,,20", "10,x", ",", thirteen,
            "9223372036854775808",
          ] + BoundaryCase.nonNumbers),
        // Issue 19: --sizes -1 said "Missing value for '--sizes'".
        .line(["--sizes", "-10"], .refused),
        // Issue 19: an empty --data looked for /train-labels-idx1-ubyte.gz (exit 1).
        .values("--data", accepted: [], refused: ["", " "], context: ["--sizes", "10"]),
        .line(["--data", "/nonexistent-folder", "--sizes", "10"], .dataError),
        .values(
          "--seed", accepted: ["18446744073709551615"], refused: ["-1", "1.5", ""],
          context: ["--sizes", "10"]),
        .values("--output", accepted: [], refused: [""]),
      ])
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(chapter: "overview", ["12", "10...55000", "10...500"])
  }
}
