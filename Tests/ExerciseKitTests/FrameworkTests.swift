// The framework's parts: recognising a mistake by its numbers, tolerances and messages,
// verdicts across a process boundary, the progress file, and "did you mean".

import Foundation
import Losses
import NumericsCore
import XCTest

@testable import ExerciseKit

final class FrameworkTests: XCTestCase {
  func testFingerprintsMatchWithinToleranceAndNonFiniteMatchesNonFinite() {
    XCTAssertTrue(fingerprintsMatch([1, 2, .nan, .infinity], [1 + 1e-9, 2, .nan, .infinity]))
    XCTAssertTrue(fingerprintsMatch([.infinity, .nan], [.nan, -.infinity]))
    XCTAssertFalse(fingerprintsMatch([1, 2], [1, 2.001]))
    XCTAssertFalse(fingerprintsMatch([.nan], [0]))
    XCTAssertFalse(fingerprintsMatch([1e308], [.infinity]))
    XCTAssertFalse(fingerprintsMatch([1, 2], [1, 2, 3]))
  }

  func testToleranceAcceptsRoundingAndRejectsNaNAndOverflow() {
    let tolerance = Tolerance.standard
    XCTAssertTrue(tolerance.accepts(3.5 + 1e-12, 3.5))
    XCTAssertTrue(tolerance.accepts(1e-10, 0))
    XCTAssertFalse(tolerance.accepts(3.6, 3.5))
    XCTAssertFalse(tolerance.accepts(.nan, 3.5))
    XCTAssertFalse(tolerance.accepts(.infinity, 1000))
    XCTAssertTrue(tolerance.accepts(.infinity, .infinity))
  }

  func testMessagesNameTheElementTheValuesAndOverflow() {
    let problem = compare(
      "gradient", got: [[1, 2]], expected: [[1, 3]], tolerance: .standard)
    XCTAssertEqual(
      problem, "gradient[0, 1]: got 2, expected 3; whole gradient: got [[1, 2]], expected [[1, 3]]")
    XCTAssertEqual(
      compare("gradient", got: [[1, 2]], expected: [[1], [2]], tolerance: .standard),
      "gradient has shape 1×2, expected 2×1")
    let overflow = compare("value", got: .infinity, expected: 500, tolerance: .standard)
    XCTAssertEqual(
      overflow,
      "value: got inf, expected 500 (not finite: did an exp overflow, or a log receive 0?)")
    XCTAssertEqual(formatted(0.125), "0.125")
    XCTAssertEqual(formatted(1.0 / 3), "0.3333333333")
  }

  /// A mistake written differently from its mutant (loops instead of matrix operations)
  /// is still recognised, because recognition compares numbers, not code.
  func testAStudentsMistakeIsNamedWhateverTheCode() throws {
    let forgotMean: LossFunction = { input in
      let (p, y, reduction) = (input.scores, input.targets, input.reduction)
      var total = 0.0
      var gradient = Matrix.zeros(like: p)
      for i in 0..<p.rows {
        for j in 0..<p.columns {
          let r = p[i, j] - y[i, j]
          total += r * r
          gradient[i, j] = 2 * r
        }
      }
      let value = reduction == .mean ? total / Double(p.count) : total
      return LossResult(value: value, gradient: gradient)
    }
    let definition = MeanSquaredErrorExercise.definition
    let failure = try XCTUnwrap(definition.verdict(of: forgotMean).failure)
    XCTAssertEqual(failure.mistake?.name, "gradient without 1/N")
    XCTAssertEqual(failure.mistake?.onEveryCase, true)
    XCTAssertTrue(
      failure.summary.contains("this is the gradient without the 1/N of the mean: see hint 2"),
      failure.summary)
  }

  func testAPartialSolutionIsFailingNotUnattempted() throws {
    let meanOnly: LossFunction = { input in
      guard input.reduction == .mean else { throw ExerciseKitTestsError.unfinished }
      return Losses.meanSquaredError(predicted: input.scores, expected: input.targets)
    }
    let definition = MeanSquaredErrorExercise.definition
    let failure = try XCTUnwrap(definition.verdict(of: meanOnly).failure)
    XCTAssertTrue(failure.problem.hasPrefix("threw an error"), failure.problem)
    XCTAssertEqual(failure.caseName, "fixed 2×2, reduction .sum")
    XCTAssertFalse(definition.isUnattempted(meanOnly))
  }

  func testVerdictSurvivesTheProcessBoundary() throws {
    let failure = Failure(
      caseName: "fixed", input: "p = [[1]]", problem: "value: got 1, expected 2",
      mistake: RecognisedMistake(
        name: "m", diagnosis: "this is m", hint: 2, exerciseID: "3.2.1", onEveryCase: true),
      failingCases: 3, totalCases: 9)
    for verdict in [Verdict.done, .notAttempted, .failing(failure)] {
      let output = "student's debug print\n" + (try verdictLine(verdict)) + "\n"
      XCTAssertEqual(parseVerdict(from: output), verdict)
    }
    XCTAssertNil(parseVerdict(from: "no verdict here"))
  }

  func testProgressFileRoundTripsAndToleratesDamage() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("progress-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: url) }
    var progress = ProgressFile()
    progress["3.2.1"].hintsShown = 2
    progress["3.2.1"].status = "done"
    try progress.save(to: url)
    XCTAssertEqual(ProgressFile.load(from: url), progress)
    try Data("{ not json".utf8).write(to: url)
    XCTAssertEqual(ProgressFile.load(from: url), ProgressFile())
  }

  func testClosestIdentifier() {
    let ids = ["3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2"]
    XCTAssertEqual(closest(to: "3.2.9", among: ids), "3.2.1")
    XCTAssertEqual(closest(to: "32.4", among: ids), "3.2.4")
    XCTAssertEqual(closest(to: "3.3", among: ids), "3.2")
    XCTAssertEqual(editDistance("kitten", "sitting"), 3)
    XCTAssertEqual(editDistance("", "abc"), 3)
  }

  func testProgressBar() {
    XCTAssertEqual(progressBar(done: 1, total: 4, width: 8), "[██░░░░░░] 1/4")
    XCTAssertEqual(progressBar(done: 0, total: 0, width: 2), "[░░] 0/0")
  }
}

enum ExerciseKitTestsError: Error {
  case unfinished
}
