// Exercise 2.3.2: per-example gradient clipping of a batch, then the sum (DP-SGD).
//
// The answer function is the rule written out (never the Production module). Fixed rows by
// hand: one example above C and one inside the ball; two examples whose clipped gradients
// nearly cancel while their plain sum is large; a batch of one inside the ball; a zero
// gradient (where the 1e-6 keeps the factor finite); seeded batches of several shapes.

import Foundation
import NumericsCore
import Production

/// 2.3.2: definition, hints and check table.
public enum PerExampleClippingExercise {
  enum Mistake: Sendable { case batchClipped, alwaysScaled, averaged }
  public typealias Function = @Sendable (PerExampleClipInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "2.3.2", title: "Per-example gradient clipping (DP-SGD)",
    stub: "Exercises/2.3-production/ClippedGradientSum.swift",
    reference: "Sources/Production/DPSGD.swift (clippedSum(perExampleGradients:clipNorm:))",
    hints: [
      """
      Work row by row: each row is one example's gradient. Compute that row's norm \
      ‖gᵢ‖ = √(Σ_j g_ij²), its factor cᵢ = min(1, C / (‖gᵢ‖ + 1e-6)), and add cᵢ · gᵢ to \
      the running sum. The privacy guarantee needs every example's contribution bounded by \
      C, so the clipping happens before the sum, never after.
      """,
      """
      Clipping the summed gradient instead bounds the batch, not the examples: one \
      example with a huge gradient still dominates the sum. The factor is capped at 1, so \
      rows already shorter than C are added unchanged (scaling them up to norm C is a \
      different operation). And return the sum itself: DP-SGD adds its noise to the sum \
      and divides by the expected batch size afterwards.
      """,
      """
      Nearly the answer:
          var sum = [Double](repeating: 0, count: perExampleGradients.columns)
          for i in 0..<perExampleGradients.rows {
            let g = perExampleGradients.row(i)
            let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let c = min(1, clipNorm / (norm + 1e-6))
            for j in g.indices { sum[j] += c * g[j] }
          }
          return sum
      """,
    ],
    label: "clipped sum",
    solution: {
      Matrix([
        Production.clippedSum(perExampleGradients: $0.perExampleGradients, clipNorm: $0.clipNorm)
      ])
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .batchClipped, "the batch gradient clipped instead of each example's", hint: 2,
        "this sums the gradients first and clips the sum: each example's gradient is "
          + "clipped to norm C on its own, before the sum"),
      MistakeRow(
        .alwaysScaled, "every row scaled to norm C", hint: 2,
        "this scales every row by C / (‖gᵢ‖ + 1e-6), even rows shorter than C: the factor "
          + "is min(1, …), so those are added unchanged"),
      MistakeRow(
        .averaged, "the mean instead of the sum", hint: 2,
        "this divides the clipped sum by the batch size: return the sum (DP-SGD adds the "
          + "noise to it, then divides)"),
    ],
    rows: rows)

  /// `‖v‖`, written out.
  static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

  /// `Σ_i min(1, C/(‖g_i‖ + 1e-6)) g_i` as `1 × P`; `mistake` makes it a known one.
  static func answer(_ x: PerExampleClipInput, _ mistake: Mistake?) -> Matrix {
    let g = x.perExampleGradients
    let c = x.clipNorm
    var sum = [Double](repeating: 0, count: g.columns)
    if mistake == .batchClipped {
      for i in 0..<g.rows { for j in 0..<g.columns { sum[j] += g[i, j] } }
      let factor = min(1, c / (norm(sum) + 1e-6))
      return Matrix([sum.map { factor * $0 }])
    }
    for i in 0..<g.rows {
      let row = g.row(i)
      let scale = c / (norm(row) + 1e-6)
      let factor = mistake == .alwaysScaled ? scale : min(1, scale)
      for j in row.indices { sum[j] += factor * row[j] }
    }
    let divisor = mistake == .averaged ? Double(g.rows) : 1
    return Matrix([sum.map { $0 / divisor }])
  }

  static func rows() -> [Row<PerExampleClipInput, Matrix>] {
    let (f5, f10) = (1 / (5 + 1e-6), 1 / (10 + 1e-6))
    return [
      // Norms 5 and 0.5, C = 1: the first scaled by 1/(5 + 1e-6), the second kept.
      Row(
        "fixed one row above C, one inside",
        PerExampleClipInput(perExampleGradients: [[3, 4], [0.3, 0.4]], clipNorm: 1),
        byHand: [[3 * f5 + 0.3, 4 * f5 + 0.4]]),
      // The doc comment's example: norms 10 and 5, each clipped to ≈ ±[0.6, 0.8]; the sum
      // nearly cancels. (Clipping the sum [3, 4] would give ≈ [0.6, 0.8].)
      Row(
        "fixed two rows that nearly cancel once clipped, C 1",
        PerExampleClipInput(perExampleGradients: [[6, 8], [-3, -4]], clipNorm: 1),
        byHand: [[6 * f10 - 3 * f5, 8 * f10 - 4 * f5]]),
      // One example of norm 1.3 inside C = 2: unchanged.
      Row(
        "fixed batch of one inside C 2",
        PerExampleClipInput(perExampleGradients: [[0.5, -1.2, 0]], clipNorm: 2),
        byHand: [[0.5, -1.2, 0]]),
      // A zero gradient (factor C/1e-6 capped at 1) next to [0, 0, 12] of norm 12, C = 3:
      // 3/(12 + 1e-6) · 12 in the last place.
      Row(
        "fixed a zero gradient in the batch, C 3",
        PerExampleClipInput(perExampleGradients: [[0, 0, 0], [0, 0, 12]], clipNorm: 3),
        byHand: [[0, 0, 36 / (12 + 1e-6)]]),
    ]
      + seededRows(seed: 232, [(4, 6, 1.0), (1, 3, 0.5), (8, 5, 3.0), (5, 2, 100.0)]) {
        rng, shape in
        let (batch, parameters, clipNorm) = shape
        return [
          Row(
            "seeded random B \(batch), P \(parameters), C \(formatted(clipNorm)) (seed 232)",
            PerExampleClipInput(
              perExampleGradients: .normal(
                rows: batch, columns: parameters, standardDeviation: 2, using: &rng),
              clipNorm: clipNorm))
        ]
      }
  }
}
