// A check runs in a child process so that a crash or an endless loop is reported, not
// fatal. These tests use /bin/sh as the child; ToolTests runs the real tool.

import Foundation
import XCTest

@testable import ExerciseKit

final class ChildProcessTests: XCTestCase {
  private let shell = URL(fileURLWithPath: "/bin/sh")

  func testACrashIsReportedWithItsSignalAndReason() throws {
    let result = try runChild(
      shell, arguments: ["-c", "echo 'Fatal error: Index out of range' >&2; kill -ILL $$"],
      timeout: 10)
    XCTAssertEqual(result.termination, .signalled(4))
    XCTAssertEqual(
      status(of: result), .crashed("crashed (signal 4): Fatal error: Index out of range"))
  }

  func testAnEndlessLoopIsStoppedAtTheTimeLimit() throws {
    let start = Date()
    let result = try runChild(shell, arguments: ["-c", "while :; do :; done"], timeout: 0.3)
    XCTAssertEqual(result.termination, .timedOut(seconds: 0.3))
    XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    XCTAssertEqual(status(of: result).detail, "timed out after 0.3 s (an endless loop?)")
  }

  func testAVerdictIsReadFromStandardOutput() throws {
    let line = try verdictLine(.done)
    let result = try runChild(
      shell, arguments: ["-c", "echo debugging; echo '\(line)'"], timeout: 10)
    XCTAssertEqual(status(of: result), .done)
  }

  func testAnExitWithoutAVerdictIsACrash() throws {
    let result = try runChild(shell, arguments: ["-c", "exit 3"], timeout: 10)
    XCTAssertEqual(status(of: result), .crashed("crashed (exit status 3)"))
  }
}
