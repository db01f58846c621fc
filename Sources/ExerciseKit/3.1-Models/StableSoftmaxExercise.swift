// Exercise 3.1.4: a numerically stable row-wise softmax.
//
// The answer function is the shifted formula written out row by row, with a switch for
// the shift and the axis. Fixed rows are textbook expressions (e/(e + e² + e³), …), exact
// quarters ([0, log 3] → [1/4, 3/4]) and extreme logits by hand (e^(−1000) underflows to
// 0 in Double): there no shift overflows at +1000 and gives 0/0 at −1000, and a shift by
// the whole batch's maximum underflows a row that lies far below the others.

import Foundation
import Losses
import NumericsCore

/// 3.1.4: definition, hints and check table.
public enum StableSoftmaxExercise {
  enum Mistake: Sendable { case noShift, batchMaximum, overColumns }
  public typealias Function = @Sendable (ModelInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.1.4", title: "Softmax, row by row (stable)",
    stub: "Exercises/3.1-models/Softmax.swift",
    reference: "Sources/Losses/Softmax.swift (softmax)",
    hints: [
      """
      Each row is one sample: exponentiate its logits and divide by their sum over that \
      row (the classes), never over a column (the batch). Then make it safe: exp(1000) \
      is inf and inf/inf is NaN, while e^(−1000) underflows to 0 and 0/0 is NaN.
      """,
      """
      Subtract the row's own maximum m_i from every logit of the row before exp: the \
      result is unchanged (e^(−m_i) cancels), every exponent is ≤ 0, and the largest term \
      is exactly 1, so the sum is in [1, C]. Not the maximum of the whole matrix: a row \
      whose logits are all about −1000 while another row's are about +1000 would then \
      underflow to 0/0.
      """,
      """
      Nearly the answer, for each row i:
          let row = logits.row(i)
          let m = row.max()!
          let exps = row.map { exp($0 - m) }
          let total = exps.reduce(0, +)
          for j in 0..<row.count { out[i, j] = exps[j] / total }
      with `var out = Matrix.zeros(like: logits)` before the loop.
      """,
    ],
    label: "probabilities",
    solution: { Losses.softmax($0.input) },
    answer: answer,
    mistakes: [
      MistakeRow(
        .noShift, "no max shift", hint: 2,
        "this is softmax without subtracting the row maximum: exp(1000) = inf and inf/inf = "
          + "NaN, while exp(−1000) = 0 and 0/0 = NaN"),
      MistakeRow(
        .batchMaximum, "shift by the maximum of the whole batch", hint: 2,
        "this subtracts the largest logit of the whole matrix: a row far below it underflows "
          + "to 0/0 = NaN; subtract each row's own maximum"),
      MistakeRow(
        .overColumns, "normalised over the batch (columns)", hint: 1,
        "this normalises each column (over the samples): each row (one sample's classes) "
          + "must sum to 1"),
    ],
    rows: rows)

  /// `p_ij = exp(s_ij − m_i) / Σ_k exp(s_ik − m_i)` with m_i the row maximum;
  /// `mistake` changes the shift or the axis.
  static func answer(_ x: ModelInput, _ mistake: Mistake?) -> Matrix {
    let s = mistake == .overColumns ? x.input.transposed() : x.input
    let batchMaximum = s.elements.max() ?? 0
    var p = Matrix.zeros(like: s)
    for i in 0..<s.rows {
      let row = s.row(i)
      let m = mistake == .noShift ? 0 : mistake == .batchMaximum ? batchMaximum : row.max()!
      let total = row.reduce(0) { $0 + exp($1 - m) }
      for j in row.indices { p[i, j] = exp(row[j] - m) / total }
    }
    return mistake == .overColumns ? p.transposed() : p
  }

  static func logits(_ s: Matrix) -> ModelInput { ModelInput(name: "logits", input: s) }

  static func rows() -> [Row<ModelInput, Matrix>] {
    let z = exp(1.0) + exp(2.0) + exp(3.0)
    let q = 1 / (1 + exp(-1.0))
    return [
      // Row 0, z = e + e² + e³, probabilities (e, e², e³)/z; row 1 equal logits, ⅓.
      Row(
        "fixed 2×3", logits([[1, 2, 3], [0, 0, 0]]),
        byHand: [[exp(1.0) / z, exp(2.0) / z, exp(3.0) / z], [1.0 / 3, 1.0 / 3, 1.0 / 3]]),
      // e^0 = 1 and e^(log 3) = 3, so [1, 3] / 4.
      Row("fixed 1×2", logits([[0, log(3.0)]]), byHand: [[0.25, 0.75]]),
      // One class: every probability is 1 (a column, where the wrong axis differs).
      Row("one class, 3×1", logits([[-4], [0], [2.5]]), byHand: [[1], [1], [1]]),
      // e^(−1000) and e^(−2000) are 0 in Double: [1, 0, 0] and [0, 1, 0].
      Row(
        "extreme logits ±1000", logits([[1000, -1000, 0], [-1000, 1000, -1000]]),
        byHand: [[1, 0, 0], [0, 1, 0]]),
      // Each row is [a, a − 1], so both give [1/(1 + e^(−1)), e^(−1)/(1 + e^(−1))].
      Row(
        "rows far apart (1000 and −1000)", logits([[1000, 999], [-1000, -1001]]),
        byHand: [[q, 1 - q], [q, 1 - q]]),
    ]
      + seededRows(seed: 314, [(1, 1), (1, 4), (3, 2), (5, 3), (2, 6)]) { rng, shape in
        let s = Matrix.normal(
          rows: shape.0, columns: shape.1, standardDeviation: 3, using: &rng)
        return [Row("seeded random \(shape.0)×\(shape.1) (seed 314)", logits(s))]
      }
  }
}
