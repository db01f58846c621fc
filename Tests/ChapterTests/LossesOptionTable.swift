import XCTest

/// `losses`' options at their boundaries (see CLIBoundaryTable.swift). Accepted values run
/// the calculator, which answers at once.
final class LossesOptionTable: XCTestCase {
  func testOptionBoundaries() throws {
    let mse = ["--loss", "mse", "--expected", "1"]
    let huber = ["--loss", "huber", "--predicted", "1", "--expected", "2"]
    let hinge = ["--loss", "multiclass-hinge", "--scores", "1,2", "--labels", "0"]
    let entropy = ["--loss", "cross-entropy", "--logits", "1,2,3"]
    try checkOptionTable(
      chapter: "losses",
      [
        .real(
          "--predicted", accepted: ["1e308", "-1e308"], refused: ["1,x", ";"], context: mse),
        .real("--delta", accepted: ["1e-300", "1e300"], refused: ["0", "-1"], context: huber),
        .real("--margin", accepted: ["-1e300", "0", "1e300"], refused: [], context: hinge),
        .values(
          "--labels", accepted: ["0", "2"], refused: ["3", "-1", "", "1.5", "0,1", "x"],
          context: entropy),
        .values(
          "--targets", accepted: ["0,0,1", "0.5,0.2,0.2"],
          refused: ["2,0,0", "-0.1,0,1", "0,1", ""],
          context: entropy),
        .values(
          "--p", accepted: ["0.5,0.5"], refused: ["1.5,-0.5", "", "nan,1"],
          context: ["--loss", "kl", "--q", "0.5,0.5"]),
        .values(
          "--reduction", accepted: ["mean", "sum"], refused: ["", "avg"],
          context: mse + ["--predicted", "2"]),
        .values(
          "--loss", accepted: ["mae"], refused: ["", "x"],
          context: ["--predicted", "1", "--expected", "2"]),
        .line(mse + ["--predicted", "2", "--delta", "1"], .refused),
        .line(["--predicted", "1"], .refused),
        .values("--seed", accepted: ["0"], refused: ["-1"], context: mse + ["--predicted", "2"]),
        .values("--output", accepted: [], refused: [""], context: mse + ["--predicted", "2"]),
      ])
  }

  /// Issue 19, defect 8: soft targets that do not sum to 1 gave no note (kl did).
  func testSoftTargetsThatDoNotSumToOneGetANote() throws {
    let result = try runChapter(
      "losses", ["--loss", "cross-entropy", "--logits", "1,2,3", "--targets", "0.5,0.2,0.2"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("sums to 0.9"), result.stdout)
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(chapter: "losses", ["18446744073709551615"])
  }

  /// Issue 19, defect 8: `> /dev/full` exited 0.
  func testFullStandardOutputIsAnError() throws {
    try assertFullStandardOutputFails(
      chapter: "losses", ["--loss", "mse", "--predicted", "1", "--expected", "2"])
  }
}
