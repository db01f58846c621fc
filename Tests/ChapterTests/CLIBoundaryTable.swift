import Foundation
import XCTest

// Property tests for every chapter's command line, generated from one table per chapter.
//
// Each option gets its boundary values — the minimum and maximum (which must run), values
// just outside, NaN, ±inf, a huge number and the empty string (which must be refused) — and
// every case is run as a real process with `--quick` and a temporary `--output`:
//
//   accepted → exit 0 (or, for a value too slow to finish in a debug build, still running
//              after a few seconds with nothing on stderr: validation happens first, so a
//              refusal would have come at once)
//   refused  → exactly one line on stderr, starting `Error:`, and exit 64
//   data     → (`.dataError`, a missing or malformed file) the same one line, exit 1
//   never    → a signal (crash) or a backtrace
//
// Adding a chapter: write `Tests/ChapterTests/<Chapter>OptionTable.swift` with
//
//   final class SequencesOptionTable: XCTestCase {
//     func testOptionBoundaries() throws {
//       try checkOptionTable(chapter: "sequences", [
//         .integer("--order", 1...8, context: ["--experiments", "1"]),
//         .real("--temperature", accepted: [1e-3, 100], refused: [0, -1], context: [...]),
//         .values("--corpus", accepted: ["words"], refused: ["", "x"]),
//       ])
//     }
//   }
//
// `context` holds the arguments that make an accepted run cheap (a calculator or explore
// sub-mode, one experiment, a tiny data set); refused values never get that far.
//
// A sub-command's options get their own table: `checkOptionTable(chapter: "sequences",
// subcommand: "ngram", chapterOptions: false, [...])` runs `sequences ngram <case>`, with
// `--quick --output DIR` after the sub-command's name unless `chapterOptions` is false (a
// calculator that takes neither).

/// What must happen when a chapter runs with one option value.
enum BoundaryExpectation {
  /// Exit 0, no `Error:` on stderr.
  case runs
  /// Accepted, but too slow to finish in a debug build: no refusal or crash within
  /// `BoundaryCase.startupSeconds`; the process is then stopped.
  case startsRunning
  /// One line `Error: …` on stderr, exit 64.
  case refused
  /// A data or I/O error (a missing file, a file that is not what it should be): one line
  /// `Error: …` naming it on stderr, exit 1.
  case dataError
}

/// One command line to try and its expected outcome.
struct BoundaryCase {
  var arguments: [String]
  var expectation: BoundaryExpectation

  /// How long a `.startsRunning` case must survive without a refusal.
  static let startupSeconds = 3.0

  /// The values every number option must refuse, whatever its range.
  static let nonNumbers = ["nan", "inf", "-inf", "", "1e400", "x"]

  /// An integer option in `range`: both ends run (in `context`), one step outside each end,
  /// a number beyond Int, a fraction and the non-numbers are refused.
  static func integer(
    _ option: String, _ range: ClosedRange<Int>, context: [String] = [],
    maximum: BoundaryExpectation = .runs, minimum: BoundaryExpectation = .runs
  ) -> [BoundaryCase] {
    var cases = [
      BoundaryCase(arguments: context + [option, "\(range.lowerBound)"], expectation: minimum),
      BoundaryCase(arguments: context + [option, "\(range.upperBound)"], expectation: maximum),
    ]
    var outside = ["9223372036854775808", "-9223372036854775809", "1.5"] + nonNumbers
    if range.lowerBound > Int.min { outside.append("\(range.lowerBound - 1)") }
    if range.upperBound < Int.max { outside.append("\(range.upperBound + 1)") }
    cases += outside.map { BoundaryCase(arguments: context + [option, $0], expectation: .refused) }
    return cases
  }

  /// A real-valued option: `accepted` run, `refused` and the non-numbers are refused.
  static func real(
    _ option: String, accepted: [String], refused: [String], context: [String] = [],
    expectation: BoundaryExpectation = .runs
  ) -> [BoundaryCase] {
    values(
      option, accepted: accepted, refused: refused + nonNumbers, context: context,
      expectation: expectation)
  }

  /// Any option, with explicit accepted and refused values.
  static func values(
    _ option: String, accepted: [String], refused: [String], context: [String] = [],
    expectation: BoundaryExpectation = .runs
  ) -> [BoundaryCase] {
    accepted.map { BoundaryCase(arguments: context + [option, $0], expectation: expectation) }
      + refused.map { BoundaryCase(arguments: context + [option, $0], expectation: .refused) }
  }

  /// A whole command line.
  static func line(_ arguments: [String], _ expectation: BoundaryExpectation) -> [BoundaryCase] {
    [BoundaryCase(arguments: arguments, expectation: expectation)]
  }
}

/// The result of one boundary run.
private struct BoundaryRun {
  var status: Int32
  var signalled: Bool
  var stillRunning: Bool
  var stderr: String
}

