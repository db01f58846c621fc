// Exercise 3.1.2: the Dense backward pass: ∂L/∂X, ∂L/∂W and ∂L/∂b from G = ∂L/∂Y.
//
// The answer function is the three sums written out, with a switch for the mistakes
// (each gets one gradient wrong and the other two right). Every gradient is also
// gradient-checked against f = ⟨G, X·W + b⟩ = Σ_ij G_ij · (X·W + b)_ij, a scalar whose
// derivative with respect to X, W and b is exactly ∂L/∂X, ∂L/∂W, ∂L/∂b when G = ∂L/∂Y.

import Layers
import NumericsCore

/// 3.1.2: definition, hints and check table.
public enum DenseBackwardExercise {
  enum Mistake: Sendable {
    case transposedWeights, weightsAveraged, biasNotSummed, biasAveraged, biasWrongAxis
  }
  public typealias Function = @Sendable (ModelInput) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.1.2", title: "Dense layer backward pass",
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
    label: "gradients",
    solution: { x in
      let layer = Dense(weights: x.weights!, bias: .zeros(rows: 1, columns: x.weights!.columns))
      let result = layer.backward(x.outputGradient!, cache: x.input)
      return gradients(result.inputGradient, result.gradients[0], result.gradients[1])
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .transposedWeights, "transposed weight gradient", hint: 2,
        "this weight gradient is Gᵀ·X (out × in), the transpose of Xᵀ·G: ∂L/∂W must have "
          + "the shape of W, in × out"),
      MistakeRow(
        .weightsAveraged, "weight gradient averaged over the batch", hint: 2,
        "this weight gradient is Xᵀ·G divided by the batch size: the weights are shared by "
          + "every sample, so their gradient is the sum (any 1/B is already in G)"),
      MistakeRow(
        .biasNotSummed, "bias gradient not summed over the batch", hint: 2,
        "this bias gradient is G itself (batch × out): the bias is added to every row, so "
          + "its gradient is the sum of G's rows, 1 × out"),
      MistakeRow(
        .biasAveraged, "bias gradient averaged over the batch", hint: 2,
        "this bias gradient is the mean of G's rows: it is their sum (any 1/B is already in G)"
      ),
      MistakeRow(
        .biasWrongAxis, "bias gradient summed over the wrong axis", hint: 1,
        "this bias gradient sums each row of G (batch × 1): sum over the samples instead, "
          + "down each column (1 × out)"),
    ],
    rows: rows, otherCases: otherCases)

  public static func gradients(_ dx: Matrix, _ dw: Matrix, _ db: Matrix) -> NamedMatrices {
    NamedMatrices(["inputGradient": dx, "weightGradient": dw, "biasGradient": db])
  }

  /// ∂L/∂X_ik = Σ_j G_ij W_kj, ∂L/∂W_kj = Σ_i X_ik G_ij, ∂L/∂b_j = Σ_i G_ij;
  /// `mistake` gets one of them wrong.
  static func answer(_ x: ModelInput, _ mistake: Mistake?) -> NamedMatrices {
    let (input, w, g) = (x.input, x.weights!, x.outputGradient!)
    var dx = Matrix.zeros(like: input)
    var dw = Matrix.zeros(like: w)
    var db = Matrix.zeros(like: Matrix(row: g.row(0)))
    for i in 0..<g.rows {
      for j in 0..<g.columns {
        db[0, j] += g[i, j]
        for k in 0..<input.columns {
          dx[i, k] += g[i, j] * w[k, j]
          dw[k, j] += input[i, k] * g[i, j]
        }
      }
    }
    let batch = Double(g.rows)
    switch mistake {
    case .transposedWeights: dw = dw.transposed()
    case .weightsAveraged: dw = dw / batch
    case .biasNotSummed: db = g
    case .biasAveraged: db = db / batch
    case .biasWrongAxis: db = g.rowSums()
    case nil: break
    }
    return gradients(dx, dw, db)
  }

  static func rows() -> [Row<ModelInput, NamedMatrices>] {
    // By hand, batch 2, in 3, out 2, Wᵀ = [[1, 0, 1], [0, 1, −1]]:
    // ∂L/∂X = G·Wᵀ: row 0 [1, −1] → [1, −1, 1 + 1] = [1, −1, 2];
    //               row 1 [2, 0.5] → [2, 0.5, 2 − 0.5] = [2, 0.5, 1.5].
    // ∂L/∂W = Xᵀ·G: row k pairs column k of X with G:
    //   k = 0, X col [1, 0]:  [1·1 + 0·2, 1·(−1) + 0·0.5]   = [1, −1]
    //   k = 1, X col [2, −1]: [2·1 − 1·2, 2·(−1) − 1·0.5]   = [0, −2.5]
    //   k = 2, X col [3, 2]:  [3·1 + 2·2, 3·(−1) + 2·0.5]   = [7, −2]
    // ∂L/∂b = column sums of G = [1 + 2, −1 + 0.5] = [3, −0.5].
    [
      Row(
        "fixed batch 2, in 3, out 2",
        ModelInput(
          input: [[1, 2, 3], [0, -1, 2]], weights: [[1, 0], [0, 1], [1, -1]],
          outputGradient: [[1, -1], [2, 0.5]]),
        byHand: gradients(
          [[1, -1, 2], [2, 0.5, 1.5]], [[1, -1], [0, -2.5], [7, -2]], [[3, -0.5]]))
    ]
      + seededRows(seed: 312, [(1, 2, 3), (4, 3, 2), (3, 5, 2), (6, 2, 4)]) { rng, shape in
        let (batch, inputs, outputs) = shape
        let x = Matrix.normal(rows: batch, columns: inputs, using: &rng)
        let w = Matrix.normal(rows: inputs, columns: outputs, using: &rng)
        let g = Matrix.normal(rows: batch, columns: outputs, using: &rng)
        return [
          Row(
            "seeded random batch \(batch), in \(inputs), out \(outputs) (seed 312)",
            ModelInput(input: x, weights: w, outputGradient: g))
        ]
      }
  }

  /// Each gradient against finite differences of f = ⟨G, X·W + b⟩ at batch 3, in 4, out 2.
  static func otherCases() -> [CheckCase<Function>] {
    var rng = Xoshiro256StarStar(seed: 3120)
    let point = ModelInput(
      input: .normal(rows: 3, columns: 4, using: &rng),
      weights: .normal(rows: 4, columns: 2, using: &rng),
      bias: .normal(rows: 1, columns: 2, using: &rng),
      outputGradient: .normal(rows: 3, columns: 2, using: &rng))
    let f: @Sendable (Function, ModelInput) -> Double = { _, x in
      ModelChecks.dot(x.outputGradient!, ModelChecks.affine(x.input, x.weights!, x.bias!))
    }
    let name = "batch 3, in 4, out 2, f = Σ outputGradient ⊙ (input·weights + bias)"
    return [
      .gradientCheck(
        "gradient check of inputGradient, \(name)", at: point, argument: "input",
        get: \.input, set: { $0.input = $1 }, scalar: f, gradient: { $0.values[0] }),
      .gradientCheck(
        "gradient check of weightGradient, \(name)", at: point, argument: "weights",
        get: { $0.weights! }, set: { $0.weights = $1 }, scalar: f, gradient: { $0.values[1] }),
      .gradientCheck(
        "gradient check of biasGradient, \(name)", at: point, argument: "bias",
        get: { $0.bias! }, set: { $0.bias = $1 }, scalar: f, gradient: { $0.values[2] }),
    ]
  }
}
