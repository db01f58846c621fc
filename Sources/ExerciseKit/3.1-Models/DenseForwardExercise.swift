// Exercise 3.1.1: the Dense forward pass, Y = X·W + b.
//
// Expected answers: two fixed cases worked out by hand (arithmetic below), a zero input
// (the output is the bias in every row), and `ModelChecks.affine`, the three loops
// written out, for seeded random cases. The shapes are non-square (in ≠ out) and
// include in = 1 and batch = 1.

import Exercises
import Layers
import NumericsCore

/// 3.1.1: definition, hints and check cases.
enum DenseForwardExercise {
  static let definition = ExerciseDefinition<DenseForwardFunction>(
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
    student: { try Exercises.denseForward(input: $0, weights: $1, bias: $2) },
    solution: { x, w, b in
      var rng = SplitMix64(seed: 0)  // Dense draws nothing; forward's signature asks for one
      return Dense(weights: w, bias: b).forward(x, mode: .inference, using: &rng).output
    },
    mutants: mutants, cases: cases)

  static func describe(_ x: Matrix, _ w: Matrix, _ b: Matrix) -> String {
    "input = \(formatted(x)), weights = \(formatted(w)), bias = \(formatted(b))"
  }

  static func cases() -> [CheckCase<DenseForwardFunction>] {
    var cases: [CheckCase<DenseForwardFunction>] = []
    // By hand, batch 2, in 3, out 2:
    // X·W row 0 = [1·1 + 2·0 + 3·1, 1·0 + 2·1 + 3·(−1)] = [4, −1];
    // X·W row 1 = [0·1 + (−1)·0 + 2·1, 0·0 + (−1)·1 + 2·(−1)] = [2, −3];
    // + b = [0.5, −2] in each row: [[4.5, −3], [2.5, −5]].
    let x: Matrix = [[1, 2, 3], [0, -1, 2]]
    let w: Matrix = [[1, 0], [0, 1], [1, -1]]
    let b: Matrix = [[0.5, -2]]
    cases.append(
      ModelChecks.matrixCase(
        "fixed batch 2, in 3, out 2", input: describe(x, w, b), label: "output",
        expected: [[4.5, -3], [2.5, -5]], call: { try $0(x, w, b) }))
    // By hand, batch 1, in 2, out 3: [2, −1]·W = [2 − 4, 4 − 5, 6 − 6] = [−2, −1, 0];
    // + b = [1, 1, 1]: [[−1, 0, 1]].
    let x1: Matrix = [[2, -1]]
    let w1: Matrix = [[1, 2, 3], [4, 5, 6]]
    let b1: Matrix = [[1, 1, 1]]
    cases.append(
      ModelChecks.matrixCase(
        "fixed batch 1, in 2, out 3", input: describe(x1, w1, b1), label: "output",
        expected: [[-1, 0, 1]], call: { try $0(x1, w1, b1) }))
    // A zero input: X·W = 0, so every row of the output is exactly the bias.
    let zero = Matrix.zeros(rows: 3, columns: 2)
    let w2: Matrix = [[1, -2, 0.5, 4], [3, 1, -1, 2]]
    let b2: Matrix = [[0.25, -1, 2, 0]]
    cases.append(
      ModelChecks.matrixCase(
        "zero input: every row is the bias", input: describe(zero, w2, b2), label: "output",
        expected: [[0.25, -1, 2, 0], [0.25, -1, 2, 0], [0.25, -1, 2, 0]],
        call: { try $0(zero, w2, b2) }))
    // Seeded random cases: (batch, in, out), never in = out, compared with three loops.
    var rng = Xoshiro256StarStar(seed: 311)
    for (batch, inputs, outputs) in [(1, 1, 3), (4, 3, 2), (2, 5, 3), (5, 2, 4)] {
      let x = Matrix.normal(rows: batch, columns: inputs, using: &rng)
      let w = Matrix.normal(rows: inputs, columns: outputs, using: &rng)
      let b = Matrix.normal(rows: 1, columns: outputs, using: &rng)
      cases.append(
        ModelChecks.matrixCase(
          "seeded random batch \(batch), in \(inputs), out \(outputs) (seed 311)",
          input: describe(x, w, b), label: "output", expected: ModelChecks.affine(x, w, b),
          call: { try $0(x, w, b) }))
    }
    return cases
  }
}
