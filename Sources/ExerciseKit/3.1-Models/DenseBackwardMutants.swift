// Known mistakes for 3.1.2. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is. Each mutant
// gets one gradient wrong and the other two right.

import NumericsCore

extension DenseBackwardExercise {
  /// The correct gradients, as products (the mutants change one of them).
  private static func correct(_ x: Matrix, _ w: Matrix, _ g: Matrix) -> DenseGradients {
    (
      matmul(g, w, transposeB: true), matmul(x, g, transposeA: true), g.columnSums()
    )
  }

  static let mutants: [Mutant<DenseBackwardFunction>] = [
    Mutant(
      "transposed weight gradient",
      diagnosis: "this weight gradient is Gᵀ·X (out × in), the transpose of Xᵀ·G: "
        + "∂L/∂W must have the shape of W, in × out", hint: 2,
      implementation: { x, w, g in
        var result = correct(x, w, g)
        result.weightGradient = matmul(g, x, transposeA: true)
        return result
      }),
    Mutant(
      "weight gradient averaged over the batch",
      diagnosis: "this weight gradient is Xᵀ·G divided by the batch size: the weights are "
        + "shared by every sample, so their gradient is the sum (any 1/B is already in G)",
      hint: 2,
      implementation: { x, w, g in
        var result = correct(x, w, g)
        result.weightGradient = matmul(x, g, transposeA: true) / Double(x.rows)
        return result
      }),
    Mutant(
      "bias gradient not summed over the batch",
      diagnosis: "this bias gradient is G itself (batch × out): the bias is added to "
        + "every row, so its gradient is the sum of G's rows, 1 × out", hint: 2,
      implementation: { x, w, g in
        var result = correct(x, w, g)
        result.biasGradient = g
        return result
      }),
    Mutant(
      "bias gradient averaged over the batch",
      diagnosis: "this bias gradient is the mean of G's rows: it is their sum "
        + "(any 1/B is already in G)", hint: 2,
      implementation: { x, w, g in
        var result = correct(x, w, g)
        result.biasGradient = g.columnMeans()
        return result
      }),
    Mutant(
      "bias gradient summed over the wrong axis",
      diagnosis: "this bias gradient sums each row of G (batch × 1): sum over the "
        + "samples instead, down each column (1 × out)", hint: 1,
      implementation: { x, w, g in
        var result = correct(x, w, g)
        result.biasGradient = g.rowSums()
        return result
      }),
  ]
}
