// No solution is ever committed into Exercises/: every stub must still throw
// ExerciseError.notAttempted on every case.
//
// If you are working through the exercises, this test fails once you have solved one:
// that is expected (it guards the course's main branch). Check your own work with
// `swift run exercises` or `swift test --filter ExerciseTests`.

import ExerciseKit
import XCTest

final class StubTests: XCTestCase {
  func testEveryStubIsStillUnattempted() {
    for exercise in ExerciseRegistry.all {
      XCTAssertTrue(
        exercise.stubIsUnattempted,
        "\(exercise.stub) holds a solution (or a partial one): stubs must throw "
          + "ExerciseError.notAttempted. Restore it with `git checkout -- \(exercise.stub)`.")
    }
  }
}
