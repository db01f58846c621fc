import Foundation
import XCTest

/// Runs the built `losses` executable: the quick experiments and the calculator.
final class LossesChapterTests: XCTestCase {
  /// Runs `losses` with `arguments`; returns the exit code, stdout and stderr.
  private func runLosses(_ arguments: [String]) throws -> ChapterOutput {
    try runChapter("losses", arguments)
  }

  private func json(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try XCTUnwrap(object as? [String: Any], "not a JSON object: \(text)")
  }

  /// The calculator's `{"loss", "reduction", "value", "gradient"}` answer.
  private func calculate(_ arguments: [String]) throws -> (value: Double, gradient: [Double]) {
    let result = try runLosses(arguments + ["--json"])
    XCTAssertEqual(result.status, 0, "losses \(arguments): \(result.stderr)")
    let object = try json(result.stdout)
    XCTAssertEqual(
      Set(object.keys), ["loss", "reduction", "value", "gradient"], "keys of \(result.stdout)")
    return (
      try XCTUnwrap(object["value"] as? Double),
      try XCTUnwrap(object["gradient"] as? [Double])
    )
  }

  func testQuickRunWritesFiguresAndASensibleSummary() throws {
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("losses-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try runLosses(["--quick", "--output", output.path, "--json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let printed = try json(result.stdout)
    let folder = output.appendingPathComponent("losses")
    for name in ["loss-curves", "outliers", "softmax-stability", "classification-losses"] {
      let path = folder.appendingPathComponent(name + ".png").path
      XCTAssertTrue(FileManager.default.fileExists(atPath: path), "missing \(path)")
    }
    let summary = try json(
      String(
        decoding: try Data(contentsOf: folder.appendingPathComponent("summary.json")),
        as: UTF8.self))
    XCTAssertEqual(summary["chapter"] as? String, "losses")
    XCTAssertEqual(printed["chapter"] as? String, "losses")
    func number(_ key: String) throws -> Double {
      try XCTUnwrap(summary[key] as? Double, "summary.json has no number \(key)")
    }

    // Outliers: the robust fits beat least squares on the slope.
    let trueSlope = try number("true_slope")
    XCTAssertEqual(trueSlope, 2)
    let mseError = abs(try number("mse_slope") - trueSlope)
    XCTAssertLessThan(abs(try number("huber_slope") - trueSlope), mseError)
    XCTAssertLessThan(abs(try number("mae_slope") - trueSlope), mseError)
    XCTAssertGreaterThan(mseError, 0.3, "four gross outliers should bend the MSE line")
    // Gradient descent under MSE lands on the closed-form least-squares slope.
    XCTAssertEqual(try number("mse_slope"), try number("least_squares_slope"), accuracy: 1e-6)

    // Stability: the textbook formula fails at logits any float64 user can reach.
    // e^(−2t) rounds to 0 below half the smallest subnormal, i.e. from t = 373 on;
    // e^t overflows above log(greatest finite) = 709.78, i.e. from t = 710 on.
    let underflow =
      ((Foundation.log(2) - Foundation.log(Double.leastNonzeroMagnitude)) / 2).rounded(.up)
    let overflow = Foundation.log(Double.greatestFiniteMagnitude).rounded(.up)
    XCTAssertEqual(try number("naive_first_inf_logit"), underflow)
    XCTAssertEqual(try number("naive_first_nan_logit"), overflow)
    XCTAssertEqual(summary["stable_all_finite"] as? Bool, true)
    XCTAssertEqual(try number("stable_loss_at_max_logit"), 2 * (try number("max_logit")))

    // Classification: cross-entropy pulls hard where squared error on σ barely moves.
    XCTAssertGreaterThan(
      try number("ce_gradient_at_start"), 10 * (try number("mse_gradient_at_start")))
    let ceSteps = try number("ce_steps_to_90_percent")
    let mseSteps = (summary["mse_steps_to_90_percent"] as? Double) ?? .infinity
    XCTAssertLessThan(ceSteps, mseSteps)
  }

  func testCalculatorMeanSquaredError() throws {
    let (p, y) = ([0.5, -1.2, 3], [1.0, -1, 0])
    let answer = try calculate([
      "--loss", "mse", "--predicted", "0.5,-1.2,3", "--expected", "1,-1,0",
    ])
    XCTAssertEqual(answer.value, (0.25 + 0.04 + 9) / 3, accuracy: 1e-12)
    let expected = zip(p, y).map { 2 * ($0 - $1) / 3 }
    XCTAssertEqual(answer.gradient.count, 3)
    for (g, e) in zip(answer.gradient, expected) { XCTAssertEqual(g, e, accuracy: 1e-12) }
    // The sum reduction is three times the mean, gradient included.
    let sum = try calculate([
      "--loss", "mse", "--predicted", "0.5,-1.2,3", "--expected", "1,-1,0", "--reduction", "sum",
    ])
    XCTAssertEqual(sum.value, 0.25 + 0.04 + 9, accuracy: 1e-12)
    XCTAssertEqual(sum.gradient[2], 6, accuracy: 1e-12)
  }

  func testCalculatorAcceptsNegativeValuesInBothForms() throws {
    // ℓ = log(1 + e^s) for target 0, log 2 at s = 0 with target ½, log(1 + e^−s) for 1.
    let expected =
      (Foundation.log(1 + Foundation.exp(-20)) + Foundation.log(2)
        + Foundation.log(1 + Foundation.exp(-3.5))) / 3
    for arguments in [
      ["--loss", "bce", "--logits=-20,0,3.5", "--targets=0,0.5,1"],
      ["--loss", "bce", "--logits", "-20,0,3.5", "--targets", "0,0.5,1"],
    ] {
      let answer = try calculate(arguments)
      XCTAssertEqual(answer.value, expected, accuracy: 1e-12, "\(arguments)")
      let sigma = 1 / (1 + Foundation.exp(-3.5))
      XCTAssertEqual(answer.gradient.last ?? .nan, (sigma - 1) / 3, accuracy: 1e-12)
    }
  }

  func testCalculatorCrossEntropyIsExactAtExtremeLogits() throws {
    let answer = try calculate([
      "--loss", "cross-entropy", "--logits", "1000,-1000,0", "--labels", "1",
    ])
    XCTAssertEqual(answer.value, 2000)
    XCTAssertEqual(answer.gradient, [1, -1, 0])
  }

  func testBadInputsGiveOneLineAndExitCode64() throws {
    let cases: [[String]] = [
      ["--loss", "nonsense"],
      ["--loss", "mse", "--predicted", "1,2", "--expected", "1"],
      ["--loss", "cross-entropy", "--logits", "1,2,3", "--labels", "3"],
      ["--loss", "mae", "--predicted", "nan,1", "--expected", "1,1"],
      ["--loss", "bce", "--logits", "0.5", "--targets", "1.5"],
      ["--loss", "kl", "--p", "0.5,0.5"],
      ["--loss", "hinge", "--scores", "1,2", "--labels", "1,0"],
      ["--loss", "huber", "--predicted", "1", "--expected", "2", "--delta", "-1"],
    ]
    for arguments in cases {
      let result = try runLosses(arguments)
      XCTAssertEqual(result.status, 64, "losses \(arguments)")
      let lines = result.stderr.split(separator: "\n")
      XCTAssertEqual(lines.count, 1, "losses \(arguments) wrote: \(result.stderr)")
      XCTAssertTrue(result.stderr.hasPrefix("Error: "), result.stderr)
      XCTAssertEqual(result.stdout, "", "losses \(arguments)")
    }
  }
}
