import Foundation
import XCTest

/// Runs the built `gan` executable: the quick experiments and the `gaussian` calculator.
final class GANChapterTests: XCTestCase {
  func testQuickRunReportsEveryExperiment() throws {
    let output = try temporaryOutput(for: "gan")
    let result = try runChapter("gan", ["--quick", "--output", output.path, "--json"])
    XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
    let json = try result.jsonObject()

    // 1. The known answer, already within the goal after quick mode's 600 steps (seed 42:
    // mean error 0.03, covariance error 1.7%), and D at ½ within 0.05.
    let gaussian = try XCTUnwrap(json["gaussian"] as? [String: Any])
    XCTAssertLessThan(try XCTUnwrap(gaussian["mean_error"] as? Double), 0.1)
    XCTAssertLessThan(try XCTUnwrap(gaussian["covariance_error"] as? Double), 0.1)
    XCTAssertEqual(try XCTUnwrap(gaussian["final_d_real"] as? Double), 0.5, accuracy: 0.05)
    XCTAssertEqual(try XCTUnwrap(gaussian["final_d_fake"] as? Double), 0.5, accuracy: 0.05)

    // 3. The bilinear game: simultaneous steps grow exactly as √(1 + η²)ⁿ; alternating
    // steps stay on a bounded orbit around the start distance √2.
    let game = try XCTUnwrap(json["bilinear_game"] as? [String: Any])
    for key in ["eta_large", "eta_small"] {
      let entry = try XCTUnwrap(game[key] as? [String: Any])
      let measured = try XCTUnwrap(entry["simultaneous_final_radius"] as? Double)
      let theory = try XCTUnwrap(entry["simultaneous_theory_radius"] as? Double)
      XCTAssertEqual(measured, theory, accuracy: 1e-9 * theory)
      XCTAssertLessThanOrEqual(try XCTUnwrap(entry["alternating_max_radius"] as? Double), 1.5)
      XCTAssertGreaterThan(try XCTUnwrap(entry["alternating_min_radius"] as? Double), 1)
    }

    // 4. D trained alone approaches p_data/(p_data + p_g) (quick: 300 steps).
    let optimal = try XCTUnwrap(json["optimal_discriminator"] as? [String: Any])
    XCTAssertLessThan(try XCTUnwrap(optimal["max_gap"] as? Double), 0.1)

    // 6. Against a D trained alone, the minimax gradient is the smaller one.
    let saturation = try XCTUnwrap(json["saturation"] as? [String: Any])
    XCTAssertGreaterThan(try XCTUnwrap(saturation["gradient_ratio"] as? Double), 1)

    XCTAssertNotNil(json["ring"] as? [String: Any])
    XCTAssertNotNil(json["fashion"] as? [String: Any])
    let figures = try XCTUnwrap(json["figures"] as? [[String: Any]])
    for figure in figures {
      let file = try XCTUnwrap(figure["file"] as? String)
      let path = output.appendingPathComponent("gan").appendingPathComponent(file).path
      XCTAssertTrue(FileManager.default.fileExists(atPath: path), "missing figure \(path)")
    }
    XCTAssertGreaterThanOrEqual(figures.count, 8)
  }

  func testGaussianPrintsTruthAndLearnedMoments() throws {
    let result = try runChapter(
      "gan",
      ["gaussian", "--mean", "-2,3", "--covariance", "1,-0.4;-0.4,0.8", "--steps", "300", "--json"])
    XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
    let json = try result.jsonObject()
    XCTAssertEqual(json["target_mean"] as? [Double], [-2, 3])
    XCTAssertEqual(json["target_covariance"] as? [[Double]], [[1, -0.4], [-0.4, 0.8]])
    let mean = try XCTUnwrap(json["learned_mean"] as? [Double])
    let covariance = try XCTUnwrap(json["learned_covariance"] as? [[Double]])
    XCTAssertEqual(mean.count, 2)
    XCTAssertEqual(covariance.count, 2)
    // The sample covariance of the generator's samples is symmetric by construction.
    XCTAssertEqual(covariance[0][1], covariance[1][0])
    // Even 300 steps land near the target (seed 42); the goal itself is checked in
    // release builds by the robustness run described in the lesson.
    XCTAssertEqual(mean[0], -2, accuracy: 0.3)
    XCTAssertEqual(mean[1], 3, accuracy: 0.3)
  }

  func testGaussianRejectsBadInputWithOneLine() throws {
    let bad: [[String]] = [
      ["--mean", "0,2", "--covariance", "1,2;2,1"],  // not positive definite
      ["--mean", "0,2", "--covariance", "1,0.2;0.3,1"],  // not symmetric
      ["--mean", "0,2", "--covariance", "1,0,0"],  // wrong count
      ["--mean", "0,2", "--covariance", "1,0;0"],  // ragged rows
      ["--mean", "0,2,1", "--covariance", "1,0;0,1"],  // three means
      ["--mean", "x,2", "--covariance", "1,0;0,1"],  // not a number
      ["--mean", "0,2", "--covariance", "-1,0;0,1"],  // negative variance
      ["--mean", "0,2", "--covariance", "1,0;0,1", "--steps", "0"],
      ["--mean", "0,2", "--covariance", "1,0;0,1", "--steps", "100001"],
    ]
    for arguments in bad {
      let result = try runChapter("gan", ["gaussian"] + arguments)
      XCTAssertEqual(result.status, 64, "\(arguments): stderr \(result.stderr)")
      let lines = result.stderr.split(separator: "\n")
      XCTAssertEqual(lines.count, 1, "\(arguments): \(result.stderr)")
      XCTAssertTrue(result.stderr.hasPrefix("Error: "), "\(arguments): \(result.stderr)")
    }
  }
}
