// Known mistakes for 3.2.4. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import Foundation
import Losses
import NumericsCore

extension SoftmaxCrossEntropyExercise {
  /// How a mutant goes wrong; everything else is computed correctly.
  private struct Mistakes {
    var subtractsMax = true
    var lossFromLogOfSoftmax = false
    var subtractsOneHot = true
    var dividesByClasses = false
  }

  /// Softmax cross-entropy with the given mistakes built in.
  private static func crossEntropy(_ mistakes: Mistakes) -> MultiClassLoss {
    { s, labels, reduction in
      let divisor = mistakes.dividesByClasses ? s.columns : s.rows
      let scale = reduction == .mean ? 1 / Double(divisor) : 1
      var total = 0.0
      var gradient = Matrix.zeros(like: s)
      for i in 0..<s.rows {
        let row = s.row(i)
        let shift = mistakes.subtractsMax ? row.max() ?? 0 : 0
        let exps = row.map { exp($0 - shift) }
        let z = exps.reduce(0, +)
        let probabilities = exps.map { $0 / z }
        total +=
          mistakes.lossFromLogOfSoftmax
          ? -log(probabilities[labels[i]]) : shift + log(z) - row[labels[i]]
        for j in 0..<row.count {
          let oneHot: Double = mistakes.subtractsOneHot && j == labels[i] ? 1 : 0
          gradient[i, j] = (probabilities[j] - oneHot) * scale
        }
      }
      return LossResult(value: total * scale, gradient: gradient)
    }
  }

  static let mutants: [Mutant<MultiClassLoss>] = [
    Mutant(
      "no max-subtraction",
      diagnosis: "this is softmax without subtracting the row maximum: exp(1000) = inf, "
        + "and inf/inf = NaN", hint: 1,
      implementation: crossEntropy(Mistakes(subtractsMax: false))),
    Mutant(
      "log of the softmax",
      diagnosis: "this computes −log(softmax_y): when the true class is far behind, "
        + "softmax_y underflows to 0 and −log 0 = inf; use logsumexp − s_y", hint: 2,
      implementation: crossEntropy(Mistakes(lossFromLogOfSoftmax: true))),
    Mutant(
      "gradient without the one-hot",
      diagnosis: "this gradient is softmax(s) alone: subtract the one-hot of the label "
        + "(1 in the label's column)", hint: 2,
      implementation: crossEntropy(Mistakes(subtractsOneHot: false))),
    Mutant(
      "mean over classes",
      diagnosis: "this divides by the number of classes; the mean is over samples "
        + "(B = logits.rows)", hint: 1,
      implementation: crossEntropy(Mistakes(dividesByClasses: true))),
  ]
}
