// Exercise 3.2.1: mean squared error, value and gradient.
//
// Expected answers come from two places: a fixed case worked out by hand (below, with its
// arithmetic), and `expectedMSE`, the formula written out element by element, for the
// seeded random cases. Neither calls the Losses module.

import Exercises
import Losses
import NumericsCore

/// 3.2.1: definition, hints and check cases.
enum MeanSquaredErrorExercise {
  static let definition = ExerciseDefinition<RegressionLoss>(
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
    student: { try Exercises.meanSquaredError(predicted: $0, expected: $1, reduction: $2) },
    solution: { Losses.meanSquaredError(predicted: $0, expected: $1, reduction: $2) },
    mutants: mutants, cases: cases)

  /// MSE written out loop by loop, independently of the Losses module.
  static func expectedMSE(_ p: Matrix, _ y: Matrix, _ reduction: Reduction) -> LossResult {
    let n = Double(p.count)
    var total = 0.0
    var gradient = Matrix.zeros(like: p)
    for i in 0..<p.rows {
      for j in 0..<p.columns {
        let r = p[i, j] - y[i, j]
        total += r * r
        gradient[i, j] = reduction == .mean ? 2 * r / n : 2 * r
      }
    }
    return LossResult(value: reduction == .mean ? total / n : total, gradient: gradient)
  }

  static func cases() -> [CheckCase<RegressionLoss>] {
    var cases: [CheckCase<RegressionLoss>] = []
    // By hand: r = [[1, 0], [−2, 3]], Σ r² = 1 + 0 + 4 + 9 = 14, N = 4.
    let p: Matrix = [[1, 2], [3, 4]]
    let y: Matrix = [[0, 2], [5, 1]]
    let input = "predicted = \(formatted(p)), expected = \(formatted(y))"
    cases.append(
      .loss(
        "fixed 2×2, reduction .mean", input: input,
        expected: LossResult(value: 14.0 / 4, gradient: [[0.5, 0], [-1, 1.5]]),
        call: { try $0(p, y, .mean) }))
    cases.append(
      .loss(
        "fixed 2×2, reduction .sum", input: input,
        expected: LossResult(value: 14, gradient: [[2, 0], [-4, 6]]),
        call: { try $0(p, y, .sum) }))
    // By hand, one row of three: r = [0.5, −2, 0], Σ r² = 4.25, N = 3.
    let p2 = Matrix(row: [0.5, -1, 2])
    let y2 = Matrix(row: [0, 1, 2])
    cases.append(
      .loss(
        "fixed 1×3, reduction .mean",
        input: "predicted = \(formatted(p2)), expected = \(formatted(y2))",
        expected: LossResult(value: 4.25 / 3, gradient: Matrix(row: [1.0 / 3, -4.0 / 3, 0])),
        call: { try $0(p2, y2, .mean) }))
    // Edge case: a perfect prediction costs nothing and asks for no change.
    let exact: Matrix = [[0.25, -7, 3], [1e6, 0, -2]]
    cases.append(
      .loss(
        "zero residuals, reduction .mean", input: "predicted = expected = \(formatted(exact))",
        expected: LossResult(value: 0, gradient: .zeros(like: exact)),
        call: { try $0(exact, exact, .mean) }))
    // Seeded random cases on several shapes, both reductions.
    var rng = Xoshiro256StarStar(seed: 321)
    for shape in randomShapes {
      let p = Matrix.normal(rows: shape.rows, columns: shape.columns, using: &rng)
      let y = Matrix.normal(
        rows: shape.rows, columns: shape.columns, standardDeviation: 2, using: &rng)
      for reduction in Reduction.allCases {
        cases.append(
          .loss(
            randomCaseName(shape.rows, shape.columns, seed: 321, reduction),
            input: "predicted = \(formatted(p)), expected = \(formatted(y))",
            expected: expectedMSE(p, y, reduction), call: { try $0(p, y, reduction) }))
      }
    }
    // The gradient must be the derivative of the value.
    let point = Matrix.normal(rows: 3, columns: 4, using: &rng)
    let target = Matrix.normal(rows: 3, columns: 4, using: &rng)
    cases.append(
      .gradientCheck(
        "gradient check 3×4, reduction .mean",
        input: "predicted = \(formatted(point)), expected = \(formatted(target))", at: point,
        call: { try $0($1, target, .mean) }))
    return cases
  }
}
