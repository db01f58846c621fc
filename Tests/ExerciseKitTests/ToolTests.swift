// The built `exercises` tool, run as a student runs it, in a scratch folder with its own
// Package.swift so the progress file written there is thrown away afterwards.

import Foundation
import XCTest

@testable import ExerciseKit

final class ToolTests: XCTestCase {
  private var scratch: URL!

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("exercises-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    try Data("// scratch package root\n".utf8)
      .write(to: scratch.appendingPathComponent("Package.swift"))
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  /// Runs the tool built next to this test bundle; skips when it has not been built.
  private func exercises(_ arguments: String...) throws -> ChildResult {
    let tool = currentExecutableURL().deletingLastPathComponent()
      .appendingPathComponent("exercises")
    guard FileManager.default.isExecutableFile(atPath: tool.path) else {
      throw XCTSkip("the exercises tool is not built at \(tool.path)")
    }
    return try runChild(
      tool, arguments: arguments, timeout: 60, extraEnvironment: ["NO_COLOR": "1"],
      directory: scratch)
  }

  /// On a fresh clone every exercise is "not attempted"; whatever the stubs hold, the
  /// statuses the tool finds equal the verdicts of the chapters' check runners.
  func testStatusAgreesWithTheInProcessVerdictsAndNamesTheNextExercise() throws {
    let result = try exercises("status", "--no-build")
    XCTAssertEqual(result.termination, .exited(0), result.errorOutput)
    let progress = ProgressFile.load(from: scratch.appendingPathComponent(ProgressFile.fileName))
    var statuses: [String: ExerciseStatus] = [:]
    for exercise in ExerciseRegistry.all {
      XCTAssertTrue(result.output.contains(exercise.id), result.output)
      let runner = checkRunnerURL(
        chapter: exercise.chapterID, in: currentExecutableURL().deletingLastPathComponent())
      let expected = checkInChildProcess(exercise.id, executable: runner, timeout: 60).status
      statuses[exercise.id] = expected
      XCTAssertEqual(progress[exercise.id].status, expected.label, exercise.id)
    }
    XCTAssertTrue(result.output.contains("Overall ["), result.output)
    if let next = ExerciseRegistry.all.first(where: { statuses[$0.id]?.isDone != true }) {
      XCTAssertTrue(result.output.contains("open   \(next.stub)"), result.output)
    }
    XCTAssertFalse(result.output.contains("\u{1B}["), "colour must be off when piped")
  }

  func testAnUnknownIdentifierSuggestsTheClosestAndExits64() throws {
    let result = try exercises("check", "3.2.9")
    XCTAssertEqual(result.termination, .exited(64))
    XCTAssertTrue(result.errorOutput.contains("did you mean 3.2.1?"), result.errorOutput)
  }

  func testHintsAdvanceOneTierAtATimeAndStopAtTheLast() throws {
    let tiers = ExerciseRegistry.exercise("3.2.2")?.hints.count ?? 0
    for tier in 1...tiers + 1 {
      let result = try exercises("hint", "3.2.2")
      XCTAssertEqual(result.termination, .exited(0), result.errorOutput)
      let shown = min(tier, tiers)
      XCTAssertTrue(result.output.contains("hint \(shown) of \(tiers)"), result.output)
      XCTAssertEqual(result.output.contains("that is the last hint"), shown == tiers)
    }
    let again = try exercises("hint", "3.2.2", "1")
    XCTAssertTrue(again.output.contains("hint 1 of \(tiers)"), again.output)
  }
}
