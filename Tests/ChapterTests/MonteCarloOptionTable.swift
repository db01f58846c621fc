import XCTest

/// `monte-carlo`'s options at their boundaries (see CLIBoundaryTable.swift). Accepted values
/// run only the experiment that reads the option.
final class MonteCarloOptionTable: XCTestCase {
  func testOptionBoundaries() throws {
    try checkOptionTable(
      chapter: "monte-carlo",
      [
        // Issue 19: 2…9 trapped in logSpacedIntegers; 2⁶³−1 in a Double→Int conversion;
        // 2⁶² ran for ever.
        .integer("--samples", 2...10_000_000, context: ["--experiments", "1"]),
        .values(
          "--samples", accepted: ["5", "9"], refused: ["4611686018427387904"],
          context: ["--experiments", "1"]),
        .integer("--repeats", 1...10_000, context: ["--experiments", "3"]),
        // 1e-300 trapped in the ESS ("sequence is constant"), 1e300 in Ticks.log.
        .real(
          "--proposal-width", accepted: ["0.001", "1000"],
          refused: ["0.000999", "1000.1", "0", "-1", "1e-300", "1e300"],
          context: ["--experiments", "5"]),
        .values(
          "--experiments", accepted: ["4"], refused: ["0", "7", "", "x", "1,,2", "-1"]),
        .values(
          "--seed", accepted: ["0", "18446744073709551615"],
          refused: ["-1", "18446744073709551616", "", "1.5", "nan"],
          context: ["--experiments", "1", "--samples", "2"]),
        .values("--output", accepted: [], refused: [""]),
      ])
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(
      chapter: "monte-carlo", ["10000000", "10000", "0.001", "1000", "18446744073709551615"])
  }
}
