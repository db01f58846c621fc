import Foundation
import XCTest

/// Runs the built `optimizers` executable: the quick experiment run and explore mode.
final class OptimizersChapterTests: XCTestCase {
  private func run(
    _ arguments: [String], file: StaticString = #filePath, line: UInt = #line
  ) throws -> ChapterOutput? {
    try runChapter("optimizers", arguments, file: file, line: line)
  }

  private func temporaryDirectory() throws -> URL { try temporaryOutput(for: "optimizers") }

  private func object(_ text: String) throws -> [String: Any] {
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try XCTUnwrap(json as? [String: Any], "not a JSON object: \(text.prefix(200))")
  }

  private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

  func testQuickRunWritesFiguresAndASummaryThatMatchesTheory() throws {
    let directory = try temporaryDirectory()
    guard let output = try run(["--quick", "--output", directory.path, "--json"]) else { return }
    XCTAssertEqual(output.status, 0, output.stderr)
    let printed = try object(output.stdout)
    let summaryURL = directory.appendingPathComponent("optimizers/summary.json")
    let summary = try object(String(contentsOf: summaryURL, encoding: .utf8))
    XCTAssertEqual(printed["chapter"] as? String, "optimizers")
    XCTAssertEqual(summary["chapter"] as? String, "optimizers")

    // 3. The stability limit: 2/λ_max = 2/4 and, with momentum 0.9, 2(1 + 0.9)/4.
    let stability = try XCTUnwrap(summary["stability"] as? [String: Any])
    XCTAssertEqual(number(stability["lambda_max"]), 4)
    XCTAssertEqual(number(stability["theory_limit"]), 0.5)
    XCTAssertEqual(number(stability["measured_limit"]) ?? 0, 0.5, accuracy: 2e-3)
    XCTAssertEqual(number(stability["momentum_measured_limit"]) ?? 0, 0.95, accuracy: 5e-3)
    XCTAssertEqual(stability["matches_theory"] as? Bool, true)

    // 5. The classifier's backward pass passed its gradient check.
    let noise = try XCTUnwrap(summary["noise"] as? [String: Any])
    XCTAssertLessThan(number(noise["gradient_check_max_relative_error"]) ?? 1, 1e-7)

    // 6. L2 inside Adam keeps the parameters smaller than no decay at all.
    let decay = try XCTUnwrap(summary["weight_decay"] as? [String: Any])
    let adam = try XCTUnwrap(decay["adam"] as? [String: Any])
    let l2 = try XCTUnwrap(decay["adam_l2"] as? [String: Any])
    XCTAssertLessThan(number(l2["final_norm"]) ?? .infinity, number(adam["final_norm"]) ?? 0)

    let figures = try XCTUnwrap(summary["figures"] as? [[String: Any]])
    let names = figures.compactMap { $0["file"] as? String }
    for name in [
      "paths-quadratic.png", "paths-rosenbrock.png", "convergence.png", "stability-limit.png",
      "learning-rate-sensitivity.png", "minibatch-noise.png", "adamw-vs-adam-l2.png",
    ] {
      XCTAssertTrue(names.contains(name), "summary lists no \(name)")
      let path = directory.appendingPathComponent("optimizers/\(name)").path
      XCTAssertTrue(FileManager.default.fileExists(atPath: path), "\(name) not written")
    }
  }

