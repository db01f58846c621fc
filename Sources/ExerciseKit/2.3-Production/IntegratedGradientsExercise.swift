// Exercise 2.3.3: integrated gradients by the midpoint Riemann sum.
//
// The answer function is the sum written out (never the Production module), calling the
// row's own ∇f. Fixed rows by hand: a quadratic, where the midpoint rule is exact because
// ∇f is linear along the path (the doc comment's example); a linear score, where
// IG = w ⊙ (x − x′); an input equal to its baseline. Seeded rows on a small tanh network,
// and a completeness case: on that network, with m = 64, Σ IG lies within 1% of
// f(x) − f(x′), computed from f itself.

import Foundation
import NumericsCore
import Production

/// 2.3.3: definition, hints and check table.
public enum IntegratedGradientsExercise {
  enum Mistake: Sendable { case withoutDifference, rightEndpoints, sumNotMean }
  public typealias Function = @Sendable (IntegratedGradientsInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "2.3.3", title: "Integrated gradients (midpoint Riemann sum)",
    stub: "Exercises/2.3-production/IntegratedGradients.swift",
    reference:
      "Sources/Production/Attribution.swift (integratedGradients(input:baseline:steps:pathGradients:))",
    hints: [
      """
      Walk the straight line from the baseline to the input: the point at α is \
      x′ + α (x − x′). Evaluate gradient(·) at m points α_k = (k − ½)/m, k = 1 … m (the \
      middles of m equal pieces of [0, 1]), and average the m gradients feature by feature.
      """,
      """
      The average gradient is not yet the attribution: multiply feature i by x_i − x′_i, \
      how far that feature moved. Without it the attributions do not add up to \
      f(x) − f(x′) (completeness). Average (divide by m), do not just add; and use the \
      midpoints (k − ½)/m, not the right ends k/m.
      """,
      """
      Nearly the answer:
          let n = input.count, m = Double(steps)
          var mean = [Double](repeating: 0, count: n)
          for k in 1...steps {
            let alpha = (Double(k) - 0.5) / m
            let g = gradient((0..<n).map { baseline[$0] + alpha * (input[$0] - baseline[$0]) })
            for i in 0..<n { mean[i] += g[i] / m }
          }
          return (0..<n).map { (input[$0] - baseline[$0]) * mean[$0] }
      """,
    ],
    label: "attributions",
    solution: { x in
      let attributions = Production.integratedGradients(
        input: Matrix([x.input]), baseline: Matrix([x.baseline]), steps: x.steps
      ) { points in Matrix(points.rowArrays.map(x.score.gradient)) }
      return attributions
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .withoutDifference, "without the (x − x′) factor", hint: 2,
        "this returns the mean gradient along the path without multiplying feature i by "
          + "x_i − x′_i: the attributions then do not add up to f(x) − f(x′)"),
      MistakeRow(
        .rightEndpoints, "right end points k/m instead of midpoints", hint: 2,
        "this evaluates the gradient at α = k/m (the right end of each piece): the rule "
          + "asked for is the midpoint rule, α = (k − ½)/m"),
      MistakeRow(
        .sumNotMean, "the sum of the gradients, not their mean", hint: 2,
        "this adds the m gradients without dividing by m: the Riemann sum of ∫₀¹ is their "
          + "mean"),
    ],
    rows: rows, otherCases: { [completenessCase()] })

  /// `(x − x′) ⊙ (1/m) Σ_k ∇f(x′ + α_k (x − x′))`, α_k = (k − ½)/m, as `1 × n`.
  static func answer(_ x: IntegratedGradientsInput, _ mistake: Mistake?) -> Matrix {
    let n = x.input.count
    let m = Double(x.steps)
    var total = [Double](repeating: 0, count: n)
    for k in 1...x.steps {
      let alpha = (Double(k) - (mistake == .rightEndpoints ? 0 : 0.5)) / m
      let point = (0..<n).map { x.baseline[$0] + alpha * (x.input[$0] - x.baseline[$0]) }
      let g = x.score.gradient(point)
      for i in 0..<n { total[i] += g[i] }
    }
    let mean = total.map { mistake == .sumNotMean ? $0 : $0 / m }
    return Matrix([
      (0..<n).map {
        mistake == .withoutDifference ? mean[$0] : (x.input[$0] - x.baseline[$0]) * mean[$0]
      }
    ])
  }

  /// f(x) = x₁² + 3x₁x₂.
  static let quadratic = DifferentiableScore(
    formula: "f(x) = x₁² + 3x₁x₂", value: { $0[0] * $0[0] + 3 * $0[0] * $0[1] },
    gradient: { [2 * $0[0] + 3 * $0[1], 3 * $0[0]] })

  /// f(x) = 2x₁ − x₂ + 3x₃.
  static let linear = DifferentiableScore(
    formula: "f(x) = 2x₁ − x₂ + 3x₃", value: { 2 * $0[0] - $0[1] + 3 * $0[2] },
    gradient: { _ in [2, -1, 3] })

  /// A one-hidden-layer tanh network `f(x) = Σ_j v_j tanh(Σ_i W_ji x_i + b_j)` with seeded
  /// weights, and its gradient `∂f/∂x_i = Σ_j v_j (1 − tanh²(z_j)) W_ji`.
  static func tanhNetwork(
    inputs: Int, hidden: Int, using rng: inout Xoshiro256StarStar
  )
    -> DifferentiableScore
  {
    let w = Matrix.normal(rows: hidden, columns: inputs, standardDeviation: 0.8, using: &rng)
    let b = Matrix.normal(rows: 1, columns: hidden, standardDeviation: 0.5, using: &rng).row(0)
    let v = Matrix.normal(rows: 1, columns: hidden, standardDeviation: 1, using: &rng).row(0)
    let z: @Sendable ([Double]) -> [Double] = { x in
      (0..<hidden).map { j in (0..<inputs).reduce(b[j]) { $0 + w[j, $1] * x[$1] } }
    }
    return DifferentiableScore(
      formula: "f(x) = Σ_j v_j tanh(Σ_i W_ji x_i + b_j), \(hidden) tanh units, W = "
        + "\(formatted(w)), b = \(formattedList(b)), v = \(formattedList(v))",
      value: { x in zip(v, z(x)).reduce(0) { $0 + $1.0 * tanh($1.1) } },
      gradient: { x in
        let t = z(x).map { tanh($0) }
        return (0..<inputs).map { i in
          (0..<hidden).reduce(0) { $0 + v[$1] * (1 - t[$1] * t[$1]) * w[$1, i] }
        }
      })
  }

  static func rows() -> [Row<IntegratedGradientsInput, Matrix>] {
    [
      // The doc comment's example: x − x′ = [2, 2]; α = 1/4, 3/4 → points [−0.5, 0.5],
      // [0.5, 1.5]; ∇f = [0.5, −1.5], [5.5, 1.5]; mean [3, 0]; IG = [6, 0] = f(x) − f(x′).
      Row(
        "fixed quadratic, m 2 (the doc comment's example)",
        IntegratedGradientsInput(input: [1, 2], baseline: [-1, 0], steps: 2, score: quadratic),
        byHand: [[6, 0]]),
      // m = 1: the single midpoint α = ½ is [0, 1], ∇f = [3, 0]: IG = [6, 0] again (exact).
      Row(
        "fixed quadratic, m 1",
        IntegratedGradientsInput(input: [1, 2], baseline: [-1, 0], steps: 1, score: quadratic),
        byHand: [[6, 0]]),
      // A linear score: ∇f = w everywhere, so IG = w ⊙ (x − x′) = [2·1, −1·2, 3·0.5].
      Row(
        "fixed linear, baseline 0, m 4",
        IntegratedGradientsInput(
          input: [1, 2, 0.5], baseline: [0, 0, 0], steps: 4, score: linear),
        byHand: [[2, -2, 1.5]]),
      // x = x′: nothing moved, every attribution is 0.
      Row(
        "fixed input equal to the baseline, m 3",
        IntegratedGradientsInput(
          input: [0.5, -1], baseline: [0.5, -1], steps: 3, score: quadratic),
        byHand: [[0, 0]]),
    ]
      + seededRows(seed: 233, [(4, 8), (6, 20), (3, 5)]) { rng, shape in
        let (inputs, steps) = shape
        let score = tanhNetwork(inputs: inputs, hidden: 3, using: &rng)
        let x = Matrix.uniform(rows: 1, columns: inputs, in: -2, 2, using: &rng).row(0)
        let baseline = Matrix.uniform(rows: 1, columns: inputs, in: -1, 1, using: &rng).row(0)
        return [
          Row(
            "seeded tanh network, \(inputs) features, m \(steps) (seed 233)",
            IntegratedGradientsInput(input: x, baseline: baseline, steps: steps, score: score))
        ]
      }
  }

  /// Completeness: Σ IG within 1% of f(x) − f(x′) at m = 64 on a seeded tanh network, with
  /// f(x) − f(x′) from f itself (not from any gradient).
  static func completenessCase() -> CheckCase<Function> {
    var rng = Xoshiro256StarStar(seed: 2330)
    let score = tanhNetwork(inputs: 5, hidden: 4, using: &rng)
    let x = Matrix.uniform(rows: 1, columns: 5, in: 0.5, 2, using: &rng).row(0)
    let input = IntegratedGradientsInput(
      input: x, baseline: [0, 0, 0, 0, 0], steps: 64, score: score)
    let change = score.value(x) - score.value(input.baseline)
    return CheckCase(
      "completeness: Σ IG ≈ f(x) − f(x′) within 1%, tanh network, m 64 (seed 2330)",
      input: input.description
    ) { implementation in
      let attributions = try implementation(input)
      let total = attributions.elements.reduce(0, +)
      let gap = abs(total - change) / abs(change)
      return Observation(
        fingerprint: attributions.fingerprint,
        problem: gap <= 0.01
          ? nil
          : "completeness: the attributions add up to \(formatted(total)), but "
            + "f(x) − f(x′) = \(formatted(change)) (off by \(formatted(100 * gap))%, more "
            + "than 1%)")
    }
  }
}
