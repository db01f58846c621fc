// The calculator: `sequences ngram --train FILE --evaluate FILE --order N --add-k K [--json]`.
//
// It implements one convention exactly, so a teacher can set a hand computation and a
// student (or a checking script) can verify it. Usage mistakes (k < 0, N outside 1…20) are
// `ValidationError`s: one line, exit 64. File problems (missing, unreadable, not UTF-8,
// empty, a character never seen in training) are `ChapterError.data`: one line naming the
// file, exit 1. No number is printed in either case.

import ArgumentParser
import ChapterKit
import Foundation
import Sequences

/// `sequences ngram`: the add-k n-gram perplexity of one file under counts from another.
struct NGramCalculator: ParsableCommand {
  static let maximumOrder = 20
  static let maximumK = 1e9

  static let configuration = CommandConfiguration(
    commandName: "ngram",
    abstract: "Perplexity of an add-k character n-gram model (a calculator for hand checks).",
    discussion: """
      The convention, exactly:
      - Each non-empty line of a file is one sequence of characters: Unicode
        scalars taken as they are. Lines are split at "\\n" only, so a "\\r"
        is a character.
      - A sequence is padded with N−1 start symbols in front and one end
        symbol behind.
      - The vocabulary V is the set of distinct characters of the training
        file plus the end symbol (start symbols are never predicted):
        |V| = characters + 1.
      - P(c | h) = (count(h, c) + k) / (count(h) + k·|V|), where h is the
        previous N−1 symbols and the counts run over every predicted
        position of the padded training sequences.
      - Perplexity = exp(−(1/M) Σ log P) over all M predicted symbols of the
        evaluation file: its characters plus one end symbol per non-empty
        line. Natural logarithms.

      Output: text, or with --json one line
        {"add_k": K, "log_likelihood": L, "order": N, "perplexity": P,
         "predicted_symbols": M, "vocabulary_size": V}
      with every number in its shortest exactly round-tripping form.

      Infinite perplexity: with --add-k 0 an n-gram never seen in training
      has probability 0 (0/0 if its history was never seen either), so the
      perplexity is infinite. The text then says "perplexity: inf" and why;
      the JSON has "log_likelihood": null and "perplexity": null (JSON has no
      infinity) and a "note" naming the first such n-gram and its line.
      Exit status 0.

      Errors (one line, no number): a character of the evaluation file that
      never occurs in training (named, with its line), a missing, unreadable,
      non-UTF-8 or empty file (exit 1); --add-k outside 0…1e9 or not
      finite, --order outside 1…\(maximumOrder) (exit 64).

      Example: training lines "ab" and "b", evaluating "ab", N = 2, k = 1:
      |V| = 3, P(a|⟨s⟩) = 2/5, P(b|a) = 2/4, P(⟨/s⟩|b) = 3/5, M = 3,
      perplexity = 0.12^(−1/3) ≈ 2.0274.
      """)

  @Option(help: "The training file: one sequence per non-empty line.")
  var train: String

  @Option(help: "The file to score: one sequence per non-empty line.")
  var evaluate: String

  @Option(parsing: .unconditional, help: "N, the n-gram order (1 … \(maximumOrder)).")
  var order: Int

  @Option(
    name: .customLong("add-k"), parsing: .unconditional, help: "k, the pseudo-count (0 … 1e9).")
  var addK: Double

  @Flag(help: "Print one line of JSON instead of text.")
  var json = false

  /// The chapter's shared options also define `--json`, and ArgumentParser hands a flag
  /// both commands know to the parent; read it there too.
  @ParentCommand var parent: SequencesChapter

  private var printsJSON: Bool { json || parent.chapter.json }

