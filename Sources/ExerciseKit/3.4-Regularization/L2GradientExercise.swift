// Exercise 3.4.5: the L2 penalty's term in the gradient.
//
// The answer function is λ·W written out (never the Regularization module). Fixed rows by
// hand, λ = 0, seeded rows on several shapes.

import NumericsCore
import Regularization

/// 3.4.5: definition, hints and check table.
public enum L2GradientExercise {
  enum Mistake: Sendable { case doubled, sign }
  public typealias Function = @Sendable (WeightsInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.4.5", title: "L2 penalty gradient term",
    stub: "Exercises/3.4-regularization/L2Gradient.swift",
    reference: "Sources/Regularization/WeightPenalties.swift (l2PenaltyGradient)",
    hints: [
      """
      The penalty is (λ/2)·‖W‖² = (λ/2)·Σ w²: differentiate it element by element. The ½ \
      is there so that the 2 of the square cancels.
      """,
      """
      ∂/∂w of (λ/2)·w² is λ·w, not 2λ·w (that is the derivative of λ·‖W‖², without the ½), \
      and not λ·sign(w) (that is L1's). Nearly the answer: weights.map { strength * $0 }.
      """,
    ],
    label: "gradient",
    solution: { l2PenaltyGradient(weights: $0.weights, strength: $0.amount) },
    answer: answer,
    mistakes: [
      MistakeRow(
        .doubled, "2λW", hint: 2,
        "this is 2λ·W, the gradient of λ·‖W‖²; the penalty here is (λ/2)·‖W‖², whose "
          + "gradient is λ·W"),
      MistakeRow(
        .sign, "λ·sign(W) (L1's)", hint: 2,
        "this is λ·sign(W), the L1 subgradient; L2's pull is proportional to the weight"),
    ],
    rows: rows)

  /// λ·W; `mistake` makes it a known mistake.
  static func answer(_ x: WeightsInput, _ mistake: Mistake?) -> Matrix {
    x.weights.map { w in
      switch mistake {
      case .doubled: return 2 * x.amount * w
      case .sign: return x.amount * (w > 0 ? 1 : (w < 0 ? -1 : 0))
      case nil: return x.amount * w
      }
    }
  }

  static func input(_ w: Matrix, _ strength: Double) -> WeightsInput {
    WeightsInput(weights: w, name: "strength", amount: strength)
  }

  static func rows() -> [Row<WeightsInput, Matrix>] {
    [
      // λ = 0.1: 0.1·[[2, −0.5], [0, 10]].
      Row(
        "fixed 2×2, λ 0.1", input([[2, -0.5], [0, 10]], 0.1),
        byHand: [[0.2, -0.05], [0, 1]]),
      Row("λ = 0", input([[3, -1, 4]], 0), byHand: [[0, 0, 0]]),
    ]
      + seededRows(seed: 345, [(3, 4), (1, 6), (5, 1)]) { rng, shape in
        [
          Row(
            "seeded random \(shape.0)×\(shape.1), λ 0.01 (seed 345)",
            input(.normal(rows: shape.0, columns: shape.1, using: &rng), 0.01))
        ]
      }
  }
}
