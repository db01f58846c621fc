// Exercise 3.1.1: the Dense forward pass, Y = X·W + b.
//
// The answer function is the three loops written out (never the Layers module), with a
// switch for the bias mistakes. Fixed rows by hand, a zero input (the output is the bias
// in every row), and seeded shapes that are non-square (in ≠ out), with in = 1 and
// batch = 1.

import Layers
import NumericsCore

/// 3.1.1: definition, hints and check table.
public enum DenseForwardExercise {
  enum Mistake: Sendable { case missing, firstRowOnly, insideTheSum }
  public typealias Function = @Sendable (ModelInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.1.1", title: "Dense layer forward pass",
    stub: "Exercises/3.1-models/DenseForward.swift",
    reference: "Sources/Layers/Dense.swift (Dense.forward)",
    hints: [
      """
      Work out the shapes first: X is batch × in and W is in × out, so X·W is batch × out, \
      and b (1 × out) is one number per output column. Y_ij = Σ_k X_ik W_kj + b_j: the \
      bias is added once per output element, to every row, after the sum.
      """,
      """
      With loops: for each row i and column j, start from b[0, j], add X[i, k]·W[k, j] for \
      every k, and store the total. Adding b inside the k loop adds it `in` times; \
      starting from 0 and never adding it, or adding it only to row 0, are the other \
      usual slips.
      """,
      """
      Nearly the answer: `return matmul(input, weights) + bias` (the `+` adds the \
      1 × out row to every row of the product).
      """,
    ],
    label: "output",
    solution: { x in
      var rng = SplitMix64(seed: 0)  // Dense draws nothing; forward's signature asks for one
      return Dense(weights: x.weights!, bias: x.bias!).forward(
        x.input, mode: .inference, using: &rng
      ).output
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .missing, "bias missing", hint: 1,
        "this output is X·W without the bias: add b_j to every element of column j"),
      MistakeRow(
        .firstRowOnly, "bias added to the first row only", hint: 2,
        "this adds the bias to the first sample only: every row of X·W gets the same bias row"
      ),
      MistakeRow(
        .insideTheSum, "bias added inside the sum", hint: 2,
        "this adds the bias inside the sum over k, so it counts `in` times: add b_j once, "
          + "after the sum"),
    ],
    rows: rows)

  /// `Y_ij = b_j + Σ_k X_ik W_kj`; `mistake` adds the bias wrongly.
  static func answer(_ x: ModelInput, _ mistake: Mistake?) -> Matrix {
    let (w, b) = (x.weights!, x.bias!)
    var y = Matrix.zeros(rows: x.input.rows, columns: w.columns)
    for i in 0..<x.input.rows {
      for j in 0..<w.columns {
        var sum = mistake == nil || (mistake == .firstRowOnly && i == 0) ? b[0, j] : 0
        for k in 0..<x.input.columns {
          sum += x.input[i, k] * w[k, j] + (mistake == .insideTheSum ? b[0, j] : 0)
        }
        y[i, j] = sum
      }
    }
    return y
  }

  static func rows() -> [Row<ModelInput, Matrix>] {
    [
      // X·W row 0 = [1·1 + 2·0 + 3·1, 1·0 + 2·1 + 3·(−1)] = [4, −1];
      // X·W row 1 = [0·1 + (−1)·0 + 2·1, 0·0 + (−1)·1 + 2·(−1)] = [2, −3];
      // + b = [0.5, −2] in each row: [[4.5, −3], [2.5, −5]].
      Row(
        "fixed batch 2, in 3, out 2",
        ModelInput(
          input: [[1, 2, 3], [0, -1, 2]], weights: [[1, 0], [0, 1], [1, -1]],
          bias: [[0.5, -2]]), byHand: [[4.5, -3], [2.5, -5]]),
      // [2, −1]·W = [2 − 4, 4 − 5, 6 − 6] = [−2, −1, 0]; + b = [1, 1, 1]: [[−1, 0, 1]].
      Row(
        "fixed batch 1, in 2, out 3",
        ModelInput(input: [[2, -1]], weights: [[1, 2, 3], [4, 5, 6]], bias: [[1, 1, 1]]),
        byHand: [[-1, 0, 1]]),
      // A zero input: X·W = 0, so every row of the output is exactly the bias.
      Row(
        "zero input: every row is the bias",
        ModelInput(
          input: .zeros(rows: 3, columns: 2), weights: [[1, -2, 0.5, 4], [3, 1, -1, 2]],
          bias: [[0.25, -1, 2, 0]]),
        byHand: [[0.25, -1, 2, 0], [0.25, -1, 2, 0], [0.25, -1, 2, 0]]),
    ]
      + seededRows(seed: 311, [(1, 1, 3), (4, 3, 2), (2, 5, 3), (5, 2, 4)]) { rng, shape in
        let (batch, inputs, outputs) = shape
        let x = Matrix.normal(rows: batch, columns: inputs, using: &rng)
        let w = Matrix.normal(rows: inputs, columns: outputs, using: &rng)
        let b = Matrix.normal(rows: 1, columns: outputs, using: &rng)
        return [
          Row(
            "seeded random batch \(batch), in \(inputs), out \(outputs) (seed 311)",
            ModelInput(input: x, weights: w, bias: b))
        ]
      }
  }
}
