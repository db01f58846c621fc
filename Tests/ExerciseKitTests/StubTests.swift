// No solution is ever committed into Exercises/: on CI every stub must still throw
// ExerciseError.notAttempted on every case.
//
// On your own machine (no CI variable set) a solved stub is what you are meant to have, so
// this guard skips instead of failing and tells you which stubs hold solutions. CI sets
// CI=true, and there a solved stub fails the build.

import ExerciseKit
import Foundation
import XCTest

final class StubTests: XCTestCase {
  func testEveryStubIsStillUnattempted() throws {
    let solved = try solvedStubs()
    guard !solved.isEmpty else { return }
    let onCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false
    let message =
      "\(solved.joined(separator: ", ")) hold solutions (or partial ones): stubs on the "
      + "main branch must throw ExerciseError.notAttempted. Restore with "
      + "`git checkout -- \(solved.joined(separator: " "))` before committing."
    if onCI {
      XCTFail(message)
    } else {
      throw XCTSkip("Not on CI, so not failing: " + message)
    }
  }

  /// The stubs that hold solutions, as each chapter's check runner (a child process, the
  /// only code that links the stubs) reports them.
  private func solvedStubs() throws -> [String] {
    let bin = currentExecutableURL().deletingLastPathComponent()
    var solved: [String] = []
    for chapter in ExerciseRegistry.chapters {
      let runner = checkRunnerURL(chapter: chapter.id, in: bin)
      let result = try runChild(runner, arguments: ["solved"], timeout: 120)
      let line = try XCTUnwrap(
        result.output.split(separator: "\n").first {
          $0.hasPrefix(ExerciseCheckRunner.solvedMarker)
        }, "\(runner.path) solved: \(result.output) \(result.errorOutput)")
      let ids = line.dropFirst(ExerciseCheckRunner.solvedMarker.count).split(separator: " ")
      solved += ids.compactMap { ExerciseRegistry.exercise(String($0))?.stub }
    }
    return solved
  }

  /// Every registered exercise is bound in its chapter's check runner.
  func testEveryExerciseHasABindingInItsChapterRunner() throws {
    let bin = currentExecutableURL().deletingLastPathComponent()
    for exercise in ExerciseRegistry.all {
      let runner = checkRunnerURL(chapter: exercise.chapterID, in: bin)
      let result = try runChild(runner, arguments: ["run-one", exercise.id], timeout: 120)
      XCTAssertNotNil(parseVerdict(from: result.output), "\(exercise.id): \(result.errorOutput)")
    }
  }
}
