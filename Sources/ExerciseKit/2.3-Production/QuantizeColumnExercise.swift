// Exercise 2.3.4: symmetric int8 quantisation of one weight column.
//
// The answer function is the rule written out (never the Production module). Fixed rows by
// hand: the doc comment's example; a column whose largest |w| is 127 (scale exactly 1) with
// ties ±2.5 and fractions above one half, where rounding and truncation differ; a negative
// largest weight with scale 0.5 (ties again, exact); a zero column; seeded columns.

import Foundation
import NumericsCore
import Production

/// 2.3.4: definition, hints and check table.
public enum QuantizeColumnExercise {
  enum Mistake: Sendable { case meanScale, truncated, halfToEven }
  public typealias Function = @Sendable (QuantizeInput) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "2.3.4", title: "Symmetric int8 quantisation of a weight column",
    stub: "Exercises/2.3-production/QuantizeColumn.swift",
    reference: "Sources/Production/Quantization.swift (Matrix.quantized())",
    hints: [
      """
      One scale for the column, chosen so that the largest magnitude lands on ±127: \
      scale = max|w| / 127. Then each value is w / scale rounded to the nearest integer, \
      kept within −127…127, and converted with Int8(…). A column of zeros has no largest \
      magnitude: use scale 1.
      """,
      """
      The scale comes from the largest |w|, not the mean |w|: with the mean, every weight \
      above about 127 · mean|w| is clipped to ±127, and those large weights are the ones \
      that matter most. Round, do not truncate: Int8(3.7) is 3, but 3.7 is nearer 4. Swift's \
      `.rounded()` rounds ties away from zero (2.5 → 3), which is the rule asked for; \
      `.rounded(.toNearestOrEven)` (2.5 → 2) is not.
      """,
      """
      Nearly the answer:
          let largest = weights.map(abs).max()!
          let scale = largest > 0 ? largest / 127 : 1
          let values = weights.map { Int8(max(-127, min(127, ($0 / scale).rounded()))) }
          return (values, scale)
      """,
    ],
    label: "quantised",
    solution: {
      let q = Matrix($0.weights.map { [$0] }).quantized()
      return output(q.values, q.scales[0])
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .meanScale, "scale from the mean |w|", hint: 2,
        "this takes the scale from the mean |w|: it is max|w| / 127, so the largest weight "
          + "maps to ±127 and none is clipped"),
      MistakeRow(
        .truncated, "truncated instead of rounded", hint: 2,
        "this truncates w / scale toward zero (Int8(3.7) = 3): round to the nearest "
          + "integer first"),
      MistakeRow(
        .halfToEven, "ties rounded to even", hint: 2,
        "this rounds ties to even (2.5 → 2): the rule asked for rounds them away from zero "
          + "(2.5 → 3, −2.5 → −3), Swift's `.rounded()`"),
    ],
    rows: rows)

  /// The int8 values as an `n × 1` matrix and the scale as `1 × 1`, compared in that order.
  public static func output(_ values: [Int8], _ scale: Double) -> NamedMatrices {
    NamedMatrices(["values": Matrix(values.map { [Double($0)] }), "scale": [[scale]]])
  }

  /// `s = max|w|/127` (1 for zeros), `q = clamp(round(w/s), ±127)`; `mistake` makes it a
  /// known one.
  static func answer(_ x: QuantizeInput, _ mistake: Mistake?) -> NamedMatrices {
    let magnitudes = x.weights.map { abs($0) }
    let size =
      mistake == .meanScale
      ? magnitudes.reduce(0, +) / Double(magnitudes.count) : magnitudes.max() ?? 0
    let scale = size > 0 ? size / 127 : 1
    let values = x.weights.map { w -> Int8 in
      let ratio = w / scale
      let q: Double
      switch mistake {
      case .truncated: q = ratio.rounded(.towardZero)
      case .halfToEven: q = ratio.rounded(.toNearestOrEven)
      default: q = ratio.rounded(.toNearestOrAwayFromZero)
      }
      return Int8(min(127, max(-127, q)))
    }
    return output(values, scale)
  }

  static func rows() -> [Row<QuantizeInput, NamedMatrices>] {
    [
      // The doc comment's example: scale 1.27/127 = 0.01; w/scale = 50, −127, 0.4.
      Row(
        "fixed [0.5, −1.27, 0.004] (the doc comment's example)",
        QuantizeInput(weights: [0.5, -1.27, 0.004]), byHand: output([50, -127, 0], 0.01)),
      // max|w| = 127, so scale 1 and q = round(w): 3.7 → 4, −3.7 → −4, ±2.5 → ±3 (ties
      // away from zero), 0.2 → 0.
      Row(
        "fixed largest 127 (scale 1), ties ±2.5",
        QuantizeInput(weights: [127, 3.7, -3.7, 2.5, -2.5, 0.2]),
        byHand: output([127, 4, -4, 3, -3, 0], 1)),
      // max|w| = 63.5 from a negative weight: scale 0.5 exactly; w/scale = −127, 2.5, −1.5,
      // 20 → −127, 3, −2, 20.
      Row(
        "fixed negative largest −63.5 (scale 0.5)",
        QuantizeInput(weights: [-63.5, 1.25, -0.75, 10]),
        byHand: output([-127, 3, -2, 20], 0.5)),
      // Nothing to scale: scale 1 by convention, every value 0.
      Row("fixed zero column", QuantizeInput(weights: [0, 0, 0]), byHand: output([0, 0, 0], 1)),
    ]
      + seededRows(seed: 234, [16, 50, 1]) { rng, count in
        [
          Row(
            "seeded random column of \(count) (seed 234)",
            QuantizeInput(
              weights: Matrix.normal(rows: count, columns: 1, standardDeviation: 0.1, using: &rng)
                .elements))
        ]
      }
  }
}
