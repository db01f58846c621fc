// The student's work: one test per exercise, run on the functions in `Exercises/`.
//
// Not attempted ⇒ skipped (a fresh clone is green, the exercises counted as skipped);
// written and right ⇒ passes; written and wrong ⇒ fails with the first failing case,
// what was expected, what came back, and the known mistake when it is one.
// `swift test --filter ExerciseTests` runs only these. Each check runs in a child process
// (the chapter's check runner, built next to this test bundle) with a time limit, so a trap
// or an endless loop in your code is one failed test with its message, and the other
// exercises still run.

import ExerciseKit
import Foundation
import XCTest

final class StudentExerciseTests: XCTestCase {
  func test_2_3_1_expectedCalibrationError() throws { try checkStudent("2.3.1") }
  func test_2_3_2_clippedGradientSum() throws { try checkStudent("2.3.2") }
  func test_2_3_3_integratedGradients() throws { try checkStudent("2.3.3") }
  func test_2_3_4_quantizeColumn() throws { try checkStudent("2.3.4") }
  func test_3_1_1_denseForward() throws { try checkStudent("3.1.1") }
  func test_3_1_2_denseBackward() throws { try checkStudent("3.1.2") }
  func test_3_1_3_reluBackward() throws { try checkStudent("3.1.3") }
  func test_3_1_4_softmax() throws { try checkStudent("3.1.4") }
  func test_3_1_5_accuracy() throws { try checkStudent("3.1.5") }
  func test_3_2_1_meanSquaredError() throws { try checkStudent("3.2.1") }
  func test_3_2_2_huberLoss() throws { try checkStudent("3.2.2") }
  func test_3_2_3_binaryCrossEntropy() throws { try checkStudent("3.2.3") }
  func test_3_2_4_softmaxCrossEntropy() throws { try checkStudent("3.2.4") }
  func test_3_3_1_momentumStep() throws { try checkStudent("3.3.1") }
  func test_3_3_2_adaGradStep() throws { try checkStudent("3.3.2") }
  func test_3_3_3_rmspropStep() throws { try checkStudent("3.3.3") }
  func test_3_3_4_adamStep() throws { try checkStudent("3.3.4") }
  func test_3_3_5_adaDeltaStep() throws { try checkStudent("3.3.5") }
  func test_3_4_1_softThreshold() throws { try checkStudent("3.4.1") }
  func test_3_4_2_maxNorm() throws { try checkStudent("3.4.2") }
  func test_3_4_3_dropout() throws { try checkStudent("3.4.3") }
  func test_3_4_4_maxPoolBackward() throws { try checkStudent("3.4.4") }
  func test_3_4_5_l2Gradient() throws { try checkStudent("3.4.5") }
  func test_3_4_6_im2col() throws { try checkStudent("3.4.6") }
  func test_3_5_1_estimatePi() throws { try checkStudent("3.5.1") }
  func test_3_5_2_integrate() throws { try checkStudent("3.5.2") }
  func test_3_5_3_importanceSampling() throws { try checkStudent("3.5.3") }
  func test_3_5_4_metropolisStep() throws { try checkStudent("3.5.4") }
  func test_3_6_1_addKProbabilities() throws { try checkStudent("3.6.1") }
  func test_3_6_2_perplexity() throws { try checkStudent("3.6.2") }
  func test_3_6_3_viterbiStep() throws { try checkStudent("3.6.3") }
  func test_3_6_4_autoregressiveDesign() throws { try checkStudent("3.6.4") }
  func test_3_7_1_rnnCellForward() throws { try checkStudent("3.7.1") }
  func test_3_7_2_rnnBackpropagation() throws { try checkStudent("3.7.2") }
  func test_3_7_3_clipByGlobalNorm() throws { try checkStudent("3.7.3") }
  func test_3_7_4_lstmCellForward() throws { try checkStudent("3.7.4") }
  func test_3_8_1_discriminatorLoss() throws { try checkStudent("3.8.1") }
  func test_3_8_2_generatorGradient() throws { try checkStudent("3.8.2") }
  func test_3_8_3_alternatingStep() throws { try checkStudent("3.8.3") }

  /// Guards the list above: every registered exercise has its `checkStudent("…")` line.
  func testEveryExerciseHasATest() throws {
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    for exercise in ExerciseRegistry.all {
      XCTAssertTrue(
        source.contains("try checkStudent(\"\(exercise.id)\")"),
        "exercise \(exercise.id) has no test method in \(#filePath); add "
          + "`func test_…() throws { try checkStudent(\"\(exercise.id)\") }`")
    }
  }

  private func checkStudent(
    _ id: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let exercise = try XCTUnwrap(ExerciseRegistry.exercise(id), "no exercise \(id)")
    let runner = checkRunnerURL(
      chapter: exercise.chapterID, in: currentExecutableURL().deletingLastPathComponent())
    guard FileManager.default.isExecutableFile(atPath: runner.path) else {
      return XCTFail("the check runner \(runner.path) is not built", file: file, line: line)
    }
    let (status, printed) = checkInChildProcess(id, executable: runner, timeout: 60)
    let output =
      printed.isEmpty ? "" : "\n  your code printed:\n    " + printed.joined(separator: "\n    ")
    switch status {
    case .done:
      return
    case .notAttempted:
      throw XCTSkip("\(id) not attempted yet: open \(exercise.stub)")
    case .failing(let failure):
      XCTFail(
        "\(id) \(exercise.title) is failing:\n  " + failure.lines.joined(separator: "\n  ")
          + output, file: file, line: line)
    case .crashed, .timedOut, .notCompiled:
      XCTFail(
        "\(id) \(exercise.title): \(status.detail ?? status.label)" + output, file: file,
        line: line)
    }
  }
}
