// Exercise 3.6.2: the perplexity of a set of sequences from the log-probabilities a model
// gave each predicted symbol (the end symbol of every sequence included).
//
// The answer function is the formula written out (never the Sequences module). Fixed rows
// by hand; seeded rows with sequences of length 1–6 (the end symbol included).

import Foundation
import NumericsCore
import Sequences

/// 3.6.2: definition, hints and check table.
public enum PerplexityExercise {
  enum Mistake: Sendable { case noOverM, endSymbolsNotCounted, meanOfPerSequence }
  public typealias Function = @Sendable (PerplexityInput) throws -> Double

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.6.2", title: "Perplexity of a set of sequences",
    stub: "Exercises/3.6-sequences/Perplexity.swift",
    reference: "Sources/Sequences/Perplexity.swift (perplexity(logProbabilities:))",
    hints: [
      """
      Perplexity is exp of the average surprise per predicted symbol: add up every log \
      P in every sequence, divide by how many there are, negate, exponentiate. A model \
      that is uniform over 27 symbols must come out as 27, whatever the length.
      """,
      """
      M counts every predicted symbol of every sequence, the end symbols too (they are in \
      the lists, last in each): M = Σ sequences[s].count. Pool all sequences into one \
      average; do not average the sequences' own perplexities, and do not forget the 1/M \
      (without it the number grows with the length of the text).
      """,
      """
      Nearly the answer:
          let all = sequences.flatMap { $0 }
          return exp(-all.reduce(0, +) / Double(all.count))
      """,
    ],
    label: "perplexity",
    solution: { Sequences.perplexity(logProbabilities: $0.sequences.flatMap { $0 }) },
    answer: answer,
    mistakes: [
      MistakeRow(
        .noOverM, "without the 1/M", hint: 2,
        "this is exp(−Σ log P) without the 1/M: it is the inverse probability of the whole "
          + "text, which grows with its length"),
      MistakeRow(
        .endSymbolsNotCounted, "end symbols left out of M", hint: 2,
        "this divides by the number of characters without the end symbols: every "
          + "sequence's end symbol is a predicted symbol, so M = Σ (length + 1)"),
      MistakeRow(
        .meanOfPerSequence, "mean of per-sequence perplexities", hint: 2,
        "this averages each sequence's own perplexity; pool every log-probability into "
          + "one average over all M symbols, then exponentiate once"),
    ],
    rows: rows)

  /// PP = exp(−(1/M) Σ log P) with M = Σ counts; `mistake` makes it a known mistake.
  static func answer(_ x: PerplexityInput, _ mistake: Mistake?) -> Double {
    let all = x.sequences.flatMap { $0 }
    let total = all.reduce(0, +)
    switch mistake {
    case .noOverM: return exp(-total)
    case .endSymbolsNotCounted: return exp(-total / Double(all.count - x.sequences.count))
    case .meanOfPerSequence:
      let each = x.sequences.map { exp(-$0.reduce(0, +) / Double($0.count)) }
      return each.reduce(0, +) / Double(each.count)
    case nil: return exp(-total / Double(all.count))
    }
  }

  static func rows() -> [Row<PerplexityInput, Double>] {
    let (half, quarter) = (log(0.5), log(0.25))
    return [
      // Uniform over 27 symbols, three characters and the end: exp(−4·log(1/27)/4) = 27.
      Row(
        "uniform over 27, one sequence of 3 + end",
        PerplexityInput(sequences: [[Double](repeating: -log(27), count: 4)]), byHand: 27),
      // Σ log P = −(1 + 2 + 1)·log 2 = −4 log 2 over M = 3 symbols: 2^(4/3).
      Row(
        "two sequences", PerplexityInput(sequences: [[half, quarter], [half]]),
        byHand: pow(2, 4.0 / 3)),
      // Three sequences; Σ = −(1 + 1 + 2 + 1 + 2 + 1)·log 2 = −8 log 2, M = 6: 2^(4/3).
      Row(
        "three sequences",
        PerplexityInput(sequences: [[half, half], [quarter, half, quarter], [half]]),
        byHand: pow(2, 8.0 / 6)),
      // A model that is sure and right everywhere: perplexity 1.
      Row("certain model", PerplexityInput(sequences: [[0, 0], [0]]), byHand: 1),
    ]
      + seededRows(seed: 362, [1, 2, 5]) { rng, count in
        let sequences = (0..<count).map { _ in
          (0..<(1 + rng.nextInt(below: 6))).map { _ in log(rng.nextUniform(in: 0.01, 1)) }
        }
        return [
          Row("seeded random, \(count) sequences (seed 362)", PerplexityInput(sequences: sequences))
        ]
      }
  }
}
