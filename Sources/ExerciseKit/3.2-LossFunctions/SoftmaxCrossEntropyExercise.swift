// Exercise 3.2.4: softmax cross-entropy from logits with integer labels, stable.
//
// The answer function is log-sum-exp written out row by row, with a mistake switch.
// Fixed rows: a 2×3 case written as the textbook expressions (log(e + e² + e³) − 3,
// log 3, …) and logits ±1000 by hand. The shapes have B ≠ C so dividing by the wrong
// one of the two is caught.

import Foundation
import Losses
import NumericsCore

/// 3.2.4: definition, hints and check table.
public enum SoftmaxCrossEntropyExercise {
  enum Mistake: Sendable { case noMaxSubtraction, logOfSoftmax, noOneHot, overClasses }

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<LossFunction>.table(
    id: "3.2.4", title: "Softmax cross-entropy from logits (stable)",
    stub: "Exercises/3.2-loss-functions/SoftmaxCrossEntropy.swift",
    reference: "Sources/Losses/CrossEntropy.swift (softmaxCrossEntropy(logits:labels:))",
    hints: [
      """
      Row by row: m = max_k s_ik, logsumexp = m + log Σ_k exp(s_ik − m), and \
      ℓ_i = logsumexp − s_(i, y_i). Subtracting m changes nothing mathematically (it \
      cancels) but keeps every exp ≤ 1, so nothing overflows at s = 1000. For .mean divide \
      by B = logits.rows, the number of samples, not by the classes or the elements.
      """,
      """
      The gradient row is softmax(s_i) − onehot(y_i): softmax_j = exp(s_ij − logsumexp), \
      then subtract 1 in the label's column. Do not compute −log(softmax_y): when the true \
      class is far behind, softmax_y underflows to 0 and −log 0 = inf, while \
      logsumexp − s_y is exactly right (2000 for [1000, −1000] with label 1). With .mean, \
      divide both the value and the gradient by B.
      """,
      """
      Nearly the answer, for each row i, with scale = 1 / Double(logits.rows) for .mean \
      (1 for .sum):
          let row = logits.row(i)
          let m = row.max()!
          let lse = m + log(row.reduce(0) { $0 + exp($1 - m) })
          total += lse - row[labels[i]]
          for j in 0..<row.count { gradient[i, j] = (exp(row[j] - lse) - (j == labels[i] ? 1 : 0)) * scale }
      and the value is total * scale.
      """,
    ],
    label: "result",
    solution: {
      Losses.softmaxCrossEntropy(logits: $0.scores, labels: $0.labels, reduction: $0.reduction)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .noMaxSubtraction, "no max-subtraction", hint: 1,
        "this is softmax without subtracting the row maximum: exp(1000) = inf, and "
          + "inf/inf = NaN"),
      MistakeRow(
        .logOfSoftmax, "log of the softmax", hint: 2,
        "this computes −log(softmax_y): when the true class is far behind, softmax_y "
          + "underflows to 0 and −log 0 = inf; use logsumexp − s_y"),
      MistakeRow(
        .noOneHot, "gradient without the one-hot", hint: 2,
        "this gradient is softmax(s) alone: subtract the one-hot of the label (1 in the "
          + "label's column)"),
      MistakeRow(
        .overClasses, "mean over classes", hint: 1,
        "this divides by the number of classes; the mean is over samples (B = logits.rows)"),
    ],
    rows: rows, otherCases: otherCases)

  /// ℓ_i = logsumexp(s_i) − s_(i, y_i), gradient softmax(s_i) − onehot(y_i), row by row;
  /// `mistake` makes it one of the known mistakes.
  static func answer(_ x: LossInput, _ mistake: Mistake?) -> LossResult {
    let s = x.scores
    let divisor = mistake == .overClasses ? s.columns : s.rows
    let scale = x.reduction == .mean ? 1 / Double(divisor) : 1
    var total = 0.0
    var gradient = Matrix.zeros(like: s)
    for i in 0..<s.rows {
      let row = s.row(i)
      let shift = mistake == .noMaxSubtraction ? 0 : row.max() ?? 0
      let z = row.reduce(0) { $0 + exp($1 - shift) }
      let logSumExp = shift + log(z)
      let label = x.labels[i]
      total +=
        mistake == .logOfSoftmax ? -log(exp(row[label] - shift) / z) : logSumExp - row[label]
      for j in row.indices {
        let oneHot: Double = j == label && mistake != .noOneHot ? 1 : 0
        let probability = mistake == nil ? exp(row[j] - logSumExp) : exp(row[j] - shift) / z
        gradient[i, j] = (probability - oneHot) * scale
      }
    }
    return LossResult(value: total * scale, gradient: gradient)
  }

  static func rows() -> [Row<LossInput, LossResult>] {
    // By hand: row 0, label 2: ℓ = log(e + e² + e³) − 3, softmax = (e, e², e³)/(e + e² + e³);
    // row 1, label 0: equal logits, ℓ = log 3, softmax = ⅓ each.
    let fixed = LossInput(
      kind: .multiClass, scores: [[1, 2, 3], [1, 1, 1]], labels: [2, 0], reduction: .mean)
    let z = exp(1.0) + exp(2.0) + exp(3.0)
    let sum = log(z) - 3 + log(3)
    let slopes: Matrix = [
      [exp(1.0) / z, exp(2.0) / z, exp(3.0) / z - 1], [1.0 / 3 - 1, 1.0 / 3, 1.0 / 3],
    ]
    // By hand (e^(−1000) = 0 in float64): row 0 is confident and right (ℓ = 0, gradient
    // 0); row 1 is confident and wrong by 2000 (ℓ = 2000, gradient softmax (0, 1, 0) minus
    // one-hot (1, 0, 0)).
    let big = LossInput(
      kind: .multiClass, scores: [[1000, 0, -1000], [-1000, 1000, 0]], labels: [0, 0],
      reduction: .mean)
    return bothReductions(
      "fixed 2×3", fixed,
      byHand: (
        LossResult(value: sum / 2, gradient: slopes / 2), LossResult(value: sum, gradient: slopes)
      ))
      + [
        Row(
          "extreme logits ±1000, reduction .mean", big,
          byHand: LossResult(value: 1000, gradient: [[0, 0, 0], [-0.5, 0.5, 0]]))
      ]
      // Logits of spread 3, uniformly drawn labels.
      + seededRows(seed: 324, [(1, 2), (5, 3), (3, 5), (6, 10)]) { rng, shape in
        let (rows, columns) = shape
        let logits = Matrix.normal(
          rows: rows, columns: columns, standardDeviation: 3, using: &rng)
        let classes = (0..<rows).map { _ in rng.nextInt(below: columns) }
        return Reduction.allCases.map {
          Row(
            randomCaseName(rows, columns, seed: 324, $0),
            LossInput(kind: .multiClass, scores: logits, labels: classes, reduction: $0))
        }
      }
  }

  static func otherCases() -> [CheckCase<LossFunction>] {
    // Value only. True class ahead (ℓ = 0 in both rows, since e^(−1000) = 0): forgetting
    // the max-subtraction overflows here, −log(softmax_y) does not. True class far behind,
    // no logit above 5 (ℓ_0 = 800 + log(1 + e⁵), ℓ_1 = 900 + log(e³ + e²)):
    // −log(softmax_y) gives −log 0 = inf here.
    let ahead = LossInput(
      kind: .multiClass, scores: [[1000, 0, -1000], [-1000, 1000, 0]], labels: [0, 1],
      reduction: .mean)
    let behind = LossInput(
      kind: .multiClass, scores: [[0, -800, 5], [3, 2, -900]], labels: [1, 2], reduction: .mean)
    var rng = Xoshiro256StarStar(seed: 3240)
    let point = LossInput(
      kind: .multiClass, scores: .normal(rows: 3, columns: 4, standardDeviation: 2, using: &rng),
      labels: [3, 0, 2], reduction: .mean)
    return [
      .valueOnly("extreme logits, true class ahead, value, reduction .mean", ahead, expected: 0),
      .valueOnly(
        "extreme logits, true class far behind, value, reduction .mean", behind,
        expected: (800 + log(1 + exp(5.0)) + 900 + log(exp(3.0) + exp(2.0))) / 2),
      .lossGradientCheck("gradient check 3×4, reduction .mean", at: point),
    ]
  }
}
