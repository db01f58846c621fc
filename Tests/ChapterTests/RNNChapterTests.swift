import Foundation
import XCTest

/// Runs the built `rnn` executable: the quick experiments and the `bptt` parameter mode.
final class RNNChapterTests: XCTestCase {
  func testQuickRunWritesEveryFigureAndSummary() throws {
    let output = try temporaryOutput(for: "rnn")
    let result = try runChapter("rnn", ["--quick", "--output", output.path, "--json"])
    XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
    let json = try result.jsonObject()
    let figures = try XCTUnwrap(json["figures"] as? [[String: Any]]).compactMap {
      $0["file"] as? String
    }
    XCTAssertEqual(
      Set(figures),
      [
        "gradient-decay.png", "clipping.png", "adding-problem.png", "language-model.png",
        "structure.png", "forecasting.png",
      ])
    for file in figures {
      XCTAssertTrue(
        FileManager.default.fileExists(atPath: output.appendingPathComponent("rnn/\(file)").path))
    }
    // Experiment 1: W_hh = ρ·Q exactly, so the gradient 29 steps back is far below 1 for
    // ρ = 0.5 (≤ 0.5^29 times tanh' ≤ 1: < 1e-8) and above 1 for ρ = 1.5 in the near-linear
    // regime of small inputs.
    let decay = try XCTUnwrap(json["gradient_decay"] as? [String: Any])
    let small = try XCTUnwrap(decay["rnn_rho_0_5"] as? [String: Any])
    let large = try XCTUnwrap(decay["rnn_rho_1_5"] as? [String: Any])
    XCTAssertLessThan(try XCTUnwrap(small["ratio_at_end"] as? Double), 1e-8)
    XCTAssertGreaterThan(try XCTUnwrap(large["ratio_at_end"] as? Double), 1)
    let lm = try XCTUnwrap(json["language_model"] as? [String: Any])
    // 27 symbols: a model no better than uniform has perplexity 27.
    XCTAssertLessThan(try XCTUnwrap(lm["test_perplexity"] as? Double), 27)
    // Experiment 5: no forecast of x_{t+k} can beat the noise σ = 0.1 in expectation (the
    // noise is independent of the past); over ~280 test origins an RMSE below 0.08 would
    // be a bug (the RMSE of N(0, 0.1²) over 280 draws is 0.1 ± 0.005). AR fitted by least
    // squares must be well below the signal's spread (≈ 0.79) one step ahead.
    let forecast = try XCTUnwrap(json["forecasting"] as? [String: Any])
    let ar = try XCTUnwrap(forecast["ar_horizon_rmse"] as? [Double])
    let gru = try XCTUnwrap(forecast["gru_horizon_rmse"] as? [Double])
    XCTAssertEqual(ar.count, 20)
    XCTAssertEqual(gru.count, 20)
    XCTAssert((ar + gru).allSatisfy { $0 > 0.08 }, "\(ar) \(gru)")
    XCTAssertLessThan(ar[0], 0.3)
  }

  /// The language model's exploration with weight averaging and decay: two quick epochs of
  /// 47 steps each, averaging the last half of the 94 steps (from step 48, the first of the
  /// second epoch), so only the second epoch has an averaged validation score.
  func testLanguageModelAveragingAndDecayAreReported() throws {
    let output = try temporaryOutput(for: "rnn-lm-average")
    let result = try runChapter(
      "rnn",
      [
        "--quick", "--lm-only", "--lm-epochs", "2", "--lm-average-fraction", "0.5",
        "--lm-weight-decay", "0.1", "--output", output.path, "--json",
      ])
    XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
    let lm = try XCTUnwrap(try result.jsonObject()["language_model"] as? [String: Any])
    XCTAssertEqual(lm["steps"] as? Double, 94)
    XCTAssertEqual((lm["averaged_validation_curve"] as? [Double])?.count, 1)
    XCTAssertEqual(lm["averaging"] as? String, "uniform")
    XCTAssertEqual(lm["weight_decay"] as? Double, 0.1)
    XCTAssertLessThan(try XCTUnwrap(lm["validation_perplexity"] as? Double), 27)
  }

  /// The parameter mode: a valid file gives every key, an invalid one one line and exit 64.
  func testBPTTModeOutputsAndErrors() throws {
    let folder = try temporaryOutput(for: "rnn-bptt")
    let file = folder.appendingPathComponent("p.json")
    let valid = """
      {"cell": "gru", "weight_ih": [[0.1],[0.2],[0.3]], "weight_hh": [[0.4],[0.5],[-0.6]],
       "bias_ih": [0.1, 0, -0.1], "bias_hh": [0, 0.2, 0.3], "xs": [[[1.5], [-2]]],
       "h0": [[0.25]], "loss": {"kind": "last_output_sse", "readout_weight": [[2]],
       "readout_bias": [0.5], "targets": [[1]]}}
      """
    try Data(valid.utf8).write(to: file)
    let ok = try runChapter("rnn", ["bptt", "--parameters", file.path, "--json"])
    XCTAssertEqual(ok.status, 0, ok.stderr)
    let json = try ok.jsonObject()
    for key in ["hidden_states", "h_T", "output", "loss", "gradients"] {
      XCTAssertNotNil(json[key], key)
    }
    let gradients = try XCTUnwrap(json["gradients"] as? [String: Any])
    XCTAssertEqual(
      Set(gradients.keys),
      [
        "weight_ih", "weight_hh", "bias_ih", "bias_hh", "xs", "h0", "readout_weight",
        "readout_bias",
      ])
    XCTAssertEqual((gradients["xs"] as? [[[Double]]])?.count, 1)

    try Data(valid.replacingOccurrences(of: "\"h0\": [[0.25]]", with: "\"h0\": [[0.25, 1]]").utf8)
      .write(to: file)
    let bad = try runChapter("rnn", ["bptt", "--parameters", file.path])
    XCTAssertEqual(bad.status, 64)
    XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, bad.stderr)
    XCTAssertTrue(bad.stderr.contains("h0: shape 1 × 2, expected B × H = 1 × 1"), bad.stderr)
  }
}
