// Exercise 3.2.4: softmax cross-entropy from logits with integer labels, stable.
//
// Expected answers: a fixed 2×3 case written as the textbook expressions
// (log(e + e² + e³) − 3, log 3, …), an extreme case at logits ±1000 worked out by hand,
// and `expectedCrossEntropy`, log-sum-exp written out row by row, for seeded random
// cases. The shapes have B ≠ C so dividing by the wrong one of the two is caught.

import Exercises
import Foundation
import Losses
import NumericsCore

/// 3.2.4: definition, hints and check cases.
enum SoftmaxCrossEntropyExercise {
  static let definition = ExerciseDefinition<MultiClassLoss>(
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
    student: { try Exercises.softmaxCrossEntropy(logits: $0, labels: $1, reduction: $2) },
    solution: { Losses.softmaxCrossEntropy(logits: $0, labels: $1, reduction: $2) },
    mutants: mutants, cases: cases)

  /// Softmax cross-entropy written out row by row with log-sum-exp, independently of
  /// the Losses module.
  static func expectedCrossEntropy(
    _ s: Matrix, _ labels: [Int], _ reduction: Reduction
  ) -> LossResult {
    let scale = reduction == .mean ? 1 / Double(s.rows) : 1
    var total = 0.0
    var gradient = Matrix.zeros(like: s)
    for i in 0..<s.rows {
      var m = -Double.infinity
      for j in 0..<s.columns { m = max(m, s[i, j]) }
      var sum = 0.0
      for j in 0..<s.columns { sum += exp(s[i, j] - m) }
      let logSumExp = m + log(sum)
      total += logSumExp - s[i, labels[i]]
      for j in 0..<s.columns {
        gradient[i, j] = (exp(s[i, j] - logSumExp) - (j == labels[i] ? 1 : 0)) * scale
      }
    }
    return LossResult(value: total * scale, gradient: gradient)
  }

  static func cases() -> [CheckCase<MultiClassLoss>] {
    var cases: [CheckCase<MultiClassLoss>] = []
    // By hand: row 0, label 2: ℓ = log(e + e² + e³) − 3, softmax = (e, e², e³)/(e + e² + e³);
    // row 1, label 0: equal logits, ℓ = log 3, softmax = ⅓ each.
    let s: Matrix = [[1, 2, 3], [1, 1, 1]]
    let labels = [2, 0]
    let z = exp(1.0) + exp(2.0) + exp(3.0)
    let sum = log(z) - 3 + log(3)
    let slopes: Matrix = [
      [exp(1.0) / z, exp(2.0) / z, exp(3.0) / z - 1], [1.0 / 3 - 1, 1.0 / 3, 1.0 / 3],
    ]
    let input = "logits = \(formatted(s)), labels = \(labels)"
    cases.append(
      .loss(
        "fixed 2×3, reduction .mean", input: input,
        expected: LossResult(value: sum / 2, gradient: slopes / 2),
        call: { try $0(s, labels, .mean) }))
    cases.append(
      .loss(
        "fixed 2×3, reduction .sum", input: input,
        expected: LossResult(value: sum, gradient: slopes), call: { try $0(s, labels, .sum) }))
    // Extreme logits, value only. True class ahead (ℓ = 0 in both rows, since
    // e^(−1000) = 0): forgetting the max-subtraction overflows here, −log(softmax_y) does
    // not. True class far behind, no logit above 5 (ℓ_0 = 800 + log(1 + e⁵),
    // ℓ_1 = 900 + log(e³ + e²)): −log(softmax_y) gives −log 0 = inf here.
    let ahead: Matrix = [[1000, 0, -1000], [-1000, 1000, 0]]
    cases.append(
      .lossValue(
        "extreme logits, true class ahead, value, reduction .mean",
        input: "logits = \(formatted(ahead)), labels = [0, 1]", expected: 0,
        call: { try $0(ahead, [0, 1], .mean) }))
    let behind: Matrix = [[0, -800, 5], [3, 2, -900]]
    let behindLoss = (800 + log(1 + exp(5.0)) + 900 + log(exp(3.0) + exp(2.0))) / 2
    cases.append(
      .lossValue(
        "extreme logits, true class far behind, value, reduction .mean",
        input: "logits = \(formatted(behind)), labels = [1, 2]", expected: behindLoss,
        call: { try $0(behind, [1, 2], .mean) }))
    // Extreme logits, by hand (e^(−1000) = 0 in float64): row 0 is confident and right
    // (ℓ = 0, gradient 0); row 1 is confident and wrong by 2000 (ℓ = 2000, gradient
    // softmax (0, 1, 0) minus one-hot (1, 0, 0)).
    let big: Matrix = [[1000, 0, -1000], [-1000, 1000, 0]]
    let bigLabels = [0, 0]
    cases.append(
      .loss(
        "extreme logits ±1000, reduction .mean",
        input: "logits = \(formatted(big)), labels = \(bigLabels)",
        expected: LossResult(value: 2000.0 / 2, gradient: [[0, 0, 0], [-0.5, 0.5, 0]]),
        call: { try $0(big, bigLabels, .mean) }))
    // Seeded random cases: logits of spread 3, uniformly drawn labels.
    var rng = Xoshiro256StarStar(seed: 324)
    for (rows, columns) in [(1, 2), (5, 3), (3, 5), (6, 10)] {
      let logits = Matrix.normal(rows: rows, columns: columns, standardDeviation: 3, using: &rng)
      let classes = (0..<rows).map { _ in rng.nextInt(below: columns) }
      for reduction in Reduction.allCases {
        cases.append(
          .loss(
            randomCaseName(rows, columns, seed: 324, reduction),
            input: "logits = \(formatted(logits)), labels = \(classes)",
            expected: expectedCrossEntropy(logits, classes, reduction),
            call: { try $0(logits, classes, reduction) }))
      }
    }
    // The gradient must be the derivative of the value.
    let point = Matrix.normal(rows: 3, columns: 4, standardDeviation: 2, using: &rng)
    let pointLabels = [3, 0, 2]
    cases.append(
      .gradientCheck(
        "gradient check 3×4, reduction .mean",
        input: "logits = \(formatted(point)), labels = \(pointLabels)", at: point,
        call: { try $0($1, pointLabels, .mean) }))
    return cases
  }
}
