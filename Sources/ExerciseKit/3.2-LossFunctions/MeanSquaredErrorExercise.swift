// Exercise 3.2.1: mean squared error, value and gradient.
//
// The answer function is the formula written out element by element (it never calls the
// Losses module); its mistake switch makes each known mistake a row. The fixed rows were
// worked out by hand (arithmetic next to them).

import Losses
import NumericsCore

/// 3.2.1: definition, hints and check table.
public enum MeanSquaredErrorExercise {
  enum Mistake: Sendable { case noOverN, signFlipped, half, overRows, reductionIgnored }

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<LossFunction>.table(
    id: "3.2.1", title: "Mean squared error (value and gradient)",
    stub: "Exercises/3.2-loss-functions/MeanSquaredError.swift",
    reference: "Sources/Losses/Regression.swift (meanSquaredError)",
    hints: [
      """
      Work with the residual r = p − y, element by element. The value is Σ r² over ALL \
      elements divided by N = predicted.count (rows × columns); with .sum, do not divide. \
      Check the doc comment's example by hand before you run the checks.
      """,
      """
      The gradient of L = (1/N) Σ r² with respect to p_ij is 2·r_ij / N: keep the 2 (this \
      convention has no ½ in front), keep the 1/N that the mean puts in front of every term, \
      and mind the sign (r = p − y, not y − p). N counts elements, not rows. With .sum, \
      both the value and the gradient lose the 1/N.
      """,
      """
      Nearly the answer:
          let r = predicted - expected
          let scale = reduction == .mean ? 1 / Double(r.count) : 1
          return LossResult(value: (r * r).sum() * scale, gradient: (2 * scale) * r)
      """,
    ],
    label: "result",
    solution: {
      Losses.meanSquaredError(predicted: $0.scores, expected: $0.targets, reduction: $0.reduction)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .noOverN, "gradient without 1/N", hint: 2,
        "this is the gradient without the 1/N of the mean"),
      MistakeRow(
        .signFlipped, "gradient sign flipped", hint: 2,
        "this gradient has the wrong sign: it is 2(y − p)/N, the derivative is 2(p − y)/N"),
      MistakeRow(
        .half, "½ in front", hint: 2,
        "this is ½·MSE (the Deep Learning from Scratch convention); here the loss has no ½, "
          + "as PyTorch's mse_loss"),
      MistakeRow(
        .overRows, "mean over rows only", hint: 1,
        "this divides by the number of rows (samples) instead of the number of elements "
          + "N = rows × columns"),
      MistakeRow(
        .reductionIgnored, "reduction ignored", hint: 1,
        "this ignores the reduction argument: .sum must return the total, without the 1/N"),
    ],
    rows: rows, otherCases: otherCases)

  /// MSE written out loop by loop; `mistake` makes it one of the known mistakes.
  static func answer(_ x: LossInput, _ mistake: Mistake?) -> LossResult {
    let (p, y) = (x.scores, x.targets)
    let n = Double(mistake == .overRows ? p.rows : p.count)
    let scale = x.reduction == .mean || mistake == .reductionIgnored ? 1 / n : 1
    let half = mistake == .half ? 0.5 : 1
    var total = 0.0
    var gradient = Matrix.zeros(like: p)
    for i in 0..<p.rows {
      for j in 0..<p.columns {
        let r = p[i, j] - y[i, j]
        total += half * r * r
        gradient[i, j] = 2 * half * r * (mistake == .noOverN ? 1 : scale)
        if mistake == .signFlipped { gradient[i, j].negate() }
      }
    }
    return LossResult(value: total * scale, gradient: gradient)
  }

  static func rows() -> [Row<LossInput, LossResult>] {
    // By hand: r = [[1, 0], [−2, 3]], Σ r² = 1 + 0 + 4 + 9 = 14, N = 4.
    let fixed = LossInput(
      kind: .regression, scores: [[1, 2], [3, 4]], targets: [[0, 2], [5, 1]], reduction: .mean)
    // By hand, one row of three: r = [0.5, −2, 0], Σ r² = 4.25, N = 3.
    let wide = LossInput(
      kind: .regression, scores: Matrix(row: [0.5, -1, 2]), targets: Matrix(row: [0, 1, 2]),
      reduction: .mean)
    // A perfect prediction costs nothing and asks for no change.
    let exact: Matrix = [[0.25, -7, 3], [1e6, 0, -2]]
    return bothReductions(
      "fixed 2×2", fixed,
      byHand: (
        LossResult(value: 14.0 / 4, gradient: [[0.5, 0], [-1, 1.5]]),
        LossResult(value: 14, gradient: [[2, 0], [-4, 6]])
      ))
      + [
        Row(
          "fixed 1×3, reduction .mean", wide,
          byHand: LossResult(value: 4.25 / 3, gradient: Matrix(row: [1.0 / 3, -4.0 / 3, 0]))),
        Row(
          "zero residuals, reduction .mean",
          LossInput(kind: .regression, scores: exact, targets: exact, reduction: .mean),
          byHand: LossResult(value: 0, gradient: .zeros(like: exact))),
      ]
      + seededRows(seed: 321, randomShapes) { rng, shape in
        let p = Matrix.normal(rows: shape.rows, columns: shape.columns, using: &rng)
        let y = Matrix.normal(
          rows: shape.rows, columns: shape.columns, standardDeviation: 2, using: &rng)
        return Reduction.allCases.map {
          Row(
            randomCaseName(shape.rows, shape.columns, seed: 321, $0),
            LossInput(kind: .regression, scores: p, targets: y, reduction: $0))
        }
      }
  }

  static func otherCases() -> [CheckCase<LossFunction>] {
    var rng = Xoshiro256StarStar(seed: 3210)
    let point = LossInput(
      kind: .regression, scores: .normal(rows: 3, columns: 4, using: &rng),
      targets: .normal(rows: 3, columns: 4, using: &rng), reduction: .mean)
    return [.lossGradientCheck("gradient check 3×4, reduction .mean", at: point)]
  }
}
