import Foundation
import XCTest

/// Runs the built `production` executable: the quick experiments and the accountant.
final class ProductionChapterTests: XCTestCase {
  func testQuickRunWritesEveryFigureAndTheSummaryKeys() throws {
    let output = try temporaryOutput(for: "production")
    let result = try runChapter("production", ["--quick", "--output", output.path, "--json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let summary = try result.jsonObject()
    for key in [
      "shift", "calibration", "latency", "int8_vs_float64", "dp_sweep", "membership_inference",
      "integrated_gradients", "pca",
    ] {
      XCTAssertNotNil(summary[key], "summary lacks \(key)")
    }
    for name in [
      "shift", "reliability-diagram", "latency", "privacy-tradeoff", "attribution", "hidden-pca",
    ] {
      let path = output.appendingPathComponent("production/\(name).png").path
      XCTAssertTrue(FileManager.default.fileExists(atPath: path), "missing \(path)")
    }
    // Temperature scaling never makes the validation-fitted NLL worse on test by much and
    // the attack AUC is a probability.
    let mia = try XCTUnwrap(summary["membership_inference"] as? [String: Any])
    let auc = try XCTUnwrap(mia["overfit_auc"] as? Double)
    XCTAssertTrue((0...1).contains(auc))
  }

  /// The accountant's JSON for one setting.
  private func privacy(_ arguments: [String]) throws -> ChapterOutput {
    try runChapter("production", ["privacy"] + arguments)
  }

  func testPrivacyModeMatchesDPAccountingOnAbadiSetting() throws {
    // dp-accounting 0.6: σ 1.1, q 256/60000, 60 epochs (14,040 steps), δ 1e-5 →
    // ε 2.5943633557853634 at order 8.1 (Tests/ProductionTests/Fixtures).
    let result = try privacy([
      "--noise-multiplier", "1.1", "--sample-rate", "\(256.0 / 60000)", "--steps", "14040",
      "--delta", "1e-5", "--json",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let object = try result.jsonObject()
    XCTAssertEqual(Set(object.keys), ["epsilon", "order"])
    XCTAssertEqual(try XCTUnwrap(object["epsilon"] as? Double), 2.5943633557853634, accuracy: 1e-8)
    XCTAssertEqual(try XCTUnwrap(object["order"] as? Double), 8.1)
  }

  func testPrivacyModeRefusesBadValuesInOneLine() throws {
    let good = [
      "--noise-multiplier", "1", "--sample-rate", "0.01", "--steps", "100", "--delta", "1e-5",
    ]
    let cases: [(String, String)] = [
      ("--noise-multiplier", "0"), ("--noise-multiplier", "-1"), ("--noise-multiplier", "nan"),
      ("--sample-rate", "0"), ("--sample-rate", "1.5"), ("--steps", "0"), ("--delta", "0"),
      ("--delta", "1"), ("--delta", "inf"), ("--steps", "x"),
    ]
    for (option, value) in cases {
      var arguments = good
      let index = try XCTUnwrap(arguments.firstIndex(of: option))
      arguments[index + 1] = value
      let result = try privacy(arguments)
      XCTAssertNotEqual(result.status, 0, "\(option) \(value) accepted")
      let lines = result.stderr.split(separator: "\n")
      XCTAssertEqual(lines.count, 1, "\(option) \(value): \(result.stderr)")
      XCTAssertTrue(result.stderr.hasPrefix("Error:"), result.stderr)
    }
  }
}
