// Known mistakes for 3.1.4. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import Foundation
import NumericsCore

extension StableSoftmaxExercise {
  /// What a mutant subtracts before exponentiating.
  private enum Shift {
    case rowMaximum, none, matrixMaximum
  }

  /// Softmax over rows (or, with `overColumns`, over columns) with the given shift.
  private static func softmax(shift: Shift, overColumns: Bool = false) -> RowSoftmaxFunction {
    { logits in
      let s = overColumns ? logits.transposed() : logits
      let matrixMaximum = s.elements.max() ?? 0
      var p = Matrix.zeros(like: s)
      for i in 0..<s.rows {
        let row = s.row(i)
        let m: Double
        switch shift {
        case .rowMaximum: m = row.max() ?? 0
        case .none: m = 0
        case .matrixMaximum: m = matrixMaximum
        }
        let exps = row.map { exp($0 - m) }
        let total = exps.reduce(0, +)
        for j in 0..<row.count { p[i, j] = exps[j] / total }
      }
      return overColumns ? p.transposed() : p
    }
  }

  static let mutants: [Mutant<RowSoftmaxFunction>] = [
    Mutant(
      "no max shift",
      diagnosis: "this is softmax without subtracting the row maximum: exp(1000) = inf and "
        + "inf/inf = NaN, while exp(−1000) = 0 and 0/0 = NaN", hint: 2,
      implementation: softmax(shift: .none)),
    Mutant(
      "shift by the maximum of the whole batch",
      diagnosis: "this subtracts the largest logit of the whole matrix: a row far below "
        + "it underflows to 0/0 = NaN; subtract each row's own maximum", hint: 2,
      implementation: softmax(shift: .matrixMaximum)),
    Mutant(
      "normalised over the batch (columns)",
      diagnosis: "this normalises each column (over the samples): each row (one sample's "
        + "classes) must sum to 1", hint: 1,
      implementation: softmax(shift: .rowMaximum, overColumns: true)),
  ]
}
