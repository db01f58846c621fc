// Exercise 3.6.4: the design matrix and targets of an AR(p) least-squares fit.
//
// The answer function builds the rows lag by lag (never the Sequences module); fixed rows
// by hand, one with a single row (n = p + 1), and seeded series of several lengths/orders.

import NumericsCore
import Sequences

/// 3.6.4: definition, hints and check table.
public enum AutoregressiveDesignExercise {
  enum Mistake: Sendable { case shiftedByOne, lagsReversed, interceptIgnored }
  public typealias Function = @Sendable (AutoregressiveInput) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.6.4", title: "The AR(p) design matrix",
    stub: "Exercises/3.6-sequences/AutoregressiveDesign.swift",
    reference: "Sources/Sequences/AutoRegressiveModel.swift (autoregressiveDesign)",
    hints: [
      """
      One row per value that has p values before it: t = p, p+1, …, n−1, so n − p rows, \
      and the target of row t is x_t. The row holds the p values before t, the most \
      recent first, after a 1 when intercept is true.
      """,
      """
      The lags go from 1 to p: series[t − 1], series[t − 2], …, series[t − p]. Lag 0 \
      (series[t]) is the target itself: a row that contains its own target fits \
      perfectly and forecasts nothing. With intercept false there is no column of ones.
      """,
      """
      Nearly the answer:
          var elements = [Double]()
          for t in p..<series.count {
            if intercept { elements.append(1) }
            for lag in 1...p { elements.append(series[t - lag]) }
          }
          return (Matrix(rows: series.count - p, columns: p + (intercept ? 1 : 0),
                         elements: elements), Array(series[p...]))
      """,
    ],
    label: "design",
    solution: {
      let fit = Sequences.autoregressiveDesign(
        series: $0.series, order: $0.order, intercept: $0.intercept)
      return output(fit.design, fit.targets)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .shiftedByOne, "shifted by one step", hint: 2,
        "this row t holds x_t, x_{t−1}, …, x_{t−p+1}: it contains its own target (lag 0); "
          + "the lags are 1 … p"),
      MistakeRow(
        .lagsReversed, "lags oldest first", hint: 1,
        "this puts the lags oldest first (x_{t−p} … x_{t−1}); column 1 + (k − 1) holds lag k, "
          + "the most recent value first"),
      MistakeRow(
        .interceptIgnored, "intercept argument ignored", hint: 2,
        "this ignores the intercept argument: the column of ones comes first only when it "
          + "is true"),
    ],
    rows: rows)

  /// The design and targets as the named matrices the check compares.
  public static func output(_ design: Matrix, _ targets: [Double]) -> NamedMatrices {
    NamedMatrices(["design": design, "targets": Matrix(row: targets)])
  }

  /// Rows [1, x_{t−1}, …, x_{t−p}] for t = p … n−1; `mistake` makes it a known mistake.
  static func answer(_ x: AutoregressiveInput, _ mistake: Mistake?) -> NamedMatrices {
    let (series, p) = (x.series, x.order)
    let ones = mistake == .interceptIgnored ? !x.intercept : x.intercept
    var elements = [Double]()
    for t in p..<series.count {
      if ones { elements.append(1) }
      let lags = mistake == .shiftedByOne ? Array(0..<p) : Array(1...p)
      for lag in mistake == .lagsReversed ? lags.reversed() : lags {
        elements.append(series[t - lag])
      }
    }
    let design = Matrix(
      rows: series.count - p, columns: p + (ones ? 1 : 0), elements: elements)
    return output(design, Array(series[p...]))
  }

  static func rows() -> [Row<AutoregressiveInput, NamedMatrices>] {
    let short: [Double] = [2, -1, 0.5, 3]
    return [
      // n = 5, p = 2: rows t = 2, 3, 4 are [1, x_{t−1}, x_{t−2}]; targets x_2 … x_4.
      Row(
        "fixed n = 5, p = 2, intercept",
        AutoregressiveInput(series: [1, 2, 3, 4, 5], order: 2, intercept: true),
        byHand: output([[1, 2, 1], [1, 3, 2], [1, 4, 3]], [3, 4, 5])),
      // p = 1 without intercept: the previous value alone.
      Row(
        "fixed n = 4, p = 1, no intercept",
        AutoregressiveInput(series: short, order: 1, intercept: false),
        byHand: output([[2], [-1], [0.5]], [-1, 0.5, 3])),
      // n = p + 1: one row, [1, x_2, x_1, x_0], target x_3.
      Row(
        "one row, n = 4, p = 3",
        AutoregressiveInput(series: short, order: 3, intercept: true),
        byHand: output([[1, 0.5, -1, 2]], [3])),
      // p = 2, no intercept: [x_1, x_0] and [x_2, x_1].
      Row(
        "fixed n = 4, p = 2, no intercept",
        AutoregressiveInput(series: short, order: 2, intercept: false),
        byHand: output([[-1, 2], [0.5, -1]], [0.5, 3])),
    ]
      + seededRows(seed: 364, [(10, 2), (10, 3), (6, 5), (30, 1)]) { rng, shape in
        let series = (0..<shape.0).map { _ in rng.nextNormal() }
        return [true, false].map { intercept in
          Row(
            "seeded random n = \(shape.0), p = \(shape.1), intercept \(intercept) (seed 364)",
            AutoregressiveInput(series: series, order: shape.1, intercept: intercept))
        }
      }
  }
}
