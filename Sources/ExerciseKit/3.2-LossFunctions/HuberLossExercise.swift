// Exercise 3.2.2: Huber loss, value and gradient.
//
// The answer function is the definition written out element by element, with a mistake
// switch; two fixed rows were worked out by hand (one with δ = 2 and a residual exactly
// at the threshold), and the seeded rows use δ ≠ 1 so a hard-coded threshold is caught.

import Losses
import NumericsCore

/// 3.2.2: definition, hints and check table.
public enum HuberLossExercise {
  enum Mistake: Sendable { case branchesSwapped, fullDeltaSquared, notClipped, deltaFixed }

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<LossFunction>.table(
    id: "3.2.2", title: "Huber loss (value and gradient)",
    stub: "Exercises/3.2-loss-functions/HuberLoss.swift",
    reference: "Sources/Losses/Regression.swift (huberLoss)",
    hints: [
      """
      Compute r = p − y per element and test |r| ≤ δ. Inside: ½·r². Outside: δ·(|r| − ½δ), \
      a straight line of slope δ that meets the parabola at |r| = δ (both give ½δ² there: \
      check it). For .mean divide the total by N = predicted.count, all elements.
      """,
      """
      The derivative of ½r² is r; the derivative of δ(|r| − ½δ) is δ·sign(r). So the \
      gradient is r clipped to [−δ, δ]: that clipping is the point of Huber (an outlier \
      pushes no harder than δ). Mind three things: quadratic INSIDE the threshold, linear \
      outside; the constant is ½δ², not δ² (with δ(|r| − δ) the pieces do not meet); and use \
      the δ you are given, not 1. For .mean divide value and gradient by N.
      """,
      """
      Nearly the answer, inside a loop over every element (i, j):
          let r = predicted[i, j] - expected[i, j]
          if abs(r) <= delta { total += 0.5 * r * r; gradient[i, j] = r * scale }
          else { total += delta * (abs(r) - 0.5 * delta); gradient[i, j] = (r > 0 ? delta : -delta) * scale }
      with scale = 1 / Double(predicted.count) for .mean (1 for .sum), and value total * scale.
      """,
    ],
    label: "result",
    solution: {
      Losses.huberLoss(
        predicted: $0.scores, expected: $0.targets, delta: $0.delta, reduction: $0.reduction)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .branchesSwapped, "branches swapped", hint: 2,
        "this has the branches swapped: linear inside |r| ≤ δ, quadratic outside"),
      MistakeRow(
        .fullDeltaSquared, "δ² instead of ½δ²", hint: 2,
        "this uses δ(|r| − δ) for large residuals; it must be δ(|r| − ½δ) so the two "
          + "pieces meet at |r| = δ"),
      MistakeRow(
        .notClipped, "gradient not clipped", hint: 2,
        "this gradient is r everywhere: beyond |r| > δ it must be clipped to δ·sign(r)"),
      MistakeRow(
        .deltaFixed, "δ fixed at 1", hint: 2,
        "this ignores the delta argument and always uses δ = 1"),
    ],
    rows: rows, otherCases: otherCases)

  /// Huber element by element: ½r² inside |r| ≤ δ, δ(|r| − ½δ) outside; gradient r
  /// clipped to [−δ, δ]. `mistake` makes it one of the known mistakes.
  static func answer(_ x: LossInput, _ mistake: Mistake?) -> LossResult {
    let delta = mistake == .deltaFixed ? 1 : x.delta
    let scale = x.reduction == .mean ? 1 / Double(x.scores.count) : 1
    var total = 0.0
    var gradient = Matrix.zeros(like: x.scores)
    for i in 0..<x.scores.rows {
      for j in 0..<x.scores.columns {
        let r = x.scores[i, j] - x.targets[i, j]
        let sign: Double = r > 0 ? 1 : r < 0 ? -1 : 0
        var inside = abs(r) <= delta
        if mistake == .branchesSwapped { inside.toggle() }
        let constant = mistake == .fullDeltaSquared ? delta * delta : delta * delta / 2
        total += inside ? r * r / 2 : delta * abs(r) - constant
        gradient[i, j] = (inside || mistake == .notClipped ? r : delta * sign) * scale
      }
    }
    return LossResult(value: total * scale, gradient: gradient)
  }

  static func rows() -> [Row<LossInput, LossResult>] {
    // By hand, δ = 1: r = [0.5, −3, 2, −0.25]; ℓ = [0.125, 3 − 0.5, 2 − 0.5, 0.03125],
    // Σ = 4.15625; ℓ' = [0.5, −1, 1, −0.25]. No residual is exactly 0, where students'
    // versions of sign(r) differ.
    let fixed = LossInput(
      kind: .huber, scores: Matrix(row: [0.5, -3, 2, -0.25]), targets: Matrix(row: [0, 0, 0, 0]),
      delta: 1, reduction: .mean)
    // By hand, δ = 2: r = [1, −5, 2]; ℓ = [0.5, 2·(5 − 1), ½·2² (at the threshold)] =
    // [0.5, 8, 2], Σ = 10.5; ℓ' = [1, −2, 2].
    let column = LossInput(
      kind: .huber, scores: Matrix(column: [1, -5, 3]), targets: Matrix(column: [0, 0, 1]),
      delta: 2, reduction: .mean)
    let exact: Matrix = [[3, -1], [0, 40]]
    return bothReductions(
      "fixed 1×4, delta 1", fixed,
      byHand: (
        LossResult(value: 4.15625 / 4, gradient: Matrix(row: [0.125, -0.25, 0.25, -0.0625])),
        LossResult(value: 4.15625, gradient: Matrix(row: [0.5, -1, 1, -0.25]))
      ))
      + [
        Row(
          "fixed 3×1, delta 2, reduction .mean", column,
          byHand: LossResult(value: 3.5, gradient: Matrix(column: [1.0 / 3, -2.0 / 3, 2.0 / 3]))
        ),
        Row(
          "zero residuals, delta 0.5",
          LossInput(kind: .huber, scores: exact, targets: exact, delta: 0.5, reduction: .mean),
          byHand: LossResult(value: 0, gradient: .zeros(like: exact))),
      ]
      // Residuals of spread 2 land on both sides of δ.
      + seededRows(seed: 322, Array(zip(randomShapes, [0.7, 1.5, 0.3, 1.0, 2.5]))) {
        rng, item in
        let (shape, delta) = item
        let p = Matrix.normal(
          rows: shape.rows, columns: shape.columns, standardDeviation: 2, using: &rng)
        let y = Matrix.normal(rows: shape.rows, columns: shape.columns, using: &rng)
        return Reduction.allCases.map {
          Row(
            randomCaseName(shape.rows, shape.columns, seed: 322, $0)
              + ", delta \(formatted(delta))",
            LossInput(kind: .huber, scores: p, targets: y, delta: delta, reduction: $0))
        }
      }
  }

  /// Residuals on both sides of δ = 1.5 but none within 0.05 of a kink, where finite
  /// differences would straddle the two pieces.
  static func otherCases() -> [CheckCase<LossFunction>] {
    var rng = Xoshiro256StarStar(seed: 3220)
    let point = Matrix.normal(rows: 3, columns: 4, standardDeviation: 2, using: &rng).map {
      abs(abs($0) - 1.5) < 0.05 ? $0 + 0.1 : $0
    }
    let input = LossInput(
      kind: .huber, scores: point, targets: .zeros(rows: 3, columns: 4), delta: 1.5,
      reduction: .mean)
    return [.lossGradientCheck("gradient check 3×4, delta 1.5, reduction .mean", at: input)]
  }
}
