// Exercise 3.6.3: one step of the Viterbi recursion in log space.
//
// The answer function is the recursion written out (never the Sequences module); fixed
// rows by hand, a tie, impossible transitions (−∞), scores near −1000 (a long input: the
// probabilities underflow to 0 there), and seeded rows with 2–5 states.

import Foundation
import NumericsCore
import Sequences

/// 3.6.3: definition, hints and check table.
public enum ViterbiStepExercise {
  enum Mistake: Sendable { case probabilitySpace, transposedTransition, tiesToLast }
  public typealias Function = @Sendable (ViterbiInput) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.6.3", title: "One Viterbi step in log space",
    stub: "Exercises/3.6-sequences/ViterbiStep.swift",
    reference: "Sources/Sequences/HiddenMarkovModel+Inference.swift (viterbiStep)",
    hints: [
      """
      For every state j you arrive in, try every state i you could come from: the score \
      of that path is previous[i] + logTransition[i][j]. Keep the best (its value and its \
      i), then add logEmission[j]. Row = from, column = to.
      """,
      """
      Stay in log space: products of probabilities become sums of logs, and max is the \
      same in both. exp(previous[i]) is 0 once the scores reach −745 (a few hundred \
      steps), and then every path looks equally impossible. Replace the best only when a \
      candidate is strictly greater, so ties keep the smallest i.
      """,
      """
      Nearly the answer:
          for j in 0..<s {
            var best = -Double.infinity, from = 0
            for i in 0..<s where previous[i] + logTransition[i][j] > best {
              best = previous[i] + logTransition[i][j]; from = i
            }
            scores[j] = best + logEmission[j]; pointers[j] = from
          }
      """,
    ],
    label: "step",
    solution: {
      let step = Sequences.viterbiStep(
        previous: $0.previous, logTransition: $0.logTransition, logEmission: $0.logEmission)
      return output(step.scores, step.backpointers)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .probabilitySpace, "probabilities instead of logs", hint: 2,
        "this multiplies probabilities (exp of the logs) and takes the log at the end: near "
          + "−1000 they underflow to 0 and the log is −∞; add logs instead"),
      MistakeRow(
        .transposedTransition, "transition matrix transposed", hint: 1,
        "this reads logTransition[j][i]: the row is the state you come from, the column the "
          + "state you go to, so it is logTransition[i][j]"),
      MistakeRow(
        .tiesToLast, "ties to the last state", hint: 2,
        "this keeps the last of tied predecessors (>=); the convention is the smallest i (>)"),
    ],
    rows: rows)

  /// The scores and back-pointers as the named matrices the check compares.
  public static func output(_ scores: [Double], _ pointers: [Int]) -> NamedMatrices {
    NamedMatrices([
      "scores": Matrix(row: scores), "backpointers": Matrix(row: pointers.map(Double.init)),
    ])
  }

  /// δ_t(j) = max_i [δ_{t−1}(i) + log A_ij] + log p(x_t | j); `mistake` makes it a known one.
  static func answer(_ x: ViterbiInput, _ mistake: Mistake?) -> NamedMatrices {
    let s = x.previous.count
    var scores = [Double](repeating: 0, count: s)
    var pointers = [Int](repeating: 0, count: s)
    for j in 0..<s {
      var best = mistake == .probabilitySpace ? 0 : -Double.infinity
      for i in 0..<s {
        let a = mistake == .transposedTransition ? x.logTransition[j][i] : x.logTransition[i][j]
        let candidate =
          mistake == .probabilitySpace
          ? exp(x.previous[i]) * exp(a) * exp(x.logEmission[j]) : x.previous[i] + a
        if candidate > best || (mistake == .tiesToLast && candidate == best) {
          best = candidate
          pointers[j] = i
        }
      }
      scores[j] = mistake == .probabilitySpace ? log(best) : best + x.logEmission[j]
    }
    return output(scores, pointers)
  }

  static func rows() -> [Row<ViterbiInput, NamedMatrices>] {
    let a2: [[Double]] = [[-0.5, -1], [-0.2, -3]]
    return [
      // j = 0: max(−1 − 0.5, −2 − 0.2) = −1.5 from 0, + (−1) = −2.5;
      // j = 1: max(−1 − 1, −2 − 3) = −2 from 0, + (−0.5) = −2.5.
      Row(
        "fixed 2 states",
        ViterbiInput(previous: [-1, -2], logTransition: a2, logEmission: [-1, -0.5]),
        byHand: output([-2.5, -2.5], [0, 0])),
      // j = 0: candidates −4, −3, −2.5 → from 2, −2.8; j = 1: −4, −1.1, −6 → from 1, −1.8;
      // j = 2: −4, −4, −2.2 → from 2, −3.3.
      Row(
        "fixed 3 states",
        ViterbiInput(
          previous: [-3, -1, -2],
          logTransition: [[-1, -1, -1], [-2, -0.1, -3], [-0.5, -4, -0.2]],
          logEmission: [-0.3, -0.7, -1.1]),
        byHand: output([-2.8, -1.8, -3.3], [2, 1, 2])),
      // The first row's numbers 999 lower (a long input): the same pointers, −1001.5 twice.
      Row(
        "long input (scores near −1000)",
        ViterbiInput(previous: [-1000, -1001], logTransition: a2, logEmission: [-1, -0.5]),
        byHand: output([-1001.5, -1001.5], [0, 0])),
      // Every predecessor ties: the smallest i wins; scores −1 and −2.
      Row(
        "ties",
        ViterbiInput(
          previous: [0, 0], logTransition: [[-1, -2], [-1, -2]], logEmission: [0, 0]),
        byHand: output([-1, -2], [0, 0])),
      // log 0 = −∞ forbids staying: j = 0 only from 1 (−2 − 1), j = 1 only from 0 (−1 − 1).
      Row(
        "impossible transitions (−∞)",
        ViterbiInput(
          previous: [-1, -2], logTransition: [[-.infinity, 0], [0, -.infinity]],
          logEmission: [-1, -1]),
        byHand: output([-3, -2], [1, 0])),
    ]
      + seededRows(seed: 363, [(2, 0.0), (3, 0.0), (5, 0.0), (4, -900.0)]) { rng, shape in
        let (s, offset) = shape
        let previous = (0..<s).map { _ in offset - 10 * rng.nextUniform() }
        let logA = (0..<s).map { _ in (0..<s).map { _ in log(rng.nextUniform(in: 0.01, 1)) } }
        let logE = (0..<s).map { _ in log(rng.nextUniform(in: 0.01, 1)) }
        return [
          Row(
            "seeded random \(s) states\(offset < 0 ? ", scores near −900" : "") (seed 363)",
            ViterbiInput(previous: previous, logTransition: logA, logEmission: logE))
        ]
      }
  }
}
