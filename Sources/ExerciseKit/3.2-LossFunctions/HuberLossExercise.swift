// Exercise 3.2.2: Huber loss, value and gradient.
//
// Expected answers: two fixed cases worked out by hand (one with δ = 2 and a residual
// exactly at the threshold), and `expectedHuber`, the definition written out element by
// element, for seeded random cases with δ ≠ 1 so a hard-coded threshold is caught.

import Exercises
import Losses
import NumericsCore

/// 3.2.2: definition, hints and check cases.
enum HuberLossExercise {
  static let definition = ExerciseDefinition<ThresholdedRegressionLoss>(
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
    student: {
      try Exercises.huberLoss(predicted: $0, expected: $1, delta: $2, reduction: $3)
    },
    solution: { Losses.huberLoss(predicted: $0, expected: $1, delta: $2, reduction: $3) },
    mutants: mutants, cases: cases)

  /// Huber written out element by element, independently of the Losses module.
  static func expectedHuber(
    _ p: Matrix, _ y: Matrix, _ delta: Double, _ reduction: Reduction
  ) -> LossResult {
    let scale = reduction == .mean ? 1 / Double(p.count) : 1
    var total = 0.0
    var gradient = Matrix.zeros(like: p)
    for i in 0..<p.rows {
      for j in 0..<p.columns {
        let r = p[i, j] - y[i, j]
        let small = abs(r) <= delta
        total += small ? r * r / 2 : delta * abs(r) - delta * delta / 2
        gradient[i, j] = (small ? r : min(max(r, -delta), delta)) * scale
      }
    }
    return LossResult(value: total * scale, gradient: gradient)
  }

  static func cases() -> [CheckCase<ThresholdedRegressionLoss>] {
    var cases: [CheckCase<ThresholdedRegressionLoss>] = []
    // By hand, δ = 1: r = [0.5, −3, 2, −0.25]; ℓ = [0.125, 3 − 0.5, 2 − 0.5, 0.03125],
    // Σ = 4.15625; ℓ' = [0.5, −1, 1, −0.25]. No residual is exactly 0, where students'
    // versions of sign(r) differ, so a mistake is recognised on this case whichever they use.
    let p = Matrix(row: [0.5, -3, 2, -0.25])
    let y = Matrix(row: [0, 0, 0, 0])
    let input = "predicted = \(formatted(p)), expected = \(formatted(y)), delta = 1"
    cases.append(
      .loss(
        "fixed 1×4, delta 1, reduction .mean", input: input,
        expected: LossResult(
          value: 4.15625 / 4, gradient: Matrix(row: [0.125, -0.25, 0.25, -0.0625])),
        call: { try $0(p, y, 1, .mean) }))
    cases.append(
      .loss(
        "fixed 1×4, delta 1, reduction .sum", input: input,
        expected: LossResult(value: 4.15625, gradient: Matrix(row: [0.5, -1, 1, -0.25])),
        call: { try $0(p, y, 1, .sum) }))
    // By hand, δ = 2: r = [1, −5, 2]; ℓ = [0.5, 2·(5 − 1), ½·2² (at the threshold)] =
    // [0.5, 8, 2], Σ = 10.5; ℓ' = [1, −2, 2].
    let p2 = Matrix(column: [1, -5, 3])
    let y2 = Matrix(column: [0, 0, 1])
    cases.append(
      .loss(
        "fixed 3×1, delta 2, reduction .mean",
        input: "predicted = \(formatted(p2)), expected = \(formatted(y2)), delta = 2",
        expected: LossResult(value: 3.5, gradient: Matrix(column: [1.0 / 3, -2.0 / 3, 2.0 / 3])),
        call: { try $0(p2, y2, 2, .mean) }))
    // Edge case: zero residuals.
    let exact: Matrix = [[3, -1], [0, 40]]
    cases.append(
      .loss(
        "zero residuals, delta 0.5", input: "predicted = expected = \(formatted(exact))",
        expected: LossResult(value: 0, gradient: .zeros(like: exact)),
        call: { try $0(exact, exact, 0.5, .mean) }))
    // Seeded random cases: residuals of spread 2 land on both sides of δ.
    var rng = Xoshiro256StarStar(seed: 322)
    for (shape, delta) in zip(randomShapes, [0.7, 1.5, 0.3, 1.0, 2.5]) {
      let p = Matrix.normal(
        rows: shape.rows, columns: shape.columns, standardDeviation: 2, using: &rng)
      let y = Matrix.normal(rows: shape.rows, columns: shape.columns, using: &rng)
      for reduction in Reduction.allCases {
        cases.append(
          .loss(
            randomCaseName(shape.rows, shape.columns, seed: 322, reduction)
              + ", delta \(formatted(delta))",
            input: "predicted = \(formatted(p)), expected = \(formatted(y)), "
              + "delta = \(formatted(delta))",
            expected: expectedHuber(p, y, delta, reduction),
            call: { try $0(p, y, delta, reduction) }))
      }
    }
    // Gradient check with residuals on both sides of δ = 1.5 but none within 0.05 of a
    // kink, where finite differences would straddle the two pieces.
    let target = Matrix.zeros(rows: 3, columns: 4)
    let point = Matrix.normal(rows: 3, columns: 4, standardDeviation: 2, using: &rng).map {
      abs(abs($0) - 1.5) < 0.05 ? $0 + 0.1 : $0
    }
    cases.append(
      .gradientCheck(
        "gradient check 3×4, delta 1.5, reduction .mean",
        input: "predicted = \(formatted(point)), expected = 0, delta = 1.5", at: point,
        call: { try $0($1, target, 1.5, .mean) }))
    return cases
  }
}
