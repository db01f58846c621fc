// Exercise 3.2.3: binary cross-entropy from logits, numerically stable.
//
// The answer function goes through log σ(s) written stably (the Losses module uses the
// max/log1p form instead), with a mistake switch. Fixed rows: four losses written as the
// textbook expressions (log 2, log(1 + e²), …) and logits ±1000 and ±40 by hand.

import Foundation
import Losses
import NumericsCore

/// 3.2.3: definition, hints and check table.
public enum BinaryCrossEntropyExercise {
  enum Mistake: Sendable { case naiveLog, signFlipped, noMean, overflowingSoftplus }

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<LossFunction>.table(
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
    label: "result",
    solution: {
      Losses.binaryCrossEntropy(logits: $0.scores, targets: $0.targets, reduction: $0.reduction)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .naiveLog, "naive log(sigmoid)", hint: 2,
        "this takes log(σ(s)) and log(1 − σ(s)) of σ computed as a number: at |s| = 1000, σ "
          + "rounds to 0 or 1 and the log gives −inf (then 0·inf = NaN)"),
      MistakeRow(
        .signFlipped, "gradient sign flipped", hint: 2,
        "this gradient is y − σ(s); the derivative of the loss is σ(s) − y"),
      MistakeRow(
        .noMean, "forgot the mean", hint: 1,
        "this forgot the mean: with .mean, divide the value and the gradient by "
          + "N = logits.count"),
      MistakeRow(
        .overflowingSoftplus, "log(1 + exp(s)) overflows", hint: 2,
        "this computes log(1 + exp(s)), which is inf for s = 1000: use "
          + "max(s, 0) + log1p(exp(−|s|)) instead"),
    ],
    rows: rows, otherCases: otherCases)

  /// log σ(s), without overflow for any finite s.
  static func logSigmoid(_ s: Double) -> Double {
    s >= 0 ? -log1p(exp(-s)) : s - log1p(exp(s))
  }

  /// −[y log σ(s) + (1 − y) log σ(−s)] element by element, gradient σ(s) − y;
  /// `mistake` makes it one of the known mistakes.
  static func answer(_ x: LossInput, _ mistake: Mistake?) -> LossResult {
    let (s, y) = (x.scores, x.targets)
    let scale = x.reduction == .mean && mistake != .noMean ? 1 / Double(s.count) : 1
    var total = 0.0
    var gradient = Matrix.zeros(like: s)
    for i in 0..<s.rows {
      for j in 0..<s.columns {
        let (si, yi) = (s[i, j], y[i, j])
        let sigma = 1 / (1 + exp(-si))
        switch mistake {
        case .naiveLog: total -= yi * log(sigma) + (1 - yi) * log(1 - sigma)
        case .overflowingSoftplus: total += log(1 + exp(si)) - si * yi
        default: total -= yi * logSigmoid(si) + (1 - yi) * logSigmoid(-si)
        }
        let slope = mistake == nil ? exp(logSigmoid(si)) - yi : sigma - yi
        gradient[i, j] = (mistake == .signFlipped ? -slope : slope) * scale
      }
    }
    return LossResult(value: total * scale, gradient: gradient)
  }

  static func rows() -> [Row<LossInput, LossResult>] {
    // By hand: ℓ(0, 1) = −log σ(0) = log 2; ℓ(2, 0) = −log(1 − σ(2)) = log(1 + e²);
    // ℓ(−1, 0) = log(1 + e^(−1)); ℓ(3, 1) = −log σ(3) = log(1 + e^(−3)).
    // σ(0) − 1 = −½; σ(2) = 1/(1 + e^(−2)); σ(−1) = 1/(1 + e); σ(3) − 1 = −1/(1 + e³).
    let fixed = LossInput(
      kind: .binary, scores: [[0, 2], [-1, 3]], targets: [[1, 0], [0, 1]], reduction: .mean)
    let sum = [log(2.0), log(1 + exp(2.0)), log(1 + exp(-1.0)), log(1 + exp(-3.0))]
      .reduce(0, +)
    let slopes: Matrix = [
      [-0.5, 1 / (1 + exp(-2.0))], [1 / (1 + exp(1.0)), -1 / (1 + exp(3.0))],
    ]
    // By hand with ℓ = max(s, 0) − s·y + log1p(e^(−|s|)), e^(−1000) = 0: confident and
    // right costs 0, confident and wrong costs |s|.
    let tail = log1p(exp(-40.0))
    let big = LossInput(
      kind: .binary, scores: [[1000, -1000, 1000], [-1000, 40, -40]],
      targets: [[1, 0, 0], [1, 0, 0.5]], reduction: .mean)
    let bigLoss = (0 + 0 + 1000 + 1000 + 40 + tail + 20 + tail) / 6
    let bigSlopes: Matrix = [
      [0, 0, 1], [-1, 1 / (1 + exp(-40.0)), 1 / (1 + exp(40.0)) - 0.5],
    ]
    return bothReductions(
      "fixed 2×2", fixed,
      byHand: (
        LossResult(value: sum / 4, gradient: slopes / 4), LossResult(value: sum, gradient: slopes)
      ))
      + [
        Row(
          "extreme logits ±1000 and ±40, reduction .mean", big,
          byHand: LossResult(value: bigLoss, gradient: bigSlopes / 6))
      ]
      // Logits of spread 3; hard 0/1 targets on every other shape.
      + seededRows(seed: 323, Array(randomShapes.enumerated())) { rng, item in
        let (index, shape) = item
        let s = Matrix.normal(
          rows: shape.rows, columns: shape.columns, standardDeviation: 3, using: &rng)
        let soft = Matrix.uniform(rows: shape.rows, columns: shape.columns, using: &rng)
        let y = index.isMultiple(of: 2) ? soft.map { $0.rounded() } : soft
        return Reduction.allCases.map {
          Row(
            randomCaseName(shape.rows, shape.columns, seed: 323, $0),
            LossInput(kind: .binary, scores: s, targets: y, reduction: $0))
        }
      }
  }

  static func otherCases() -> [CheckCase<LossFunction>] {
    // Extreme logits, value only, one sign at a time (log(1 + e^s) overflows only for
    // s > 0, log σ(s) of a rounded σ for both): by hand with e^(−1000) = 0, ℓ(s, y) is
    // −s·y for s = −1000 and s·(1 − y) for s = 1000, so the losses total 1500.
    let extremes = [(-1.0, [0, 1, 0.5]), (1.0, [1, 0, 0.5])].map { sign, targets in
      CheckCase<LossFunction>.valueOnly(
        "extreme logits \(formatted(1000 * sign)), value, reduction .sum",
        LossInput(
          kind: .binary, scores: Matrix(row: [1000 * sign, 1000 * sign, 1000 * sign]),
          targets: Matrix(row: targets), reduction: .sum), expected: 1500)
    }
    var rng = Xoshiro256StarStar(seed: 3230)
    let point = LossInput(
      kind: .binary, scores: .normal(rows: 3, columns: 4, standardDeviation: 2, using: &rng),
      targets: .uniform(rows: 3, columns: 4, using: &rng), reduction: .mean)
    return extremes + [.lossGradientCheck("gradient check 3×4, reduction .mean", at: point)]
  }
}