  func testExploreJSONHasTheStartAndOneSGDStep() throws {
    let directory = try temporaryDirectory()
    guard
      let output = try run([
        "--function", "quadratic", "--optimizer", "sgd", "--learning-rate", "0.1", "--steps",
        "3", "--json", "--output", directory.path,
      ])
    else { return }
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try object(output.stdout)
    XCTAssertEqual(json["function"] as? String, "quadratic")
    XCTAssertEqual(json["optimizer"] as? String, "sgd")
    let hyperparameters = try XCTUnwrap(json["hyperparameters"] as? [String: Any])
    XCTAssertEqual(number(hyperparameters["learning_rate"]), 0.1)
    let trajectory = try XCTUnwrap(json["trajectory"] as? [[Double]])
    let values = try XCTUnwrap(json["values"] as? [Double])
    XCTAssertEqual(trajectory.count, 4)
    XCTAssertEqual(values.count, 4)
    XCTAssertTrue(json["diverged_at"] is NSNull)
    // Start (−7, 2); ∇(x²/20 + y²) = (x/10, 2y) = (−0.7, 4); one step of lr 0.1.
    XCTAssertEqual(trajectory[0], [-7, 2])
    XCTAssertEqual(trajectory[1][0], -7 - 0.1 * -0.7, accuracy: 1e-12)
    XCTAssertEqual(trajectory[1][1], 2 - 0.1 * 4, accuracy: 1e-12)
    XCTAssertEqual(values[0], 49.0 / 20 + 4, accuracy: 1e-12)
    let figure = directory.appendingPathComponent("optimizers/explore.png").path
    XCTAssertTrue(FileManager.default.fileExists(atPath: figure))
  }

  func testNegativeStartAndEqualsFormParse() throws {
    let directory = try temporaryDirectory()
    guard
      let output = try run([
        "--function=rosenbrock", "--optimizer", "sgd", "--learning-rate=0.001", "--start",
        "-1.5,2", "--steps", "1", "--json", "--output", directory.path,
      ])
    else { return }
    XCTAssertEqual(output.status, 0, output.stderr)
    let trajectory = try XCTUnwrap(try object(output.stdout)["trajectory"] as? [[Double]])
    // ∇f(−1.5, 2) = (−2·2.5 − 400·(−1.5)·(2 − 2.25), 200·(2 − 2.25)) = (−155, −50).
    XCTAssertEqual(trajectory[0], [-1.5, 2])
    XCTAssertEqual(trajectory[1][0], -1.5 + 0.155, accuracy: 1e-12)
    XCTAssertEqual(trajectory[1][1], 2 + 0.05, accuracy: 1e-12)
  }

  func testARateAboveTheLimitDivergesAtThePredictedStep() throws {
    let directory = try temporaryDirectory()
    guard
      let output = try run([
        "--function", "ill-conditioned", "--optimizer", "sgd", "--learning-rate", "0.6",
        "--steps", "3000", "--json", "--output", directory.path,
      ])
    else { return }
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try object(output.stdout)
    // By hand: x ← x − 0.6·0.2x = 0.88x, y ← y − 0.6·4y = −1.4y, until 0.1x² + 2y² = ∞.
    var (x, y, expected) = (-5.0, -2.0, 0)
    for k in 1...3000 {
      (x, y) = (0.88 * x, -1.4 * y)
      if !(0.1 * x * x + 2 * y * y).isFinite {
        expected = k
        break
      }
    }
    XCTAssertGreaterThan(expected, 0)
    XCTAssertEqual(number(json["diverged_at"]).map { Int($0) }, expected)
    let trajectory = try XCTUnwrap(json["trajectory"] as? [[Double]])
    XCTAssertEqual(trajectory.count, expected)  // the start and the k − 1 finite steps
  }

  func testBadInputExitsWithUsageError() throws {
    let cases: [[String]] = [
      ["--optimizer", "adamax"],
      ["--function", "sphere"],
      ["--optimizer", "sgd", "--learning-rate", "0"],
      ["--optimizer", "sgd", "--learning-rate", "-0.1"],
      ["--optimizer", "adam", "--learning-rate", "nan"],
      ["--optimizer", "adam", "--beta1", "1"],
      ["--optimizer", "adam", "--beta2=-0.5"],
      ["--optimizer", "rmsprop", "--epsilon", "-1e-8"],
      ["--optimizer", "sgd", "--steps", "0"],
      ["--optimizer", "sgd", "--start", "1"],
      ["--momentum", "0.5"],
    ]
    for arguments in cases {
      guard let output = try run(arguments + ["--output", NSTemporaryDirectory()]) else { return }
      XCTAssertEqual(output.status, 64, "\(arguments): \(output.stderr)")
      XCTAssertTrue(output.stderr.contains("Error"), "\(arguments): \(output.stderr)")
    }
  }
}
