import XCTest

/// `production`'s options at their boundaries (see CLIBoundaryTable.swift): the DP-SGD
/// exploration (one quick private model, under a second in a debug build) and the
/// `production privacy` accountant, which answers at once.
final class ProductionOptionTable: XCTestCase {
  func testExplorationOptionBoundaries() throws {
    guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
      throw XCTSkip("dataset-fashion-mnist is not installed")
    }
    let explore = ["--noise-multiplier", "1"]
    try checkOptionTable(
      chapter: "production",
      [
        .real(
          "--noise-multiplier", accepted: ["0.001", "100"],
          refused: ["0", "-1", "-0", "100.001", "1e300"]),
        // One example per step: 1,500 steps, too slow to finish in a debug build.
        .real(
          "--expected-batch", accepted: ["1"], refused: ["0.999", "0", "-1", "16384.5", "1e300"],
          context: explore, expectation: .startsRunning),
        .values("--expected-batch", accepted: ["16384"], refused: [], context: explore),
        .integer("--private-epochs", 1...200, context: explore, maximum: .startsRunning),
        .real(
          "--learning-rate", accepted: ["1e-300", "100"], refused: ["0", "-1", "100.001"],
          context: explore),
        .real(
          "--clip-norm", accepted: ["1e-300", "100"], refused: ["0", "-1", "100.001", "1e300"],
          context: explore),
        // Issue 19: without --noise-multiplier these were ignored and the whole chapter ran.
        .line(["--expected-batch", "5"], .refused),
        .line(["--private-epochs", "2"], .refused),
        .line(["--learning-rate", "1"], .refused),
        .line(["--clip-norm", "1"], .refused),
        // Issue 19: an empty --data looked for /train-labels-idx1-ubyte.gz (exit 1).
        .values("--data", accepted: [], refused: ["", " "], context: explore),
        .line(explore + ["--data", "/nonexistent-folder"], .dataError),
        .values(
          "--seed", accepted: ["0", "18446744073709551615"], refused: ["-1", ""], context: explore),
        .values("--output", accepted: [], refused: [""], context: explore),
      ])
  }

  func testPrivacyOptionBoundaries() throws {
    let others: [String: [String]] = [
      "--noise-multiplier": ["--noise-multiplier", "1"],
      "--sample-rate": ["--sample-rate", "0.01"],
      "--steps": ["--steps", "100"], "--delta": ["--delta", "1e-5"],
    ]
    /// Every option but `option`, at an ordinary value.
    func context(_ option: String) -> [String] {
      others.keys.sorted().filter { $0 != option }.flatMap { others[$0] ?? [] }
    }
    try checkOptionTable(
      chapter: "production", subcommand: "privacy", chapterOptions: false,
      [
        .real(
          "--noise-multiplier", accepted: ["0.001", "1000000"],
          refused: ["0", "-1", "1000000.1", "1e300"], context: context("--noise-multiplier")),
        // σ so small that every order's RDP is infinite: refused, with the reason.
        .line(context("--noise-multiplier") + ["--noise-multiplier", "1e-300"], .refused),
        .real(
          "--sample-rate", accepted: ["1e-300", "1"], refused: ["0", "-0.1", "1.0000001", "1e300"],
          context: context("--sample-rate")),
        .integer("--steps", 1...1_000_000_000, context: context("--steps")),
        .real(
          "--delta", accepted: ["1e-300", "0.999999"], refused: ["0", "1", "-1", "1e300"],
          context: context("--delta")),
        .line(context("--delta"), .refused),
        .line(context("--delta") + ["--delta", "1e-5", "--quick"], .refused),
      ])
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(chapter: "production", subcommand: "run", ["16384", "200", "100"])
    try assertHelpStatesBounds(chapter: "production", subcommand: "privacy", ["10⁶", "10⁹"])
  }
}
