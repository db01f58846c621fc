// Known mistakes for 3.2.3. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import Foundation
import Losses
import NumericsCore

extension BinaryCrossEntropyExercise {
  /// Builds a BCE-like loss from a per-element (loss, derivative) rule and a flag for
  /// whether `.mean` really divides by N.
  private static func elementwise(
    dividesByN: Bool = true,
    _ rule: @escaping @Sendable (_ s: Double, _ y: Double) -> (Double, Double)
  ) -> BinaryClassificationLoss {
    { s, y, reduction in
      let scale = reduction == .mean && dividesByN ? 1 / Double(s.count) : 1
      var total = 0.0
      var gradient = Matrix.zeros(like: s)
      for i in 0..<s.rows {
        for j in 0..<s.columns {
          let (loss, slope) = rule(s[i, j], y[i, j])
          total += loss
          gradient[i, j] = slope * scale
        }
      }
      return LossResult(value: total * scale, gradient: gradient)
    }
  }

  private static func naiveSigmoid(_ s: Double) -> Double { 1 / (1 + exp(-s)) }

  private static func stableLoss(_ s: Double, _ y: Double) -> Double {
    max(s, 0) - s * y + log1p(exp(-abs(s)))
  }

  static let mutants: [Mutant<BinaryClassificationLoss>] = [
    Mutant(
      "naive log(sigmoid)",
      diagnosis: "this takes log(σ(s)) and log(1 − σ(s)) of σ computed as a number: at "
        + "|s| = 1000, σ rounds to 0 or 1 and the log gives −inf (then 0·inf = NaN)", hint: 2,
      implementation: elementwise { s, y in
        let sigma = naiveSigmoid(s)
        return (-(y * log(sigma) + (1 - y) * log(1 - sigma)), sigma - y)
      }),
    Mutant(
      "gradient sign flipped",
      diagnosis: "this gradient is y − σ(s); the derivative of the loss is σ(s) − y", hint: 2,
      implementation: elementwise { s, y in (stableLoss(s, y), y - naiveSigmoid(s)) }),
    Mutant(
      "forgot the mean",
      diagnosis: "this forgot the mean: with .mean, divide the value and the gradient by "
        + "N = logits.count", hint: 1,
      implementation: elementwise(dividesByN: false) { s, y in
        (stableLoss(s, y), naiveSigmoid(s) - y)
      }),
    Mutant(
      "log(1 + exp(s)) overflows",
      diagnosis: "this computes log(1 + exp(s)), which is inf for s = 1000: use "
        + "max(s, 0) + log1p(exp(−|s|)) instead", hint: 2,
      implementation: elementwise { s, y in (log(1 + exp(s)) - s * y, naiveSigmoid(s) - y) }),
  ]
}
