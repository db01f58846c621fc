// Known mistakes for 3.2.1. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import Losses
import NumericsCore

extension MeanSquaredErrorExercise {
  static let mutants: [Mutant<RegressionLoss>] = [
    Mutant(
      "gradient without 1/N",
      diagnosis: "this is the gradient without the 1/N of the mean", hint: 2,
      implementation: { p, y, reduction in
        let r = p - y
        let scale = reduction == .mean ? 1 / Double(r.count) : 1
        return LossResult(value: (r * r).sum() * scale, gradient: 2 * r)
      }),
    Mutant(
      "gradient sign flipped",
      diagnosis: "this gradient has the wrong sign: it is 2(y − p)/N, the derivative is "
        + "2(p − y)/N", hint: 2,
      implementation: { p, y, reduction in
        let r = p - y
        let scale = reduction == .mean ? 1 / Double(r.count) : 1
        return LossResult(value: (r * r).sum() * scale, gradient: (-2 * scale) * r)
      }),
    Mutant(
      "½ in front",
      diagnosis: "this is ½·MSE (the Deep Learning from Scratch convention); here the loss "
        + "has no ½, as PyTorch's mse_loss", hint: 2,
      implementation: { p, y, reduction in
        let r = p - y
        let scale = reduction == .mean ? 1 / Double(r.count) : 1
        return LossResult(value: 0.5 * (r * r).sum() * scale, gradient: scale * r)
      }),
    Mutant(
      "mean over rows only",
      diagnosis: "this divides by the number of rows (samples) instead of the number of "
        + "elements N = rows × columns", hint: 1,
      implementation: { p, y, reduction in
        let r = p - y
        let scale = reduction == .mean ? 1 / Double(r.rows) : 1
        return LossResult(value: (r * r).sum() * scale, gradient: (2 * scale) * r)
      }),
    Mutant(
      "reduction ignored",
      diagnosis: "this ignores the reduction argument: .sum must return the total, without "
        + "the 1/N", hint: 1,
      implementation: { p, y, _ in
        let r = p - y
        let scale = 1 / Double(r.count)
        return LossResult(value: (r * r).sum() * scale, gradient: (2 * scale) * r)
      }),
  ]
}
