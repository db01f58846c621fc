// A check runs in a child process so that a crash or an endless loop is reported, not
// fatal. These tests use /bin/sh as the child; ToolTests runs the real tool.

import Foundation
import XCTest

@testable import ExerciseKit

final class ChildProcessTests: XCTestCase {
  private let shell = URL(fileURLWithPath: "/bin/sh")

  func testACrashIsReportedWithItsSignalReasonAndPlace() throws {
    let report = """
      Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range
      2 [ra] 0x7f82 specialized Array.subscript.getter + 85 in libswiftSwiftOnoneSupport.so
      3 [ra] 0x5574 meanSquaredError(predicted:expected:reduction:) + 268 in exercises at \
      /home/me/course/Exercises/3.2-loss-functions/MeanSquaredError.swift:36:8
      """
    let result = try runChild(
      shell, arguments: ["-c", "printf '%s\\n' \"$0\" >&2; kill -ILL $$", report], timeout: 10)
    XCTAssertEqual(result.termination, .signalled(4))
    XCTAssertEqual(
      status(of: result),
      .crashed(
        "crashed (signal 4) at Exercises/3.2-loss-functions/MeanSquaredError.swift:36: "
          + "Fatal error: Index out of range"))
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