/// Runs `chapter` with `arguments`; with `stopAfter`, stops it if it is still running then.
private func runBounded(
  _ chapter: String, _ arguments: [String], stopAfter: Double?
) throws
  -> BoundaryRun
{
  let executable = try chapterExecutable(chapter)
  let errURL = FileManager.default.temporaryDirectory
    .appendingPathComponent("boundary-\(UUID().uuidString).stderr")
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  defer { try? FileManager.default.removeItem(at: errURL) }
  let err = try FileHandle(forWritingTo: errURL)
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  process.standardOutput = FileHandle.nullDevice
  process.standardError = err
  try process.run()
  var stillRunning = false
  if let stopAfter {
    let deadline = Date().addingTimeInterval(stopAfter)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      stillRunning = true
      process.terminate()
    }
  }
  process.waitUntilExit()
  try err.close()
  return BoundaryRun(
    status: process.terminationStatus,
    signalled: process.terminationReason == .uncaughtSignal && !stillRunning,
    stillRunning: stillRunning,
    stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

extension XCTestCase {
  /// Runs every case of a chapter's table (`--quick`, temporary `--output`) and asserts its
  /// expected outcome; failures name the command line. With `subcommand`, every case runs
  /// that sub-command; `chapterOptions: false` leaves out `--quick --output DIR`.
  func checkOptionTable(
    chapter: String, subcommand: String? = nil, chapterOptions: Bool = true,
    _ groups: [[BoundaryCase]], file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let output = try temporaryOutput(for: chapter)
    let leading =
      (subcommand.map { [$0] } ?? [])
      + (chapterOptions ? ["--quick", "--output", output.path] : [])
    for boundary in groups.joined() {
      let arguments = leading + boundary.arguments
      let shown =
        "\(chapter) " + (subcommand.map { "\($0) " } ?? "")
        + boundary.arguments.map { $0.isEmpty ? "''" : $0 }.joined(
          separator: " ")
      let stop = boundary.expectation == .startsRunning ? BoundaryCase.startupSeconds : nil
      let result = try runBounded(chapter, arguments, stopAfter: stop)
      let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
      XCTAssertFalse(
        result.signalled, "\(shown): crashed (signal \(result.status))", file: file, line: line)
      XCTAssertFalse(
        result.stderr.contains("Fatal error") || result.stderr.contains("Backtrac"),
        "\(shown): backtrace: \(result.stderr.prefix(300))", file: file, line: line)
      switch boundary.expectation {
      case .runs:
        XCTAssertEqual(
          result.status, 0, "\(shown): should run; stderr: \(result.stderr.prefix(300))",
          file: file, line: line)
      case .startsRunning:
        XCTAssertTrue(
          result.stillRunning || result.status == 0,
          "\(shown): should be accepted; exit \(result.status), stderr: \(result.stderr.prefix(300))",
          file: file, line: line)
        XCTAssertFalse(
          result.stderr.contains("Error:"), "\(shown): \(result.stderr)", file: file, line: line)
      case .refused, .dataError:
        let code: Int32 = boundary.expectation == .refused ? 64 : 1
        XCTAssertEqual(
          result.status, code,
          "\(shown): should be refused (exit \(code)); stderr: \(result.stderr.prefix(300))",
          file: file, line: line)
        XCTAssertEqual(
          lines.count, 1, "\(shown): stderr must be one line: \(result.stderr)", file: file,
          line: line)
        XCTAssertTrue(
          lines.first?.hasPrefix("Error: ") ?? false, "\(shown): \(result.stderr)", file: file,
          line: line)
      }
    }
  }
}

/// The builders, reachable with a leading dot inside a table (`[.integer(…), .real(…)]`).
extension [BoundaryCase] {
  static func integer(
    _ option: String, _ range: ClosedRange<Int>, context: [String] = [],
    maximum: BoundaryExpectation = .runs, minimum: BoundaryExpectation = .runs
  ) -> [BoundaryCase] {
    BoundaryCase.integer(option, range, context: context, maximum: maximum, minimum: minimum)
  }

  static func real(
    _ option: String, accepted: [String], refused: [String], context: [String] = [],
    expectation: BoundaryExpectation = .runs
  ) -> [BoundaryCase] {
    BoundaryCase.real(
      option, accepted: accepted, refused: refused, context: context, expectation: expectation)
  }

  static func values(
    _ option: String, accepted: [String], refused: [String], context: [String] = [],
    expectation: BoundaryExpectation = .runs
  ) -> [BoundaryCase] {
    BoundaryCase.values(
      option, accepted: accepted, refused: refused, context: context, expectation: expectation)
  }

  static func line(_ arguments: [String], _ expectation: BoundaryExpectation) -> [BoundaryCase] {
    BoundaryCase.line(arguments, expectation)
  }
}

extension XCTestCase {
  /// Every count and size option states its bound in `--help`: each of `bounds` (e.g.
  /// "10000000") must appear in the help text.
  func assertHelpStatesBounds(
    chapter: String, subcommand: String? = nil, _ bounds: [String],
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let help = try runChapter(chapter, (subcommand.map { [$0] } ?? []) + ["--help"])
    XCTAssertEqual(help.status, 0, file: file, line: line)
    // ArgumentParser wraps lines; the bounds are single words, so they survive.
    for bound in bounds {
      XCTAssertTrue(
        help.stdout.contains(bound), "\(chapter) \(subcommand ?? "")--help does not state \(bound)",
        file: file,
        line: line)
    }
  }

  /// With stdout on a full disk (`> /dev/full`), `arguments` must fail with one line on
  /// stderr rather than exit 0 with the report lost.
  func assertFullStandardOutputFails(
    chapter: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line
  ) throws {
    guard let full = FileHandle(forWritingAtPath: "/dev/full") else {
      throw XCTSkip("no /dev/full on this system")
    }
    let errURL = FileManager.default.temporaryDirectory
      .appendingPathComponent("full-\(UUID().uuidString).stderr")
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errURL) }
    let process = Process()
    process.executableURL = try chapterExecutable(chapter)
    process.arguments = arguments
    process.standardOutput = full
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    process.waitUntilExit()
    let stderr = try String(contentsOf: errURL, encoding: .utf8)
    XCTAssertNotEqual(
      process.terminationStatus, 0, "exit 0 with stdout lost", file: file, line: line)
    XCTAssertTrue(stderr.hasPrefix("Error: "), stderr, file: file, line: line)
    XCTAssertTrue(stderr.contains("standard output"), stderr, file: file, line: line)
  }
}
