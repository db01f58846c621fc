import Foundation
import XCTest

/// Runs the built `sequences` executable: a quick run, and the `ngram` calculator against
/// hand-computed values on tiny files.
final class SequencesChapterTests: XCTestCase {
  private func file(_ name: String, _ contents: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url.path
  }

  func testQuickRunReportsTheBestNGramAndTheBaselines() throws {
    let output = try temporaryOutput(for: "sequences")
    let result = try runChapter("sequences", ["--quick", "--output", output.path, "--json"])
    XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
    let json = try result.jsonObject()
    let best = try XCTUnwrap(json["best_ngram"] as? [String: Any])
    XCTAssertEqual(Set(best.keys), ["order", "smoothing", "test_perplexity"])
    let perplexity = try XCTUnwrap(best["test_perplexity"] as? Double)
    // Better than a uniform guess over 27 symbols and than a unigram model (≈ 19), worse
    // than certainty.
    XCTAssertGreaterThan(perplexity, 1)
    XCTAssertLessThan(perplexity, 15)
    XCTAssertTrue(["add-k", "kneser-ney"].contains(try XCTUnwrap(best["smoothing"] as? String)))

    let ar = try XCTUnwrap(json["ar"] as? [String: Any])
    // The one-step error cannot beat the noise σ = 0.1 by much (it is the irreducible
    // part) and a good AR(p) gets within 40% of it.
    let oneStep = try XCTUnwrap(ar["test_one_step_rmse"] as? Double)
    XCTAssertGreaterThan(oneStep, 0.08)
    XCTAssertLessThan(oneStep, 0.14)

    let hmm = try XCTUnwrap(json["hmm"] as? [String: Any])
    let half = try XCTUnwrap(hmm["at_noise_half"] as? [String: Any])
    let perStep = try XCTUnwrap(half["per_step"] as? Double)
    let posterior = try XCTUnwrap(half["posterior"] as? Double)
    XCTAssertGreaterThan(posterior, perStep + 0.05, "using the sequence must help")
    let long = try XCTUnwrap(hmm["long"] as? [String: Any])
    XCTAssertNotNil(
      long["log_likelihood"] as? Double, "the log-space forward pass must stay finite")

    let figures = try XCTUnwrap(json["figures"] as? [[String: Any]])
    XCTAssertEqual(figures.count, 6)
    for figure in figures {
      let name = try XCTUnwrap(figure["file"] as? String)
      XCTAssertTrue(
        FileManager.default.fileExists(
          atPath: output.appendingPathComponent("sequences/\(name)").path), name)
    }
  }

