// Known mistakes for 3.2.2. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import Foundation
import Losses
import NumericsCore

extension HuberLossExercise {
  /// Builds a Huber-like loss from a per-element (loss, derivative) rule.
  private static func elementwise(
    _ rule: @escaping @Sendable (_ r: Double, _ delta: Double) -> (Double, Double)
  ) -> ThresholdedRegressionLoss {
    { p, y, delta, reduction in
      let scale = reduction == .mean ? 1 / Double(p.count) : 1
      var total = 0.0
      var gradient = Matrix.zeros(like: p)
      for i in 0..<p.rows {
        for j in 0..<p.columns {
          let (loss, slope) = rule(p[i, j] - y[i, j], delta)
          total += loss
          gradient[i, j] = slope * scale
        }
      }
      return LossResult(value: total * scale, gradient: gradient)
    }
  }

  static let mutants: [Mutant<ThresholdedRegressionLoss>] = [
    Mutant(
      "branches swapped",
      diagnosis: "this has the branches swapped: linear inside |r| ≤ δ, quadratic outside",
      hint: 2,
      implementation: elementwise { r, delta in
        abs(r) <= delta
          ? (delta * (abs(r) - delta / 2), delta * (r > 0 ? 1 : r < 0 ? -1 : 0))
          : (r * r / 2, r)
      }),
    Mutant(
      "δ² instead of ½δ²",
      diagnosis: "this uses δ(|r| − δ) for large residuals; it must be δ(|r| − ½δ) so the "
        + "two pieces meet at |r| = δ", hint: 2,
      implementation: elementwise { r, delta in
        abs(r) <= delta ? (r * r / 2, r) : (delta * (abs(r) - delta), r > 0 ? delta : -delta)
      }),
    Mutant(
      "gradient not clipped",
      diagnosis: "this gradient is r everywhere: beyond |r| > δ it must be clipped to δ·sign(r)",
      hint: 2,
      implementation: elementwise { r, delta in
        (abs(r) <= delta ? r * r / 2 : delta * (abs(r) - delta / 2), r)
      }),
    Mutant(
      "δ fixed at 1",
      diagnosis: "this ignores the delta argument and always uses δ = 1", hint: 2,
      implementation: elementwise { r, _ in
        abs(r) <= 1 ? (r * r / 2, r) : (abs(r) - 0.5, r > 0 ? 1 : -1)
      }),
  ]
}
