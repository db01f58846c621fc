// The checks themselves: they must accept the reference and reject every known mistake,
// naming it. A check that lets a mutant pass is a defect.

import ExerciseKit
import XCTest

final class ReferenceAndMutantTests: XCTestCase {
  func testEveryReferencePasses() {
    for exercise in ExerciseRegistry.all {
      let verdict = exercise.checkReference()
      XCTAssertEqual(
        verdict, .done,
        "\(exercise.id) reference (\(exercise.reference)) fails its own checks:\n"
          + (verdict.failure?.lines.joined(separator: "\n") ?? ""))
    }
  }

  /// Every row worked out by hand agrees with the check's own answer function, so the
  /// rows judged by the answer function alone are judged by a formula that is right.
  func testAnswerFunctionsAgreeWithTheHandValues() {
    for exercise in ExerciseRegistry.all {
      XCTAssertEqual(exercise.handValueDisagreements, [], exercise.id)
    }
  }

  func testEveryMutantFailsAndIsNamed() {
    for exercise in ExerciseRegistry.all {
      for (index, mutant) in exercise.mutants.enumerated() {
        let label = "\(exercise.id) mutant '\(mutant.name)'"
        guard let failure = exercise.checkMutant(at: index).failure else {
          XCTFail("\(label) passes the checks: add a case that catches it")
          continue
        }
        XCTAssertEqual(
          failure.mistake?.name, mutant.name,
          "\(label) fails but is not recognised as itself: \(failure.summary)")
        XCTAssertEqual(failure.mistake?.onEveryCase, true, "\(label): \(failure.summary)")
        XCTAssertTrue(
          failure.summary.contains(mutant.diagnosis)
            && failure.summary.contains("see hint \(mutant.hint)"),
          "\(label): the message must name the mistake and its hint: \(failure.summary)")
      }
    }
  }

  func testEveryExerciseHasMutantsHintsAndAStub() {
    for exercise in ExerciseRegistry.all {
      XCTAssertGreaterThanOrEqual(exercise.mutants.count, 2, "\(exercise.id): too few mutants")
      XCTAssertTrue((2...3).contains(exercise.hints.count), "\(exercise.id): 2–3 hint tiers")
      XCTAssertEqual(
        Set(exercise.mutants.map(\.name)).count, exercise.mutants.count,
        "\(exercise.id): mutant names must differ")
      for mutant in exercise.mutants {
        XCTAssertTrue(
          exercise.hints.indices.contains(mutant.hint - 1),
          "\(exercise.id) mutant '\(mutant.name)' points to hint \(mutant.hint)")
      }
      XCTAssertTrue(
        exercise.stub.hasPrefix("Exercises/") && exercise.stub.hasSuffix(".swift"),
        "\(exercise.id): stub path \(exercise.stub)")
    }
  }

  func testRegistryIdentifiersAreUniqueAndInChapters() {
    let ids = ExerciseRegistry.all.map(\.id)
    XCTAssertEqual(Set(ids).count, ids.count, "duplicate exercise identifiers: \(ids)")
    let chapterIDs = Set(ExerciseRegistry.chapters.map(\.id))
    for exercise in ExerciseRegistry.all {
      XCTAssertTrue(
        chapterIDs.contains(exercise.chapterID),
        "\(exercise.id): chapter \(exercise.chapterID) is not in ExerciseRegistry.chapters")
    }
  }
}
