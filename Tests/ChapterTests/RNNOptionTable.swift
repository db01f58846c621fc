import Foundation
import XCTest

/// `rnn`'s options at their boundaries (see CLIBoundaryTable.swift): the experiments' sizes
/// (a quick run at the smallest sizes takes seconds; the largest only has to start) and the
/// `rnn bptt` parameter files, which answer at once.
final class RNNOptionTable: XCTestCase {
  /// A valid GRU file: batch B = 1, T = 2 steps of one feature, H = 1, one readout output.
  private let valid = """
    {"cell": "gru", "weight_ih": [[0.1],[0.2],[0.3]], "weight_hh": [[0.4],[0.5],[-0.6]],
     "bias_ih": [0.1, 0, -0.1], "bias_hh": [0, 0.2, 0.3], "xs": [[[1.5], [-2]]],
     "h0": [[0.25]], "loss": {"kind": "last_output_sse", "readout_weight": [[2]],
     "readout_bias": [0.5], "targets": [[1]]}}
    """

  func testExperimentSizeBoundaries() throws {
    let smallest = ["--lm-epochs", "1", "--adding-steps", "1"]
    try checkOptionTable(
      chapter: "rnn",
      [
        .integer("--lm-epochs", 1...50, context: ["--adding-steps", "1"], maximum: .startsRunning),
        .integer(
          "--adding-steps", 1...100_000, context: ["--lm-epochs", "1"], maximum: .startsRunning),
        .values(
          "--seed", accepted: ["18446744073709551615"], refused: ["-1", ""], context: smallest),
        .values("--output", accepted: [], refused: [""], context: smallest),
      ])
  }

  /// The language-model exploration options, each with `--lm-only` (and the table's
  /// `--quick`); accepted values only have to start (the quick chapter test runs the
  /// model), but for three layers, which runs to the end.
  func testLanguageModelExplorationBoundaries() throws {
    let lm = ["--lm-only", "--lm-epochs", "1"]
    try checkOptionTable(
      chapter: "rnn",
      [
        .integer(
          "--lm-hidden", 1...512, context: lm, maximum: .startsRunning, minimum: .startsRunning),
        // Three layers run to the end: the stacked model inside the chapter.
        .integer("--lm-layers", 1...3, context: lm, minimum: .startsRunning),
        .real(
          "--lm-dropout", accepted: ["0", "0.9"], refused: ["-0.1", "0.900001", "1e300"],
          context: lm, expectation: .startsRunning),
        .real(
          "--lm-learning-rate", accepted: ["1e-300", "0.1"], refused: ["0", "-0.01", "0.1001"],
          context: lm, expectation: .startsRunning),
        .values(
          "--lm-precision", accepted: ["float64"], refused: ["float16", "", "Float32"],
          context: lm),
        .real(
          "--lm-weight-decay", accepted: ["0", "1"], refused: ["-0.1", "1.000001", "1e300"],
          context: lm, expectation: .startsRunning),
        .real(
          "--lm-final-rate", accepted: ["1e-300", "1"], refused: ["0", "-0.1", "1.000001"],
          context: lm, expectation: .startsRunning),
        .real(
          "--lm-average-fraction", accepted: ["0", "1"], refused: ["-0.1", "1.000001"],
          context: lm, expectation: .startsRunning),
        .real(
          "--lm-average-decay", accepted: ["0", "0.99999"], refused: ["-0.1", "0.999991", "1"],
          context: lm, expectation: .startsRunning),
        .integer("--lm-batch", 1...256, context: lm, maximum: .startsRunning),
      ])
  }

  func testParameterFileBoundaries() throws {
    let folder = try temporaryOutput(for: "rnn-files")
    func file(_ name: String, _ text: String) throws -> String {
      let url = folder.appendingPathComponent(name)
      try Data(text.utf8).write(to: url)
      return url.path
    }
    func variant(_ name: String, _ old: String, _ new: String) throws -> String {
      try file(name, valid.replacingOccurrences(of: old, with: new))
    }
    let target = "\"targets\": [[1]]"
    try checkOptionTable(
      chapter: "rnn", subcommand: "bptt", chapterOptions: false,
      [
        .values(
          "--parameters",
          accepted: [
            try file("valid.json", valid),
            try variant("tiny.json", target, "\"targets\": [[1e-300]]"),
            try variant("large.json", target, "\"targets\": [[1e150]]"),
          ],
          refused: [
            "", " ", "/nonexistent-folder/p.json", folder.path,
            try file("empty.json", ""), try file("array.json", "[]"),
            try variant("nan.json", target, "\"targets\": [[NaN]]"),
            try variant("e400.json", target, "\"targets\": [[1e400]]"),
            try variant("steps0.json", "[[[1.5], [-2]]]", "[[]]"),
            try variant("batch0.json", "[[[1.5], [-2]]]", "[]"),
            try variant("features0.json", "[[[1.5], [-2]]]", "[[[], []]]"),
            // Issue 19: finite inputs whose loss or gradients overflow printed null, exit 0.
            try variant("huge.json", target, "\"targets\": [[1e308]]"),
            try variant(
              "huge-weight.json", "\"readout_weight\": [[2]]", "\"readout_weight\": [[1e308]]"),
          ]),
        .line([], .refused),
      ])
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(chapter: "rnn", subcommand: "experiments", ["1…50", "1…100000"])
  }
}
