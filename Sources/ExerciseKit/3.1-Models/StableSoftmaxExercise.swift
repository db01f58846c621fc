// Exercise 3.1.4: a numerically stable row-wise softmax.
//
// Expected answers: fixed cases written as the textbook expressions (e/(e + e² + e³), …),
// one with exact quarters ([0, log 3] → [1/4, 3/4]); extreme logits worked out by hand
// (e^(−1000) underflows to 0 in Double); and `expectedSoftmax`, the shifted formula
// written out row by row, for seeded random cases. The extreme cases are where the
// mistakes show: no shift overflows at +1000 and gives 0/0 at −1000, and a shift by
// the whole batch's maximum underflows a row that lies far below the others.

import Exercises
import Foundation
import Losses
import NumericsCore

/// 3.1.4: definition, hints and check cases.
enum StableSoftmaxExercise {
  static let definition = ExerciseDefinition<RowSoftmaxFunction>(
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
    student: { try Exercises.softmax($0) },
    solution: { Losses.softmax($0) },
    mutants: mutants, cases: cases)

  /// Softmax written out row by row with the row maximum subtracted, independently of
  /// the Losses module.
  static func expectedSoftmax(_ s: Matrix) -> Matrix {
    var p = Matrix.zeros(like: s)
    for i in 0..<s.rows {
      var m = -Double.infinity
      for j in 0..<s.columns { m = max(m, s[i, j]) }
      var total = 0.0
      for j in 0..<s.columns { total += exp(s[i, j] - m) }
      for j in 0..<s.columns { p[i, j] = exp(s[i, j] - m) / total }
    }
    return p
  }

  static func softmaxCase(
    _ name: String, _ s: Matrix, expected: Matrix
  )
    -> CheckCase<RowSoftmaxFunction>
  {
    ModelChecks.matrixCase(
      name, input: "logits = \(formatted(s))", label: "probabilities", expected: expected,
      call: { try $0(s) })
  }

  static func cases() -> [CheckCase<RowSoftmaxFunction>] {
    var cases: [CheckCase<RowSoftmaxFunction>] = []
    // By hand: row 0, z = e + e² + e³, probabilities (e, e², e³)/z; row 1 equal logits, ⅓.
    let z = exp(1.0) + exp(2.0) + exp(3.0)
    cases.append(
      softmaxCase(
        "fixed 2×3", [[1, 2, 3], [0, 0, 0]],
        expected: [[exp(1.0) / z, exp(2.0) / z, exp(3.0) / z], [1.0 / 3, 1.0 / 3, 1.0 / 3]]))
    // By hand: e^0 = 1 and e^(log 3) = 3, so [1, 3] / 4.
    cases.append(softmaxCase("fixed 1×2", [[0, log(3.0)]], expected: [[0.25, 0.75]]))
    // One class: every probability is 1 (a column, where the wrong axis differs).
    cases.append(
      softmaxCase("one class, 3×1", [[-4], [0], [2.5]], expected: [[1], [1], [1]]))
    // Extreme, by hand: e^(−1000) and e^(−2000) are 0 in Double: [1, 0, 0] and [0, 1, 0].
    cases.append(
      softmaxCase(
        "extreme logits ±1000", [[1000, -1000, 0], [-1000, 1000, -1000]],
        expected: [[1, 0, 0], [0, 1, 0]]))
    // Rows far apart, by hand: each row is [a, a − 1], so both give
    // [1/(1 + e^(−1)), e^(−1)/(1 + e^(−1))] whatever a is.
    let q = 1 / (1 + exp(-1.0))
    cases.append(
      softmaxCase(
        "rows far apart (1000 and −1000)", [[1000, 999], [-1000, -1001]],
        expected: [[q, 1 - q], [q, 1 - q]]))
    // Seeded random cases on several shapes, logits of spread 3.
    var rng = Xoshiro256StarStar(seed: 314)
    for (rows, columns) in [(1, 1), (1, 4), (3, 2), (5, 3), (2, 6)] {
      let s = Matrix.normal(rows: rows, columns: columns, standardDeviation: 3, using: &rng)
      cases.append(
        softmaxCase(
          "seeded random \(rows)×\(columns) (seed 314)", s, expected: expectedSoftmax(s)))
    }
    return cases
  }
}
