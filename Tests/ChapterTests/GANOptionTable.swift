import XCTest

/// `gan`'s options at their boundaries (see CLIBoundaryTable.swift): the experiments' data
/// folder (refusals only: a quick run takes 20 s in a debug build) and the `gan gaussian`
/// calculator, where one training step answers in well under a second.
final class GANOptionTable: XCTestCase {
  func testExperimentOptionBoundaries() throws {
    try checkOptionTable(
      chapter: "gan",
      [
        // Issue 19: an empty --data looked for /train-labels-idx1-ubyte.gz (exit 1).
        .values("--data", accepted: [], refused: ["", " "]),
        .line(["--data", "/nonexistent-folder"], .dataError),
        .values("--seed", accepted: [], refused: ["-1", "", "1.5"]),
        .values("--output", accepted: [], refused: [""]),
        .line(["--steps", "1"], .refused),
      ])
  }

  func testGaussianBoundaries() throws {
    let unit = ["--covariance", "1,0;0,1", "--steps", "1"]
    let origin = ["--mean", "0,0", "--steps", "1"]
    try checkOptionTable(
      chapter: "gan", subcommand: "gaussian", chapterOptions: false,
      [
        // Issue 19: a mean beyond ~10⁶ σ (1e20,0; 1e300,0; 1e308,1e308) trapped in
        // Standardization: the samples rounded the noise away or overflowed.
        .values(
          "--mean", accepted: ["0,0", "-2,3", "1000000,-1000000"],
          refused: [
            "1000000.1,0", "1e20,0", "1e300,0", "1e308,1e308", "nan,0", "inf,0", "0,-inf",
            "1e400,0", "", "1", "1,2,3", "x,1", "1,,2", ";",
          ], context: unit),
        .values(
          "--mean", accepted: ["1e156,0"], refused: ["1e157,0"],
          context: ["--covariance", "1e300,0;0,1e300", "--steps", "1"]),
        // Issue 19: variances of 1e305 trapped (the moment sums overflowed).
        .values(
          "--covariance",
          accepted: ["1,0,0,1", "2,-0.3;-0.3,0.5", "1e-300,0;0,1e-300", "1e300,0;0,1e300"],
          refused: [
            "1e305,0;0,1e305", "1e-310,0;0,1e-310", "1e12,0;0,1e-12", "1,0;0,-1", "1,2;2,1",
            "1,0.5;0.4,1", "0,0;0,0", "nan,0;0,1", "inf,0;0,1", "1e400,0;0,1", "", "1,0;0",
            "1,0,0", "x",
          ], context: origin),
        .integer(
          "--steps", 1...100_000, context: ["--mean", "0,0", "--covariance", "1,0;0,1"],
          maximum: .startsRunning),
        .values(
          "--seed", accepted: ["0", "18446744073709551615"], refused: ["-1", "", "1.5"],
          context: unit + ["--mean", "0,0"]),
        .line(unit, .refused),
        .line(["--mean", "0,0", "--covariance", "1,0;0,1", "--steps", "1", "--quick"], .refused),
      ])
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(
      chapter: "gan", subcommand: "gaussian", ["100000", "10⁶", "1e-300…1e300"])
  }
}
