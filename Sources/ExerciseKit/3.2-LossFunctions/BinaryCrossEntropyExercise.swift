// Exercise 3.2.3: binary cross-entropy from logits, numerically stable.
//
// Expected answers: a fixed case whose four losses are written as the textbook
// expressions (log 2, log(1 + e²), …), an extreme case at logits ±1000 and ±40 worked out
// by hand, and `expectedBCE`, which goes through log σ(s) written stably, for seeded
// random cases with hard and soft targets.

import Exercises
import Foundation
import Losses
import NumericsCore

/// 3.2.3: definition, hints and check cases.
enum BinaryCrossEntropyExercise {
  static let definition = ExerciseDefinition<BinaryClassificationLoss>(
    id: "3.2.3", title: "Binary cross-entropy from logits (stable)",
    stub: "Exercises/3.2-loss-functions/BinaryCrossEntropy.swift",
    reference: "Sources/Losses/CrossEntropy.swift (binaryCrossEntropy)",
    hints: [
      """
      Start from ℓ = −[y·log σ(s) + (1 − y)·log(1 − σ(s))] and use log σ(s) = −log(1 + e^(−s)) \
      and log(1 − σ(s)) = −s − log(1 + e^(−s)): it simplifies to ℓ = s − s·y + log(1 + e^(−s)). \
      That is exact, but e^(−s) overflows for s = −1000; hint 2 fixes that. For .mean divide \
      by N = logits.count, all elements.
      """,
      """
      Never take the log of σ(s) computed as a number: for s = 1000, σ(s) rounds to exactly 1, \
      log(1 − σ) = log 0 = −inf and 0·(−inf) = NaN. And log(1 + exp(s)) overflows to inf. \
      Write ℓ = max(s, 0) − s·y + log1p(exp(−|s|)): exp only ever sees a non-positive \
      argument. The derivative is σ(s) − y (prediction minus target, not y − σ); for s < 0 \
      compute σ(s) as e^s / (1 + e^s) so nothing overflows either.
      """,
      """
      Nearly the answer, for each element (i, j), with scale = 1 / Double(logits.count) for \
      .mean (1 for .sum):
          let s = logits[i, j], y = targets[i, j]
          total += max(s, 0) - s * y + log1p(exp(-abs(s)))
          let sigma = s >= 0 ? 1 / (1 + exp(-s)) : exp(s) / (1 + exp(s))
          gradient[i, j] = (sigma - y) * scale
      and the value is total * scale.
      """,
    ],
    student: { try Exercises.binaryCrossEntropy(logits: $0, targets: $1, reduction: $2) },
    solution: { Losses.binaryCrossEntropy(logits: $0, targets: $1, reduction: $2) },
    mutants: mutants, cases: cases)

  /// log σ(s), without overflow for any finite s.
  static func logSigmoid(_ s: Double) -> Double {
    s >= 0 ? -log1p(exp(-s)) : s - log1p(exp(s))
  }

  /// Binary cross-entropy as −[y log σ(s) + (1 − y) log σ(−s)], element by element,
  /// independently of the Losses module (which uses the max/log1p form instead).
  static func expectedBCE(_ s: Matrix, _ y: Matrix, _ reduction: Reduction) -> LossResult {
    let scale = reduction == .mean ? 1 / Double(s.count) : 1
    var total = 0.0
    var gradient = Matrix.zeros(like: s)
    for i in 0..<s.rows {
      for j in 0..<s.columns {
        total -= y[i, j] * logSigmoid(s[i, j]) + (1 - y[i, j]) * logSigmoid(-s[i, j])
        gradient[i, j] = (exp(logSigmoid(s[i, j])) - y[i, j]) * scale
      }
    }
    return LossResult(value: total * scale, gradient: gradient)
  }

