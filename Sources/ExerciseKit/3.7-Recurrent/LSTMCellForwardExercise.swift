// Exercise 3.7.4: one step of an LSTM cell, in PyTorch's layout (gate order i, f, g, o).
//
// The answer function is the cell written out (RecurrentChecks.preActivation, then the
// gates by hand; never the Recurrent module). Fixed rows by hand with H = 1; seeded rows
// with B, I, H all different and batch 1.

import CourseTypes
import Foundation
import NumericsCore
import Recurrent

/// 3.7.4: definition, hints and check table.
public enum LSTMCellForwardExercise {
  enum Mistake: Sendable { case forgetInputSwapped, cellNotSquashed, candidateSigmoid }
  public typealias Function = @Sendable (CellInput) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.7.4", title: "LSTM cell forward",
    stub: "Exercises/3.7-rnn/LSTMCellForward.swift",
    reference: "Sources/Recurrent/ReferenceSteps.swift (lstmCellForward), LSTMCell.swift",
    hints: [
      """
      Compute all four gates at once: a = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh is B × 4H. Its \
      column blocks of width H are, in PyTorch's order, i (input gate), f (forget gate), \
      g (candidate), o (output gate): columns 0..<H, H..<2H, 2H..<3H, 3H..<4H.
      """,
      """
      i, f and o go through the sigmoid; g goes through tanh (it is the new content, in \
      (−1, 1)). Then c_t = f ⊙ c_{t−1} + i ⊙ g: the FORGET gate multiplies the old cell, \
      the INPUT gate the candidate. Finally h_t = o ⊙ tanh(c_t): the cell is squashed \
      before the output gate.
      """,
      """
      Nearly the answer, for each row b and unit u (H = hidden.columns):
          let i = sigmoid(a[b, u]), f = sigmoid(a[b, H + u])
          let g = tanh(a[b, 2 * H + u]), o = sigmoid(a[b, 3 * H + u])
          c[b, u] = f * cell[b, u] + i * g
          h[b, u] = o * tanh(c[b, u])
      """,
    ],
    label: "state",
    solution: {
      let state = Recurrent.lstmCellForward(
        input: $0.input, hidden: $0.hidden, cell: $0.cell!,
        parameters: RecurrentChecks.reference($0.parameters))
      return output(state.hidden, state.cell)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .forgetInputSwapped, "forget and input gates swapped", hint: 2,
        "this uses the second block as the input gate and the first as the forget gate: "
          + "PyTorch's order is i, f, g, o, and f multiplies the old cell"),
      MistakeRow(
        .cellNotSquashed, "h = o ⊙ c without tanh", hint: 2,
        "this returns o ⊙ c_t: the new hidden state is o ⊙ tanh(c_t)"),
      MistakeRow(
        .candidateSigmoid, "sigmoid on the candidate g", hint: 2,
        "this squashes the candidate g with the sigmoid: g goes through tanh, so it can be "
          + "negative"),
    ],
    rows: rows)

  /// The new hidden and cell states as the named matrices the check compares.
  public static func output(_ hidden: Matrix, _ cell: Matrix) -> NamedMatrices {
    NamedMatrices(["hidden": hidden, "cell": cell])
  }

  /// The gates i, f, g, o, then c_t and h_t; `mistake` makes it a known mistake.
  static func answer(_ x: CellInput, _ mistake: Mistake?) -> NamedMatrices {
    let h = x.hidden.columns
    let a = RecurrentChecks.preActivation(x.input, x.hidden, x.parameters)
    let swap = mistake == .forgetInputSwapped
    let i = RecurrentChecks.gate(a, swap ? 1 : 0, h).map(RecurrentChecks.sigmoid)
    let f = RecurrentChecks.gate(a, swap ? 0 : 1, h).map(RecurrentChecks.sigmoid)
    let g = RecurrentChecks.gate(a, 2, h).map {
      mistake == .candidateSigmoid ? RecurrentChecks.sigmoid($0) : tanh($0)
    }
    let o = RecurrentChecks.gate(a, 3, h).map(RecurrentChecks.sigmoid)
    let c = f * x.cell! + i * g
    return output(o * (mistake == .cellNotSquashed ? c : c.map(tanh)), c)
  }

  static func rows() -> [Row<CellInput, NamedMatrices>] {
    let s = RecurrentChecks.sigmoid
    let zeros = Matrix.zeros(rows: 1, columns: 4)
    // a = x·W_ihᵀ = [0.5, 1, 0, −0.5]: i = σ(0.5), f = σ(1), g = tanh 0 = 0, o = σ(−0.5);
    // c = σ(1)·2, h = σ(−0.5)·tanh(2σ(1)).
    let first = CellParameters(
      weightIH: [[1], [2], [0], [-1]], weightHH: .zeros(rows: 4, columns: 1), biasIH: zeros,
      biasHH: zeros)
    // a = x·W_ihᵀ + h·W_hhᵀ = [2·0.5, 0, 1, 0]: i = σ(1), f = o = ½, g = tanh 1;
    // c = ½·(−1) + σ(1)·tanh 1, h = ½·tanh(c).
    let second = CellParameters(
      weightIH: [[0], [0], [1], [0]], weightHH: [[2], [0], [0], [0]], biasIH: zeros,
      biasHH: zeros)
    let c2 = -0.5 + s(1) * tanh(1)
    return [
      Row(
        "fixed H 1, g = 0",
        CellInput(input: [[0.5]], hidden: [[0]], cell: [[2]], parameters: first),
        byHand: output([[s(-0.5) * tanh(2 * s(1))]], [[2 * s(1)]])),
      Row(
        "fixed H 1, recurrent input",
        CellInput(input: [[1]], hidden: [[0.5]], cell: [[-1]], parameters: second),
        byHand: output([[0.5 * tanh(c2)]], [[c2]])),
    ]
      + seededRows(seed: 374, [(1, 3, 2), (4, 2, 3), (2, 1, 5)]) { rng, shape in
        let (b, i, h) = shape
        let parameters = RecurrentChecks.parameters(gates: 4, input: i, hidden: h, using: &rng)
        return [
          Row(
            "seeded random B \(b), I \(i), H \(h) (seed 374)",
            CellInput(
              input: .normal(rows: b, columns: i, using: &rng),
              hidden: .uniform(rows: b, columns: h, in: -1, 1, using: &rng),
              cell: .normal(rows: b, columns: h, using: &rng), parameters: parameters))
        ]
      }
  }
}
