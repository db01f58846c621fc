// Exercise 3.1.2: the Dense backward pass, the three gradients of Y = X·W + b.
//
// Expected answers: a fixed case worked out by hand (arithmetic below), and
// `expectedGradients`, the three sums written out as loops, for seeded random cases.
// Then three gradient checks: each returned gradient against central finite
// differences of ⟨G, X·W + b⟩ (whose derivative is exactly what backward returns when
// G = ∂L/∂Y), with the forward pass written out in this file (`ModelChecks.affine`).
// Every shape has in ≠ out, so a transposed weight gradient has the wrong shape and
// fails; batch > 1 in all but one, so a bias gradient that is not summed fails too.

import Exercises
import Layers
import NumericsCore

/// 3.1.2: definition, hints and check cases.
enum DenseBackwardExercise {
  static let definition = ExerciseDefinition<DenseBackwardFunction>(
    id: "3.1.2", title: "Dense layer backward pass (three gradients)",
    stub: "Exercises/3.1-models/DenseBackward.swift",
    reference: "Sources/Layers/Dense.swift (Dense.backward)",
    hints: [
      """
      Let the shapes guide you: each gradient has the shape of what it is the gradient \
      of. ∂L/∂X is batch × in, ∂L/∂W is in × out (like W), ∂L/∂b is 1 × out (like b). \
      The only products of X (batch × in), W (in × out) and G (batch × out) with those \
      shapes are G·Wᵀ, Xᵀ·G, and a sum over the rows of G.
      """,
      """
      Element by element: Y_ij = Σ_k X_ik W_kj + b_j, so ∂L/∂W_kj = Σ_i X_ik G_ij (a sum \
      over the batch, not a mean: any 1/B is already inside G), ∂L/∂b_j = Σ_i G_ij (b_j \
      reaches every row), and ∂L/∂X_ik = Σ_j G_ij W_kj. Gᵀ·X has the shape out × in: \
      that is the transpose of the weight gradient.
      """,
      """
      Nearly the answer:
          (inputGradient: matmul(outputGradient, weights, transposeB: true),
           weightGradient: matmul(input, outputGradient, transposeA: true),
           biasGradient: outputGradient.columnSums())
      """,
    ],
    student: { try Exercises.denseBackward(input: $0, weights: $1, outputGradient: $2) },
    solution: { x, w, g in
      let layer = Dense(weights: w, bias: .zeros(rows: 1, columns: w.columns))
      let result = layer.backward(g, cache: x)
      return (result.inputGradient, result.gradients[0], result.gradients[1])
    },
    mutants: mutants, cases: cases)

  /// The three gradients written out as sums, independently of the Layers module.
  static func expectedGradients(_ x: Matrix, _ w: Matrix, _ g: Matrix) -> DenseGradients {
    var dx = Matrix.zeros(like: x)
    var dw = Matrix.zeros(like: w)
    var db = Matrix.zeros(rows: 1, columns: w.columns)
    for i in 0..<x.rows {
      for j in 0..<w.columns {
        db[0, j] += g[i, j]
        for k in 0..<x.columns {
          dw[k, j] += x[i, k] * g[i, j]
          dx[i, k] += g[i, j] * w[k, j]
        }
      }
    }
    return (dx, dw, db)
  }

  static func describe(_ x: Matrix, _ w: Matrix, _ g: Matrix) -> String {
    "input = \(formatted(x)), weights = \(formatted(w)), outputGradient = \(formatted(g))"
  }

  /// The numbers a result is recognised by: each gradient's shape and elements.
  static func fingerprint(_ result: DenseGradients) -> [Double] {
    ModelChecks.fingerprint(result.inputGradient)
      + ModelChecks.fingerprint(result.weightGradient)
      + ModelChecks.fingerprint(result.biasGradient)
  }

  /// A case comparing all three gradients with `expected`.
  static func gradientsCase(
    _ name: String, _ x: Matrix, _ w: Matrix, _ g: Matrix, expected: DenseGradients
  ) -> CheckCase<DenseBackwardFunction> {
    CheckCase(name, input: describe(x, w, g)) { implementation in
      let got = try implementation(x, w, g)
      let problem =
        compare(
          "inputGradient", got: got.inputGradient, expected: expected.inputGradient,
          tolerance: .standard)
        ?? compare(
          "weightGradient", got: got.weightGradient, expected: expected.weightGradient,
          tolerance: .standard)
        ?? compare(
          "biasGradient", got: got.biasGradient, expected: expected.biasGradient,
          tolerance: .standard)
      return Observation(fingerprint: fingerprint(got), problem: problem)
    }
  }

  static func cases() -> [CheckCase<DenseBackwardFunction>] {
    var cases: [CheckCase<DenseBackwardFunction>] = []
    // By hand, batch 2, in 3, out 2, Wᵀ = [[1, 0, 1], [0, 1, −1]]:
    // ∂L/∂X = G·Wᵀ: row 0 [1, −1] → [1, −1, 1 + 1] = [1, −1, 2];
    //               row 1 [2, 0.5] → [2, 0.5, 2 − 0.5] = [2, 0.5, 1.5].
    // ∂L/∂W = Xᵀ·G: row k pairs column k of X with G:
    //   k = 0, X col [1, 0]:  [1·1 + 0·2, 1·(−1) + 0·0.5]   = [1, −1]
    //   k = 1, X col [2, −1]: [2·1 − 1·2, 2·(−1) − 1·0.5]   = [0, −2.5]
    //   k = 2, X col [3, 2]:  [3·1 + 2·2, 3·(−1) + 2·0.5]   = [7, −2]
    // ∂L/∂b = column sums of G = [1 + 2, −1 + 0.5] = [3, −0.5].
    let x: Matrix = [[1, 2, 3], [0, -1, 2]]
    let w: Matrix = [[1, 0], [0, 1], [1, -1]]
    let g: Matrix = [[1, -1], [2, 0.5]]
    cases.append(
      gradientsCase(
        "fixed batch 2, in 3, out 2", x, w, g,
        expected: (
          [[1, -1, 2], [2, 0.5, 1.5]], [[1, -1], [0, -2.5], [7, -2]], [[3, -0.5]]
        )))
    // Seeded random cases (batch, in, out), in ≠ out, compared with the sums above.
    var rng = Xoshiro256StarStar(seed: 312)
    for (batch, inputs, outputs) in [(1, 2, 3), (4, 3, 2), (3, 5, 2), (6, 2, 4)] {
      let x = Matrix.normal(rows: batch, columns: inputs, using: &rng)
      let w = Matrix.normal(rows: inputs, columns: outputs, using: &rng)
      let g = Matrix.normal(rows: batch, columns: outputs, using: &rng)
      cases.append(
        gradientsCase(
          "seeded random batch \(batch), in \(inputs), out \(outputs) (seed 312)", x, w, g,
          expected: expectedGradients(x, w, g)))
    }
    // Gradient checks at batch 3, in 4, out 2.
    let px = Matrix.normal(rows: 3, columns: 4, using: &rng)
    let pw = Matrix.normal(rows: 4, columns: 2, using: &rng)
    let pb = Matrix.normal(rows: 1, columns: 2, using: &rng)
    let pg = Matrix.normal(rows: 3, columns: 2, using: &rng)
    cases += gradientChecks(x: px, w: pw, b: pb, g: pg)
    return cases
  }
}
