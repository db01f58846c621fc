// Exercise 3.4.1: the proximal step of L1 (soft-thresholding).
//
// The answer function is the rule written out element by element (never the
// Regularization module). Fixed rows by hand (weights inside the threshold, on it, past
// it, both signs), t = 0, seeded rows on several shapes.

import NumericsCore
import Regularization

/// 3.4.1: definition, hints and check table.
public enum SoftThresholdExercise {
  enum Mistake: Sendable { case crossesZero, scaledInsteadOfShifted }
  public typealias Function = @Sendable (WeightsInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.4.1", title: "L1 proximal step (soft-thresholding)",
    stub: "Exercises/3.4-regularization/SoftThreshold.swift",
    reference: "Sources/Regularization/ProximalL1.swift (softThreshold)",
    hints: [
      """
      Move every weight towards zero by t, and stop at zero: a weight with |w| ≤ t \
      becomes exactly 0, any other keeps its sign and loses t from its size.
      """,
      """
      w − t·sign(w) is the subgradient step: for |w| < t it jumps past zero to the other \
      sign (0.05 with t = 0.1 becomes −0.05). The proximal step is sign(w)·max(|w| − t, 0). \
      It subtracts t; it does not multiply by (1 − t), which is L2's shrinkage.
      """,
      """
      Nearly the answer:
          weights.map { w in w > t ? w - t : (w < -t ? w + t : 0) }
      """,
    ],
    label: "weights",
    solution: { softThreshold($0.weights, threshold: $0.amount) },
    answer: answer,
    mistakes: [
      MistakeRow(
        .crossesZero, "crosses zero", hint: 2,
        "this subtracts t·sign(w) from every weight, so a weight smaller than t crosses zero "
          + "to the other sign; the proximal step stops at zero"),
      MistakeRow(
        .scaledInsteadOfShifted, "scaled by (1 − t)", hint: 2,
        "this multiplies the weights by (1 − t), which is L2's shrinkage; L1's proximal "
          + "step subtracts t from |w|"),
    ],
    rows: rows)

  /// sign(w)·max(|w| − t, 0); `mistake` makes it a known mistake.
  static func answer(_ x: WeightsInput, _ mistake: Mistake?) -> Matrix {
    let t = x.amount
    return x.weights.map { w in
      switch mistake {
      case .crossesZero: return w > 0 ? w - t : (w < 0 ? w + t : 0)
      case .scaledInsteadOfShifted: return w * (1 - t)
      case nil: return w > 0 ? max(w - t, 0) : min(w + t, 0)
      }
    }
  }

  static func input(_ w: Matrix, _ t: Double) -> WeightsInput {
    WeightsInput(weights: w, name: "threshold", amount: t)
  }

  static func rows() -> [Row<WeightsInput, Matrix>] {
    [
      // 0.5 → 0.4, −0.2 → −0.1, 0.05 → 0 (inside), −1 → −0.9, 0.1 → 0 (on it), 0 → 0.
      Row(
        "fixed 2×3, t = 0.1", input([[0.5, -0.2, 0.1], [0.05, -1, 0]], 0.1),
        byHand: [[0.4, -0.1, 0], [0, -0.9, 0]]),
      // t = 0 changes nothing.
      Row("t = 0", input([[0.3, -2]], 0), byHand: [[0.3, -2]]),
      // All inside a large threshold: all exactly zero.
      Row("all inside, t = 5", input([[1, -4], [4.5, 0.2]], 5), byHand: [[0, 0], [0, 0]]),
    ]
      + seededRows(seed: 341, [(3, 4), (1, 5), (6, 1)]) { rng, shape in
        [0.05, 0.5].map { t in
          Row(
            "seeded random \(shape.0)×\(shape.1), t = \(formatted(t)) (seed 341)",
            input(.normal(rows: shape.0, columns: shape.1, standardDeviation: 0.5, using: &rng), t))
        }
      }
  }
}
