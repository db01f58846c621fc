// Exercise 3.6.1: bigram probabilities with add-k (Laplace for k = 1) smoothing.
//
// The answer function is the formula written out cell by cell (it never calls the
// Sequences module). Fixed rows are worked out by hand (arithmetic next to them); seeded
// rows cover non-square tables, one column, and k from 0.1 to 2.

import NumericsCore
import Sequences

/// 3.6.1: definition, hints and check table.
public enum AddKProbabilitiesExercise {
  enum Mistake: Sendable { case numeratorOnly, denominatorWithoutV }
  public typealias Function = @Sendable (AddKInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.6.1", title: "Bigram probabilities with add-k smoothing",
    stub: "Exercises/3.6-sequences/AddKProbabilities.swift",
    reference: "Sources/Sequences/NGramSmoothing.swift (addKProbabilities, addKProbability)",
    hints: [
      """
      Each row is one history h and must be a probability distribution over the |V| next \
      symbols (the columns): the entries of a row sum to 1. Pretend every cell was seen k \
      more times than it was, then normalise the row.
      """,
      """
      Adding k to each of the |V| cells adds k·|V| to the row's total: the denominator is \
      C(h) + k·|V|, not C(h) and not C(h) + k. With the numerator smoothed and the \
      denominator not, an unseen history divides by 0 and a seen one sums to more than 1.
      """,
      """
      Nearly the answer:
          counts.map { row in
            let total = Double(row.reduce(0, +))
            return row.map { (Double($0) + k) / (total + k * Double(row.count)) }
          }
      """,
    ],
    label: "probabilities",
    solution: { Matrix(Sequences.addKProbabilities(counts: $0.counts, k: $0.k)) },
    answer: answer,
    mistakes: [
      MistakeRow(
        .numeratorOnly, "smoothing in the numerator only", hint: 2,
        "this adds k to the count but not k·|V| to the history's total: the rows no longer "
          + "sum to 1 (and an unseen history divides by 0)"),
      MistakeRow(
        .denominatorWithoutV, "k instead of k·|V| in the denominator", hint: 2,
        "this adds k once to the history's total; every one of the |V| cells got k, so the "
          + "total grows by k·|V|"),
    ],
    rows: rows)

  /// P[h][c] = (C[h][c] + k) / (Σ_c′ C[h][c′] + k·|V|); `mistake` makes it a known mistake.
  static func answer(_ x: AddKInput, _ mistake: Mistake?) -> Matrix {
    Matrix(
      x.counts.map { row in
        let total = Double(row.reduce(0, +))
        let extra: Double
        switch mistake {
        case .numeratorOnly: extra = 0
        case .denominatorWithoutV: extra = x.k
        case nil: extra = x.k * Double(row.count)
        }
        return row.map { (Double($0) + x.k) / (total + extra) }
      })
  }

  static func rows() -> [Row<AddKInput, Matrix>] {
    [
      // By hand (the doc comment's example): totals 2 and 2, |V| = 2, k = 1:
      // [(2+1)/4, (0+1)/4] and [(1+1)/4, (1+1)/4].
      Row(
        "fixed 2×2, k = 1", AddKInput(counts: [[2, 0], [1, 1]], k: 1),
        byHand: [[0.75, 0.25], [0.5, 0.5]]),
      // An unseen history gets the uniform 0.5 / (0 + 1.5) = 1/3; the other row has total 4,
      // denominator 4 + 0.5·3 = 5.5: [3.5, 1.5, 0.5] / 5.5.
      Row(
        "unseen history, k = 0.5", AddKInput(counts: [[0, 0, 0], [3, 1, 0]], k: 0.5),
        byHand: [[1.0 / 3, 1.0 / 3, 1.0 / 3], [3.5 / 5.5, 1.5 / 5.5, 0.5 / 5.5]]),
      // k = 0 is the maximum-likelihood estimate: [1, 3] / 4.
      Row("k = 0 (no smoothing)", AddKInput(counts: [[1, 3]], k: 0), byHand: [[0.25, 0.75]]),
    ]
      + seededRows(seed: 361, [(3, 3), (2, 5), (4, 1), (1, 27)]) { rng, shape in
        let counts = (0..<shape.0).map { _ in
          (0..<shape.1).map { _ in rng.nextInt(below: 6) }
        }
        return [0.1, 1, 2].map { k in
          Row(
            "seeded random \(shape.0)×\(shape.1) counts, k = \(formatted(k)) (seed 361)",
            AddKInput(counts: counts, k: k))
        }
      }
  }
}
