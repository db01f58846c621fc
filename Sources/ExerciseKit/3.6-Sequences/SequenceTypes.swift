// What the 3.6 exercises share: their inputs (printed into every message with the stubs'
// argument names) and the chapter.

import NumericsCore

/// `[1, 2.5, -3]`: a list printed as a one-row matrix is.
func formattedList(_ values: [Double]) -> String {
  "[" + values.map { formatted($0) }.joined(separator: ", ") + "]"
}

/// The arguments of `addKProbabilities(counts:k:)`.
public struct AddKInput: Sendable, CustomStringConvertible {
  /// Bigram counts: row = history, column = next symbol.
  public var counts: [[Int]]
  /// The pseudo-count.
  public var k: Double
  /// `counts = [[2, 0], [1, 1]], k = 1`.
  public var description: String { "counts = \(counts), k = \(formatted(k))" }
}

/// The argument of `perplexity(sequences:)`: per sequence, the log-probabilities of its
/// characters and, last, of its end symbol.
public struct PerplexityInput: Sendable, CustomStringConvertible {
  /// One list per sequence; the last entry of each is the end symbol's.
  public var sequences: [[Double]]
  /// `sequences = [[-0.69, -1.2], [-2.3]]`.
  public var description: String {
    "sequences = [" + sequences.map(formattedList).joined(separator: ", ") + "]"
  }
}

/// The arguments of `viterbiStep(previous:logTransition:logEmission:)`.
public struct ViterbiInput: Sendable, CustomStringConvertible {
  /// δ_{t−1}: S log-scores.
  public var previous: [Double]
  /// log A, S × S (row = from, column = to).
  public var logTransition: [[Double]]
  /// log p(x_t | j), S values.
  public var logEmission: [Double]
  /// `previous = […], logTransition = […], logEmission = […]`.
  public var description: String {
    "previous = \(formattedList(previous)), logTransition = "
      + "[\(logTransition.map(formattedList).joined(separator: ", "))], "
      + "logEmission = \(formattedList(logEmission))"
  }
}

/// The arguments of `autoregressiveDesign(series:order:intercept:)`.
public struct AutoregressiveInput: Sendable, CustomStringConvertible {
  /// x_0 … x_{n−1}.
  public var series: [Double]
  /// p ≥ 1.
  public var order: Int
  /// Whether the column of ones comes first.
  public var intercept: Bool
  /// `series = [1, 2, 3, 4], order = 2, intercept = true`.
  public var description: String {
    "series = \(formattedList(series)), order = \(order), intercept = \(intercept)"
  }
}

extension ExerciseChapter {
  /// Chapter 3.6.
  static let sequences = ExerciseChapter(
    id: "3.6", title: "Sequence models (序列模型)", directory: "Exercises/3.6-sequences")
}
