// Exercise 3.7.1: one step of a tanh RNN cell, in PyTorch's parameter layout.
//
// The answer function is the cell written out (RecurrentChecks.preActivation, loop by
// loop; never the Recurrent module). Fixed rows by hand; seeded rows on shapes with
// B, I and H all different and batch 1.

import CourseTypes
import Foundation
import NumericsCore
import Recurrent

/// 3.7.1: definition, hints and check table.
public enum RNNCellForwardExercise {
  enum Mistake: Sendable { case biasHHForgotten, sigmoidNotTanh, weightHHNotTransposed }
  public typealias Function = @Sendable (CellInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.7.1", title: "Tanh RNN cell forward",
    stub: "Exercises/3.7-rnn/RNNCellForward.swift",
    reference: "Sources/Recurrent/ReferenceSteps.swift (rnnCellForward), RNNCell.swift",
    hints: [
      """
      h_t = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh), row by row of the batch. The weights \
      are stored as PyTorch stores them, output × input (H × I and H × H), so multiply by \
      their transposes: matmul(input, parameters.weightIH, transposeB: true).
      """,
      """
      Both biases are 1 × H rows added to every row of the batch, and both count (PyTorch \
      keeps two). W_hh is H × H, so h·W_hh has the right shape too, but it is the wrong \
      matrix: element (b, u) is Σ_k h[b, k]·W_hh[u, k]. The nonlinearity is tanh, not the \
      sigmoid.
      """,
      """
      Nearly the answer:
          var a = matmul(input, parameters.weightIH, transposeB: true)
            + matmul(hidden, parameters.weightHH, transposeB: true)
          for b in 0..<a.rows { for u in 0..<a.columns {
            a[b, u] = tanh(a[b, u] + parameters.biasIH[0, u] + parameters.biasHH[0, u]) } }
          return a
      """,
    ],
    label: "hidden",
    solution: {
      Recurrent.rnnCellForward(
        input: $0.input, hidden: $0.hidden, parameters: RecurrentChecks.reference($0.parameters))
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .biasHHForgotten, "b_hh left out", hint: 2,
        "this adds b_ih but not b_hh: PyTorch's cell has both biases, and both are added"),
      MistakeRow(
        .sigmoidNotTanh, "sigmoid instead of tanh", hint: 2,
        "this squashes with the logistic sigmoid: the tanh RNN's nonlinearity is tanh"),
      MistakeRow(
        .weightHHNotTransposed, "h·W_hh instead of h·W_hhᵀ", hint: 2,
        "this multiplies h by W_hh itself: the weights are stored output × input, so the "
          + "recurrent term is h·W_hhᵀ"),
    ],
    rows: rows)

  /// `tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)`; `mistake` makes it a known mistake.
  static func answer(_ x: CellInput, _ mistake: Mistake?) -> Matrix {
    RecurrentChecks.preActivation(
      x.input, x.hidden, x.parameters, biasHH: mistake != .biasHHForgotten,
      transposeHH: mistake != .weightHHNotTransposed
    ).map { mistake == .sigmoidNotTanh ? RecurrentChecks.sigmoid($0) : tanh($0) }
  }

  static func rows() -> [Row<CellInput, Matrix>] {
    let p = CellParameters(
      weightIH: [[1, 0], [0, 1]], weightHH: [[0, 1], [2, 0]], biasIH: [[0.1, -0.2]],
      biasHH: [[0.3, 0.2]])
    let one = CellParameters(
      weightIH: [[0.5]], weightHH: [[2]], biasIH: [[0]], biasHH: [[-0.5]])
    return [
      // x·W_ihᵀ = [1, 2]; h·W_hhᵀ = [0.5·0 − 1·1, 0.5·2 − 1·0] = [−1, 1]; biases [0.4, 0]:
      // a = [0.4, 3].
      Row(
        "fixed B 1, I 2, H 2",
        CellInput(input: [[1, 2]], hidden: [[0.5, -1]], parameters: p),
        byHand: Matrix(row: [tanh(0.4), tanh(3)])),
      // Row 0: 0.5·1 + 2·0 − 0.5 = 0; row 1: 0.5·(−2) + 2·0.5 − 0.5 = −0.5.
      Row(
        "fixed B 2, I 1, H 1",
        CellInput(input: [[1], [-2]], hidden: [[0], [0.5]], parameters: one),
        byHand: Matrix(column: [0, tanh(-0.5)])),
    ]
      + seededRows(seed: 371, [(1, 3, 4), (5, 2, 3), (3, 4, 1)]) { rng, shape in
        let (b, i, h) = shape
        let parameters = RecurrentChecks.parameters(gates: 1, input: i, hidden: h, using: &rng)
        return [
          Row(
            "seeded random B \(b), I \(i), H \(h) (seed 371)",
            CellInput(
              input: .normal(rows: b, columns: i, using: &rng),
              hidden: .uniform(rows: b, columns: h, in: -1, 1, using: &rng),
              parameters: parameters))
        ]
      }
  }
}
