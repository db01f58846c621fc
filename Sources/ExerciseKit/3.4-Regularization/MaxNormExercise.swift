// Exercise 3.4.2: the max-norm projection of a Dense layer's weights (per unit: column).
//
// The answer function is the projection written out (never the Regularization module).
// Fixed rows by hand (one column above the radius, one below), seeded non-square rows.

import NumericsCore
import Regularization

/// 3.4.2: definition, hints and check table.
public enum MaxNormExercise {
  enum Mistake: Sendable { case overRows, alwaysRescaled, wholeMatrix }
  public typealias Function = @Sendable (WeightsInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.4.2", title: "Max-norm projection (per unit)",
    stub: "Exercises/3.4-regularization/MaxNorm.swift",
    reference: "Sources/Regularization/MaxNorm.swift (maxNormProjection)",
    hints: [
      """
      The weights are in × out: unit j's incoming weights are COLUMN j. Compute each \
      column's Euclidean norm ‖w_j‖ and, only if it exceeds c, scale that column by \
      c/‖w_j‖. Columns inside the ball stay as they are.
      """,
      """
      One norm per column, not per row (a row is one input's outgoing weights) and not \
      one for the whole matrix. The factor is min(1, c/‖w_j‖): a projection never \
      stretches a short column up to the radius.
      """,
      """
      Nearly the answer:
          for j in 0..<w.columns {
            let n = (0..<w.rows).reduce(0) { $0 + w[$1, j] * w[$1, j] }.squareRoot()
            if n > c { for i in 0..<w.rows { w[i, j] *= c / n } }
          }
      """,
    ],
    label: "weights",
    solution: { maxNormProjection($0.weights, radius: $0.amount) },
    answer: answer,
    mistakes: [
      MistakeRow(
        .overRows, "norms over rows", hint: 2,
        "this bounds each row (one input's outgoing weights); a unit's incoming weights are "
          + "its column of the in × out matrix"),
      MistakeRow(
        .alwaysRescaled, "short columns stretched", hint: 2,
        "this scales every column to norm c, also those already inside the ball; the "
          + "factor is min(1, c/‖w_j‖)"),
      MistakeRow(
        .wholeMatrix, "one norm for the whole matrix", hint: 2,
        "this uses the norm of the whole matrix; the constraint is per unit, one norm per "
          + "column"),
    ],
    rows: rows)

  /// w_j ← w_j·min(1, c/‖w_j‖) per column; `mistake` makes it a known mistake.
  static func answer(_ x: WeightsInput, _ mistake: Mistake?) -> Matrix {
    var w = x.weights
    let c = x.amount
    let rows = mistake == .overRows
    let groups = rows ? w.rows : w.columns
    let length = rows ? w.columns : w.rows
    let whole = w.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
    for g in 0..<groups {
      let n =
        mistake == .wholeMatrix
        ? whole
        : (0..<length).reduce(0.0) { s, k in
          let v = rows ? w[g, k] : w[k, g]
          return s + v * v
        }.squareRoot()
      let factor = n > c || mistake == .alwaysRescaled ? c / n : 1
      for k in 0..<length {
        if rows { w[g, k] *= factor } else { w[k, g] *= factor }
      }
    }
    return w
  }

  static func input(_ w: Matrix, _ c: Double) -> WeightsInput {
    WeightsInput(weights: w, name: "radius", amount: c)
  }

  static func rows() -> [Row<WeightsInput, Matrix>] {
    [
      // Column 0 = (3, 4), norm 5 > 1 → (0.6, 0.8); column 1 = (0.1, 0.2), norm ≈ 0.22,
      // unchanged.
      Row(
        "fixed 2×2, radius 1", input([[3, 0.1], [4, 0.2]], 1),
        byHand: [[0.6, 0.1], [0.8, 0.2]]),
      // 3 inputs, 2 units: column norms 3 and 0.5 with radius 2: (1, 2, 2)·2/3, unchanged.
      Row(
        "fixed 3×2, radius 2", input([[1, 0.3], [2, 0], [2, -0.4]], 2),
        byHand: [[2.0 / 3, 0.3], [4.0 / 3, 0], [4.0 / 3, -0.4]]),
    ]
      + seededRows(seed: 342, [(4, 3), (2, 5), (6, 1)]) { rng, shape in
        [0.5, 1.5].map { c in
          Row(
            "seeded random \(shape.0)×\(shape.1), radius \(formatted(c)) (seed 342)",
            input(.normal(rows: shape.0, columns: shape.1, using: &rng), c))
        }
      }
  }
}
