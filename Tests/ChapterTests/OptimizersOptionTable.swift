import XCTest

/// `optimizers`' options at their boundaries (see CLIBoundaryTable.swift). Accepted values
/// run in explore mode, one or a few steps.
final class OptimizersOptionTable: XCTestCase {
  private let explore = ["--function", "rosenbrock", "--optimizer", "adam", "--steps", "2"]
  private let sgd = ["--function", "quadratic", "--optimizer", "sgd", "--steps", "2"]

  func testOptionBoundaries() throws {
    let rosenbrock = ["--function", "rosenbrock", "--optimizer", "adam"]
    try checkOptionTable(
      chapter: "optimizers",
      [
        // Issue 19: a million steps took 1.1 GB.
        .integer("--steps", 1...100_000, context: rosenbrock, maximum: .startsRunning),
        .real(
          "--learning-rate", accepted: ["1e-300", "1e300"], refused: ["0", "-1", "-0"],
          context: explore),
        .real("--momentum", accepted: ["0", "0.999"], refused: ["1", "-0.1"], context: sgd),
        .real("--dampening", accepted: ["0", "0.999"], refused: ["1", "-0.1"], context: sgd),
        .real("--beta1", accepted: ["0", "0.999"], refused: ["1", "-0.1"], context: explore),
        .real("--beta2", accepted: ["0", "0.999"], refused: ["1", "-0.1"], context: explore),
        // ε = 0 at a zero gradient component diverges, with advice about ε.
        .real("--epsilon", accepted: ["0", "1e300"], refused: ["-1e-300"], context: explore),
        .real("--weight-decay", accepted: ["0", "1e300"], refused: ["-1"], context: explore),
        .real(
          "--alpha", accepted: ["0", "0.999"], refused: ["1"],
          context: ["--optimizer", "rmsprop", "--steps", "2"]),
        .real(
          "--rho", accepted: ["0", "0.999"], refused: ["1"],
          context: ["--optimizer", "adadelta", "--steps", "2"]),
        // A start where f is infinite runs and says why it diverged.
        .values(
          "--start", accepted: ["-1e308,1e308", "0,0"],
          refused: ["1", "1,2,3", "", "nan,0", "inf,0", "x,1"], context: explore),
        .values("--function", accepted: ["beale"], refused: ["", "x"], context: ["--steps", "2"]),
        .values(
          "--optimizer", accepted: ["adamw"], refused: ["", "x"], context: ["--steps", "2"]),
        // Issue 19: options the optimizer does not read were silently ignored.
        .line(explore + ["--momentum", "0.9"], .refused),
        .line(explore + ["--rho", "0.9"], .refused),
        .line(sgd + ["--beta1", "0.9"], .refused),
        .line(["--steps", "5"], .refused),
        .values("--seed", accepted: ["18446744073709551615"], refused: ["-1"], context: explore),
        .values("--output", accepted: [], refused: [""], context: explore),
      ])
  }

  /// Issue 19, defect 9: explore mode without --output wrote Figures/optimizers/explore.png,
  /// an untracked file among the course's figures that the gallery then counted.
  func testExploreWithoutOutputNeverWritesIntoFigures() throws {
    let folder = try temporaryOutput(for: "optimizers-explore-cwd")
    let executable = try chapterExecutable("optimizers")
    let process = Process()
    process.executableURL = executable
    process.arguments = explore
    process.currentDirectoryURL = folder
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    let figures = folder.appendingPathComponent("Figures").path
    XCTAssertFalse(FileManager.default.fileExists(atPath: figures), "wrote into \(figures)")
    XCTAssertTrue(
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("Explorations/optimizers/explore.png").path))
  }

  /// Issue 19, defect 8: ε = 0 at a zero gradient component is not cured by a smaller
  /// learning rate, and neither is a start where f is already infinite.
  func testDivergenceAdviceNamesTheCause() throws {
    let output = try temporaryOutput(for: "optimizers")
    let epsilon = try runChapter(
      "optimizers",
      [
        "--output", output.path, "--function", "quadratic", "--optimizer", "adam", "--epsilon",
        "0", "--start", "0,1", "--steps", "3",
      ])
    XCTAssertEqual(epsilon.status, 0, epsilon.stderr)
    XCTAssertTrue(epsilon.stdout.contains("--epsilon > 0"), epsilon.stdout)
    let start = try runChapter(
      "optimizers",
      [
        "--output", output.path, "--function", "rosenbrock", "--start", "1e300,1e300", "--steps",
        "3",
      ])
    XCTAssertEqual(start.status, 0, start.stderr)
    XCTAssertTrue(start.stdout.contains("not finite at the start"), start.stdout)
    XCTAssertFalse(start.stdout.contains("smaller learning rate"), start.stdout)
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(chapter: "optimizers", ["100000"])
  }
}