  static func cases() -> [CheckCase<BinaryClassificationLoss>] {
    var cases: [CheckCase<BinaryClassificationLoss>] = []
    // By hand: ℓ(0, 1) = −log σ(0) = log 2; ℓ(2, 0) = −log(1 − σ(2)) = log(1 + e²);
    // ℓ(−1, 0) = log(1 + e^(−1)); ℓ(3, 1) = −log σ(3) = log(1 + e^(−3)).
    // σ(0) − 1 = −½; σ(2) = 1/(1 + e^(−2)); σ(−1) = 1/(1 + e); σ(3) − 1 = −1/(1 + e³).
    let s: Matrix = [[0, 2], [-1, 3]]
    let y: Matrix = [[1, 0], [0, 1]]
    let input = "logits = \(formatted(s)), targets = \(formatted(y))"
    let losses = [log(2.0), log(1 + exp(2.0)), log(1 + exp(-1.0)), log(1 + exp(-3.0))]
    let slopes: Matrix = [
      [-0.5, 1 / (1 + exp(-2.0))], [1 / (1 + exp(1.0)), -1 / (1 + exp(3.0))],
    ]
    let sum = losses.reduce(0, +)
    cases.append(
      .loss(
        "fixed 2×2, reduction .mean", input: input,
        expected: LossResult(value: sum / 4, gradient: slopes / 4),
        call: { try $0(s, y, .mean) }))
    cases.append(
      .loss(
        "fixed 2×2, reduction .sum", input: input,
        expected: LossResult(value: sum, gradient: slopes), call: { try $0(s, y, .sum) }))
    // Extreme logits, value only, one sign at a time (log(1 + e^s) overflows only for
    // s > 0, log σ(s) of a rounded σ for both): by hand with e^(−1000) = 0, ℓ(s, y) is
    // −s·y for s = −1000 and s·(1 − y) for s = 1000, so ℓ = [0, 1000, 500] in both rows.
    for (sign, targets) in [(-1.0, [0, 1, 0.5]), (1.0, [1, 0, 0.5])] {
      let logits = Matrix(row: [1000 * sign, 1000 * sign, 1000 * sign])
      let y = Matrix(row: targets)
      cases.append(
        .lossValue(
          "extreme logits \(formatted(1000 * sign)), value, reduction .sum",
          input: "logits = \(formatted(logits)), targets = \(formatted(y))", expected: 1500,
          call: { try $0(logits, y, .sum) }))
    }
    // Extreme logits, by hand with ℓ = max(s, 0) − s·y + log1p(e^(−|s|)), e^(−1000) = 0:
    // confident and right costs 0, confident and wrong costs |s|.
    let big: Matrix = [[1000, -1000, 1000], [-1000, 40, -40]]
    let bigTargets: Matrix = [[1, 0, 0], [1, 0, 0.5]]
    let tail = log1p(exp(-40.0))
    let bigLosses = [0, 0, 1000, 1000, 40 + tail, 20 + tail]
    let bigSlopes: Matrix = [[0, 0, 1], [-1, 1 / (1 + exp(-40.0)), 1 / (1 + exp(40.0)) - 0.5]]
    cases.append(
      .loss(
        "extreme logits ±1000 and ±40, reduction .mean",
        input: "logits = \(formatted(big)), targets = \(formatted(bigTargets))",
        expected: LossResult(value: bigLosses.reduce(0, +) / 6, gradient: bigSlopes / 6),
        call: { try $0(big, bigTargets, .mean) }))
    // Seeded random cases: logits of spread 3; hard 0/1 targets on every other shape.
    var rng = Xoshiro256StarStar(seed: 323)
    for (index, shape) in randomShapes.enumerated() {
      let s = Matrix.normal(
        rows: shape.rows, columns: shape.columns, standardDeviation: 3, using: &rng)
      let soft = Matrix.uniform(rows: shape.rows, columns: shape.columns, using: &rng)
      let y = index.isMultiple(of: 2) ? soft.map { $0.rounded() } : soft
      for reduction in Reduction.allCases {
        cases.append(
          .loss(
            randomCaseName(shape.rows, shape.columns, seed: 323, reduction),
            input: "logits = \(formatted(s)), targets = \(formatted(y))",
            expected: expectedBCE(s, y, reduction), call: { try $0(s, y, reduction) }))
      }
    }
    // The gradient must be the derivative of the value.
    let point = Matrix.normal(rows: 3, columns: 4, standardDeviation: 2, using: &rng)
    let targets = Matrix.uniform(rows: 3, columns: 4, using: &rng)
    cases.append(
      .gradientCheck(
        "gradient check 3×4, reduction .mean",
        input: "logits = \(formatted(point)), targets = \(formatted(targets))", at: point,
        call: { try $0($1, targets, .mean) }))
    return cases
  }
}