  func testCalculatorMatchesAHandComputation() throws {
    let folder = try temporaryOutput(for: "ngram")
    let train = try file("train.txt", "ab\nb\n", in: folder)
    let evaluate = try file("eval.txt", "ab\n", in: folder)
    // |V| = 3 (a, b, ⟨/s⟩). P(a|⟨s⟩) = (1+1)/(2+3), P(b|a) = (1+1)/(1+3),
    // P(⟨/s⟩|b) = (2+1)/(2+3): log-likelihood log 0.12, M = 3.
    let result = try runChapter(
      "sequences",
      ["ngram", "--train", train, "--evaluate", evaluate, "--order", "2", "--add-k", "1", "--json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let json = try result.jsonObject()
    XCTAssertEqual(
      Set(json.keys),
      ["order", "add_k", "vocabulary_size", "predicted_symbols", "log_likelihood", "perplexity"])
    XCTAssertEqual(json["order"] as? Int, 2)
    XCTAssertEqual(json["vocabulary_size"] as? Int, 3)
    XCTAssertEqual(json["predicted_symbols"] as? Int, 3)
    XCTAssertEqual(try XCTUnwrap(json["log_likelihood"] as? Double), log(0.12), accuracy: 1e-14)
    XCTAssertEqual(
      try XCTUnwrap(json["perplexity"] as? Double), pow(0.12, -1.0 / 3), accuracy: 1e-13)

    // Trigram, k = 0.5, two evaluation lines with an empty line between (skipped):
    // training "aab": events ⟨s⟩⟨s⟩→a, ⟨s⟩a→a, aa→b, ab→⟨/s⟩; |V| = 3.
    // "ab": P(a|⟨s⟩⟨s⟩) = 1.5/2.5, P(b|⟨s⟩a) = 0.5/2.5, P(⟨/s⟩|ab) = 1.5/2.5.
    // "b":  P(b|⟨s⟩⟨s⟩) = 0.5/2.5, P(⟨/s⟩|⟨s⟩b) = 0.5/1.5 (unseen history: k/(k|V|)).
    let train3 = try file("train3.txt", "aab", in: folder)
    let evaluate3 = try file("eval3.txt", "ab\n\nb\n", in: folder)
    let trigram = try runChapter(
      "sequences",
      [
        "ngram", "--train", train3, "--evaluate", evaluate3, "--order", "3", "--add-k", "0.5",
        "--json",
      ])
    XCTAssertEqual(trigram.status, 0, trigram.stderr)
    let t = try trigram.jsonObject()
    XCTAssertEqual(t["predicted_symbols"] as? Int, 5)
    let expected = log(0.6) + log(0.2) + log(0.6) + log(0.2) + log(1.0 / 3)
    XCTAssertEqual(try XCTUnwrap(t["log_likelihood"] as? Double), expected, accuracy: 1e-13)
    XCTAssertEqual(try XCTUnwrap(t["perplexity"] as? Double), exp(-expected / 5), accuracy: 1e-12)

    // Text mode prints the same perplexity.
    let text = try runChapter(
      "sequences",
      ["ngram", "--train", train, "--evaluate", evaluate, "--order", "2", "--add-k", "1"])
    XCTAssertTrue(text.stdout.contains("\(pow(0.12, -1.0 / 3))".prefix(8)), text.stdout)
  }

  func testCalculatorReportsInfinitePerplexityAndWhy() throws {
    let folder = try temporaryOutput(for: "ngram")
    let train = try file("train.txt", "ab\nb\n", in: folder)
    let evaluate = try file("eval.txt", "b\nba\n", in: folder)
    let json = try runChapter(
      "sequences",
      ["ngram", "--train", train, "--evaluate", evaluate, "--order", "2", "--add-k", "0", "--json"])
    XCTAssertEqual(json.status, 0, json.stderr)
    let object = try json.jsonObject()
    XCTAssertTrue(object["perplexity"] is NSNull)
    XCTAssertTrue(object["log_likelihood"] is NSNull)
    let note = try XCTUnwrap(object["note"] as? String)
    XCTAssertTrue(note.contains("line 2") && note.contains("k = 0"), note)
    let text = try runChapter(
      "sequences",
      ["ngram", "--train", train, "--evaluate", evaluate, "--order", "2", "--add-k", "0"])
    XCTAssertTrue(text.stdout.contains("perplexity:         inf"), text.stdout)
    XCTAssertTrue(text.stdout.contains("never occurs in training"), text.stdout)
  }

  func testCalculatorErrorsAreOneLineWithoutANumber() throws {
    let folder = try temporaryOutput(for: "ngram")
    let train = try file("train.txt", "ab\nb\n", in: folder)
    let unseen = try file("unseen.txt", "ab\nabz\n", in: folder)
    let empty = try file("empty.txt", "\n\n", in: folder)
    let cases: [([String], String, Int32)] = [
      (["--evaluate", unseen, "--order", "2", "--add-k", "1"], "'z' (U+007A)", 1),
      (["--evaluate", empty, "--order", "2", "--add-k", "1"], "empty", 1),
      (
        [
          "--evaluate", folder.appendingPathComponent("missing.txt").path, "--order", "2",
          "--add-k", "1",
        ], "missing.txt", 1
      ),
      (["--evaluate", unseen, "--order", "0", "--add-k", "1"], "--order", 64),
      (["--evaluate", unseen, "--order", "2", "--add-k", "-1"], "--add-k", 64),
      (["--evaluate", unseen, "--order", "2", "--add-k", "2e9"], "--add-k", 64),
      (["--evaluate", unseen, "--order", "21", "--add-k", "1"], "--order", 64),
    ]
    for (arguments, needle, status) in cases {
      let result = try runChapter("sequences", ["ngram", "--train", train] + arguments)
      XCTAssertEqual(result.status, status, "\(arguments): \(result.stderr)")
      XCTAssertEqual(result.stdout, "", "no number on stdout for \(arguments)")
      let lines = result.stderr.split(separator: "\n")
      XCTAssertEqual(lines.count, 1, result.stderr)
      XCTAssertTrue(result.stderr.contains(needle), "\(needle) not in \(result.stderr)")
    }
    let unseenResult = try runChapter(
      "sequences",
      ["ngram", "--train", train, "--evaluate", unseen, "--order", "2", "--add-k", "1"])
    XCTAssertTrue(unseenResult.stderr.contains("line 2"), unseenResult.stderr)
  }
}