  func validate() throws {
    for (option, path) in [("--train", train), ("--evaluate", evaluate)]
    where path.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("\(option): the file name is empty")
    }
    guard (1...Self.maximumOrder).contains(order) else {
      throw ValidationError("--order \(order) must be between 1 and \(Self.maximumOrder)")
    }
    // Past 10⁹ the pseudo-counts swamp any real count, and k·|V| could overflow to ∞.
    guard addK.isFinite, addK >= 0, addK <= Self.maximumK else {
      throw ValidationError("--add-k \(addK) must be a number between 0 and 1e9")
    }
  }

  func run() throws {
    let training = try readSequences(train)
    let evaluation = try readSequences(evaluate)
    let model = CharacterNGramModel(
      order: order, training: training.map(\.text), smoothing: .addK(addK))
    let result: NGramEvaluation
    do {
      result = try model.evaluate(evaluation.map(\.text))
    } catch {
      guard case .unknownCharacter(let scalar, let index, let position) = error else { throw error }
      throw ChapterError.data(
        "\(evaluate): line \(evaluation[index].line), position \(position + 1): the character "
          + "\(describe(scalar)) never occurs in the training file \(train)")
    }
    var note: String?
    if let event = result.firstImpossible {
      let line = evaluation[event.sequence].line
      let history = event.history.map { model.alphabet.name(of: $0) }.joined()
      let gram = "n-gram \"\(history)\" → \(quoted(model.alphabet.name(of: event.symbol)))"
      note =
        event.historyCount == 0
        ? "infinite perplexity: with k = 0, the \(gram) on line \(line) has a history "
          + "that never occurs in training, so P = 0/0 (counted as 0)"
        : "infinite perplexity: with k = 0, the \(gram) on line \(line) never occurs in "
          + "training (its history occurs \(event.historyCount) times), so P = 0"
    }
    if printsJSON {
      var object: [String: JSONValue] = [
        "order": .number(Double(order)), "add_k": .number(addK),
        "vocabulary_size": .number(Double(model.vocabularySize)),
        "predicted_symbols": .number(Double(result.predictedSymbols)),
        "log_likelihood": .number(result.logLikelihood), "perplexity": .number(result.perplexity),
      ]
      if let note { object["note"] = .string(note) }
      print(JSONValue.object(object).serialized(pretty: false))
      return
    }
    let characters = model.vocabularySize - 1
    print("order N:            \(order)")
    print("add-k k:            \(addK)")
    print("vocabulary |V|:     \(model.vocabularySize) (\(characters) characters + end symbol)")
    print(
      "predicted symbols:  \(result.predictedSymbols) (\(result.predictedSymbols - evaluation.count) "
        + "characters + \(evaluation.count) end symbol\(evaluation.count == 1 ? "" : "s"))")
    print(
      "log-likelihood:     \(result.logLikelihood.isFinite ? "\(result.logLikelihood)" : "-inf")")
    print("perplexity:         \(result.perplexity.isFinite ? "\(result.perplexity)" : "inf")")
    if let note { print(note) }
  }

  /// The non-empty lines of a file with their 1-based line numbers.
  private func readSequences(_ path: String) throws -> [(text: String, line: Int)] {
    guard FileManager.default.fileExists(atPath: path) else {
      throw ChapterError.data("\(path): no such file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ChapterError.data("\(path): cannot be read")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ChapterError.data("\(path): not valid UTF-8 text")
    }
    // Split the scalars, not the Characters: Swift treats "\r\n" as one Character.
    var lines: [(String, Int)] = []
    for (index, line) in text.unicodeScalars.split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .enumerated() where !line.isEmpty {
      lines.append((String(String.UnicodeScalarView(line)), index + 1))
    }
    guard !lines.isEmpty else {
      throw ChapterError.data("\(path): empty (no non-empty lines to read)")
    }
    return lines
  }
}

/// `'z' (U+007A)`, readable even for control characters.
private func describe(_ scalar: Unicode.Scalar) -> String {
  let hex = String(scalar.value, radix: 16, uppercase: true)
  let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  let visible =
    scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
  return "'\(visible)' (\(code))"
}

private func quoted(_ name: String) -> String { "\"\(name)\"" }
