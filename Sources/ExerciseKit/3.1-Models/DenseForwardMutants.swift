// Known mistakes for 3.1.1. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import NumericsCore

extension DenseForwardExercise {
  /// How a mutant treats the bias; the product X·W is always right.
  private enum BiasMistake {
    case missing, firstRowOnly, insideTheSum
  }

  /// `X·W` with the bias added wrongly.
  private static func affine(_ mistake: BiasMistake) -> DenseForwardFunction {
    { x, w, b in
      var y = Matrix.zeros(rows: x.rows, columns: w.columns)
      for i in 0..<x.rows {
        for j in 0..<w.columns {
          var sum = 0.0
          for k in 0..<x.columns {
            sum += x[i, k] * w[k, j]
            if mistake == .insideTheSum { sum += b[0, j] }
          }
          if mistake == .firstRowOnly && i == 0 { sum += b[0, j] }
          y[i, j] = sum
        }
      }
      return y
    }
  }

  static let mutants: [Mutant<DenseForwardFunction>] = [
    Mutant(
      "bias missing",
      diagnosis: "this output is X·W without the bias: add b_j to every element of "
        + "column j", hint: 1,
      implementation: affine(.missing)),
    Mutant(
      "bias added to the first row only",
      diagnosis: "this adds the bias to the first sample only: every row of X·W gets "
        + "the same bias row", hint: 2,
      implementation: affine(.firstRowOnly)),
    Mutant(
      "bias added inside the sum",
      diagnosis: "this adds the bias inside the sum over k, so it counts `in` times: "
        + "add b_j once, after the sum", hint: 2,
      implementation: affine(.insideTheSum)),
  ]
}
