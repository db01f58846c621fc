import Foundation
import XCTest

/// `course` with stand-in chapters: shell scripts named like the chapters, in a folder next
/// to a copy of the built `course` (which runs the chapters it finds beside itself). Each
/// test is a defect of issue 19 (5 and 6).
final class CourseTests: XCTestCase {
  /// A folder holding `course` and the given stand-in chapters (name → shell script body).
  private func courseFolder(_ chapters: [String: String]) throws -> URL {
    let folder = try temporaryOutput(for: "course-bin")
    let course = folder.appendingPathComponent("course")
    try FileManager.default.copyItem(at: try chapterExecutable("course"), to: course)
    for (name, body) in chapters {
      let url = folder.appendingPathComponent(name)
      try Data("#!/bin/sh\n\(body)\n".utf8).write(to: url)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }
    return folder
  }

  /// A stand-in that succeeds: writes `<output>/<name>/summary.json` ($4 is --output's value).
  private func succeeding(_ name: String) -> String {
    "mkdir -p \"$4/\(name)\" && echo '{}' > \"$4/\(name)/summary.json\""
  }

  private func run(
    _ folder: URL, _ arguments: [String], environment: [String: String] = [:]
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    let out = folder.appendingPathComponent("stdout.txt")
    let err = folder.appendingPathComponent("stderr.txt")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = folder.appendingPathComponent("course")
    process.arguments = ["--output", folder.appendingPathComponent("out").path] + arguments
    var env = ProcessInfo.processInfo.environment
    env["TMPDIR"] = folder.path
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    return (
      process.terminationStatus, try String(contentsOf: out, encoding: .utf8),
      try String(contentsOf: err, encoding: .utf8)
    )
  }

  private func logFolders(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix("course-logs-")
    }
  }

  func testEmptyOnlyIsAUsageError() throws {
    let folder = try courseFolder(["losses": succeeding("losses")])
    let result = try run(folder, ["--only", ""])
    XCTAssertEqual(result.status, 64, result.stdout + result.stderr)
    XCTAssertTrue(result.stderr.hasPrefix("Error: --only"), result.stderr)
    XCTAssertFalse(result.stdout.contains("built"), result.stdout)
  }

  func testRequestedChapterThatIsNotBuiltFails() throws {
    let folder = try courseFolder(["losses": succeeding("losses")])
    let result = try run(folder, ["--only", "losses,models"])
    XCTAssertNotEqual(result.status, 0, result.stdout)
    XCTAssertTrue(result.stdout.contains("models"), result.stdout)
  }

  func testSuccessfulRunLeavesNoTemporaryLogs() throws {
    let folder = try courseFolder(["losses": succeeding("losses")])
    let result = try run(folder, ["--only", "losses"])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertEqual(try logFolders(in: folder), [])
  }

  /// A Swift chapter's stdout is buffered and reaches the log at exit, after the `Error:` line
  /// it wrote to stderr; the tail must still show that line.
  func testFailureTailShowsTheErrorLine() throws {
    let folder = try courseFolder([
      "losses": "echo 'Error: cannot write x: No space left on device' >&2; "
        + "i=0; while [ $i -lt 40 ]; do echo line $i; i=$((i+1)); done; exit 1"
    ])
    let result = try run(folder, ["--only", "losses"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stdout.contains("Error: cannot write x"), result.stdout)
    XCTAssertTrue(result.stdout.contains("line 39"), result.stdout)
  }

  func testAChapterThatHangsIsStoppedAtTheTimeLimit() throws {
    let folder = try courseFolder([
      "losses": "sleep 300", "optimizers": succeeding("optimizers"),
    ])
    let start = Date()
    let result = try run(folder, ["--only", "losses,optimizers", "--time-limit", "2"])
    XCTAssertLessThan(Date().timeIntervalSince(start), 60)
    XCTAssertEqual(result.status, 1, result.stdout)
    XCTAssertTrue(result.stdout.contains("longer than 2 s"), result.stdout)
    XCTAssertTrue(result.stdout.contains("ok     optimizers"), result.stdout)
  }

  /// SIGTERM to `course` must stop the running chapters (their own process groups) and
  /// remove the temporary logs.
  func testSIGTERMStopsTheRunningChapters() throws {
    let folder = try courseFolder([
      "losses": "trap 'echo term > \"$4/../losses.term\"; exit 1' TERM; "
        + "echo $$ > \"$4/../losses.pid\"; sleep 300 & wait"
    ])
    let process = Process()
    process.executableURL = folder.appendingPathComponent("course")
    process.arguments = ["--output", folder.appendingPathComponent("out").path, "--only", "losses"]
    var env = ProcessInfo.processInfo.environment
    env["TMPDIR"] = folder.path
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let pidFile = folder.appendingPathComponent("losses.pid")
    let deadline = Date().addingTimeInterval(30)
    while !FileManager.default.fileExists(atPath: pidFile.path) && Date() < deadline {
      usleep(50_000)
    }
    usleep(200_000)
    let text = try String(contentsOf: pidFile, encoding: .utf8)
    let pid = try XCTUnwrap(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    process.terminate()  // SIGTERM
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 128 + SIGTERM)
    usleep(300_000)
    XCTAssertNotEqual(kill(pid, 0), 0, "chapter \(pid) still runs after course was stopped")
    XCTAssertEqual(try logFolders(in: folder), [])
    // The chapter saw SIGTERM (a chance to clean up), not only the final SIGKILL.
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("losses.term").path))
  }
}
