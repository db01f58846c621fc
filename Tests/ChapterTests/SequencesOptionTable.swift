import Foundation
import XCTest

/// `sequences`' options at their boundaries (see CLIBoundaryTable.swift): the word list of
/// experiment 1 and the `sequences ngram` calculator, which answers at once.
final class SequencesOptionTable: XCTestCase {
  /// Writes `text` to a fresh file in the temporary folder and returns its path.
  private func file(_ name: String, _ text: String) throws -> String {
    let folder = try temporaryOutput(for: "sequences-files")
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func testWordListBoundaries() throws {
    guard FileManager.default.fileExists(atPath: "/usr/share/dict/american-english") else {
      throw XCTSkip("wamerican is not installed")
    }
    // 300 distinct made-up words: every part of the hash split gets some, even thinned.
    let letters = Array("abcdefghij")
    let words = (1...300).map { i in
      "w" + String(String(i * 7919, radix: 10).map { letters[Int(String($0)) ?? 0] })
    }
    try checkOptionTable(
      chapter: "sequences",
      [
        .values(
          "--words", accepted: [try file("words.txt", words.joined(separator: "\n"))],
          refused: ["", " "]),
        .line(["--words", "/nonexistent-folder/words"], .dataError),
        // Issue 19: an empty or tiny list trapped ("perplexity: 0 predicted symbols").
        .line(["--words", try file("empty.txt", "")], .dataError),
        .line(["--words", try file("two.txt", "ab\nb\n")], .dataError),
        .line(
          ["--words", try file("forty.txt", words.prefix(40).joined(separator: "\n"))], .dataError),
        .values("--seed", accepted: [], refused: ["-1", "", "1.5"]),
        .values("--output", accepted: [], refused: [""]),
      ])
  }

  func testCalculatorBoundaries() throws {
    let train = try file("train.txt", "ab\nb\n")
    let evaluate = try file("evaluate.txt", "ab\n")
    let files = ["--train", train, "--evaluate", evaluate]
    try checkOptionTable(
      chapter: "sequences", subcommand: "ngram", chapterOptions: false,
      [
        .integer("--order", 1...20, context: files + ["--add-k", "1"]),
        .real(
          "--add-k", accepted: ["0", "-0", "1e-300", "1000000000"],
          refused: ["-1", "-1e-300", "1000000001", "1e300"], context: files + ["--order", "2"]),
        // Issue 19: an empty file name was "': no such file" (exit 1).
        .values(
          "--train", accepted: [], refused: ["", " "],
          context: ["--evaluate", evaluate, "--order", "2", "--add-k", "1"]),
        .values(
          "--evaluate", accepted: [], refused: [""],
          context: ["--train", train, "--order", "2", "--add-k", "1"]),
        .line(
          [
            "--train", "/nonexistent-folder/t", "--evaluate", evaluate, "--order", "2", "--add-k",
            "1",
          ],
          .dataError),
        .line(
          [
            "--train", try file("blank.txt", "\n\n"), "--evaluate", evaluate, "--order", "2",
            "--add-k", "1",
          ],
          .dataError),
        .line(
          [
            "--train", train, "--evaluate", try file("c.txt", "abc\n"), "--order", "2", "--add-k",
            "1",
          ],
          .dataError),
        .line(files + ["--order", "2"], .refused),
        .line(files + ["--order", "2", "--add-k", "0", "--json"], .runs),
      ])
  }

  func testHelpStatesEveryBound() throws {
    try assertHelpStatesBounds(chapter: "sequences", subcommand: "ngram", ["20", "1e9"])
  }
}
