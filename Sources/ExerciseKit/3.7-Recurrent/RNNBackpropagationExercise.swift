// Exercise 3.7.2: backpropagation through time for a tanh RNN over a short sequence.
//
// The answer function runs the forward pass and the backward sweep written out here
// (never the Recurrent module). One fixed row with H = I = B = 1 is worked out by hand;
// seeded rows have T = 1…4, and gradient checks differentiate L = Σ_t ⟨G_t, h_t⟩ by
// central differences with respect to W_hh, W_ih and h_0.

import CourseTypes
import Foundation
import NumericsCore
import Recurrent

/// 3.7.2: definition, hints and check table.
public enum RNNBackpropagationExercise {
  enum Mistake: Sendable { case noRecurrentTerm, tanhPrimeOfPreActivation }
  public typealias Function = @Sendable (BPTTInput) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.7.2", title: "Backpropagation through time (tanh RNN)",
    stub: "Exercises/3.7-rnn/RNNBackpropagation.swift",
    reference: "Sources/Recurrent/ReferenceSteps.swift (rnnBackpropagationThroughTime)",
    hints: [
      """
      Run the forward pass first and keep every h_t (h_0 included). Then walk back from \
      t = T to 1 with a running gradient dh on the hidden state: at each step it is \
      G_t plus whatever came back from step t + 1.
      """,
      """
      At step t: da = dh ⊙ (1 − h_t²) (tanh' written with the OUTPUT h_t = tanh(a_t), not \
      with a_t); dW_ih += daᵀ·x_t, dW_hh += daᵀ·h_{t−1}, both biases += the column sums \
      of da; ∂L/∂x_t = da·W_ih; and the recurrent term da·W_hh is what step t − 1 adds to \
      its G_{t−1}. After step 1 it is ∂L/∂h_0.
      """,
      """
      Nearly the answer:
          var carried = Matrix.zeros(like: initialHidden)
          for t in (0..<T).reversed() {
            let h = hs[t + 1], dh = hiddenGradients[t] + carried
            let da = dh * (1 - h * h)
            dWih += matmul(da, inputs[t], transposeA: true)
            dWhh += matmul(da, hs[t], transposeA: true)
            db += da.columnSums()
            dx[t] = matmul(da, weightIH); carried = matmul(da, weightHH)
          }
      """,
    ],
    label: "gradients",
    solution: {
      let g = Recurrent.rnnBackpropagationThroughTime(
        inputs: $0.inputs, initialHidden: $0.initialHidden,
        parameters: RecurrentChecks.reference($0.parameters), hiddenGradients: $0.hiddenGradients)
      let p = g.parameters
      return output(
        RNNGradients(
          parameters: CellParameters(
            weightIH: p.weightIH, weightHH: p.weightHH, biasIH: p.biasIH, biasHH: p.biasHH),
          inputs: g.inputs, initialHidden: g.initialState.hidden))
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .noRecurrentTerm, "recurrent term forgotten", hint: 2,
        "this uses only G_t on each hidden state: the gradient that flows back from step "
          + "t + 1 through W_hh (da·W_hh) must be added to G_t"),
      MistakeRow(
        .tanhPrimeOfPreActivation, "tanh' of the pre-activation", hint: 2,
        "this multiplies by 1 − a_t² with the pre-activation a_t; tanh'(a) = 1 − tanh(a)² "
          + "= 1 − h_t²"),
    ],
    rows: rows, otherCases: otherCases)

  /// The gradients as the named matrices the check compares.
  public static func output(_ g: RNNGradients) -> NamedMatrices {
    var named = NamedMatrices(sequence: "inputs", g.inputs)
    named.names += ["weightIH", "weightHH", "biasIH", "biasHH", "initialHidden"]
    let p = g.parameters
    named.values += [p.weightIH, p.weightHH, p.biasIH, p.biasHH, g.initialHidden]
    return named
  }

  /// h_1 … h_T, h_0 first.
  static func forward(_ x: BPTTInput) -> [Matrix] {
    x.inputs.reduce(into: [x.initialHidden]) { hs, input in
      hs.append(RecurrentChecks.preActivation(input, hs.last!, x.parameters).map(tanh))
    }
  }

  /// The backward sweep; `mistake` makes it a known mistake.
  static func answer(_ x: BPTTInput, _ mistake: Mistake?) -> NamedMatrices {
    let p = x.parameters
    let hs = forward(x)
    var (dWih, dWhh) = (Matrix.zeros(like: p.weightIH), Matrix.zeros(like: p.weightHH))
    var db = Matrix.zeros(like: p.biasIH)
    var dx = x.inputs.map { Matrix.zeros(like: $0) }
    var carried = Matrix.zeros(like: x.initialHidden)
    for t in x.inputs.indices.reversed() {
      let dh = x.hiddenGradients[t] + carried
      let slope =
        mistake == .tanhPrimeOfPreActivation
        ? 1 - RecurrentChecks.preActivation(x.inputs[t], hs[t], p).map { $0 * $0 }
        : 1 - hs[t + 1] * hs[t + 1]
      let da = dh * slope
      dWih += matmul(da, x.inputs[t], transposeA: true)
      dWhh += matmul(da, hs[t], transposeA: true)
      db += da.columnSums()
      dx[t] = matmul(da, p.weightIH)
      carried = matmul(da, p.weightHH)
      if mistake == .noRecurrentTerm && t > 0 { carried = .zeros(like: carried) }
    }
    return output(
      RNNGradients(
        parameters: CellParameters(weightIH: dWih, weightHH: dWhh, biasIH: db, biasHH: db),
        inputs: dx, initialHidden: carried))
  }

  static func rows() -> [Row<BPTTInput, NamedMatrices>] {
    // By hand, H = I = B = 1, W_ih = 1, W_hh = 0.5, no biases, x = (1, 0), h_0 = 0,
    // G = (0, 1): h_1 = tanh 1, h_2 = tanh(0.5 h_1). Backward: da_2 = 1 − h_2²;
    // dh_1 = 0.5 da_2, da_1 = dh_1 (1 − h_1²); dW_ih = da_1·1 + da_2·0 = da_1,
    // dW_hh = da_1·h_0 + da_2·h_1 = da_2 h_1, db = da_1 + da_2, dx = (da_1, da_2),
    // dh_0 = 0.5 da_1.
    let (h1, h2) = (tanh(1.0), tanh(0.5 * tanh(1.0)))
    let da2 = 1 - h2 * h2
    let da1 = 0.5 * da2 * (1 - h1 * h1)
    let scalar = CellParameters(weightIH: [[1]], weightHH: [[0.5]], biasIH: [[0]], biasHH: [[0]])
    let byHand = output(
      RNNGradients(
        parameters: CellParameters(
          weightIH: [[da1]], weightHH: [[da2 * h1]], biasIH: [[da1 + da2]],
          biasHH: [[da1 + da2]]),
        inputs: [[[da1]], [[da2]]], initialHidden: [[0.5 * da1]]))
    return [
      Row(
        "fixed T 2, B 1, I 1, H 1",
        BPTTInput(
          inputs: [[[1]], [[0]]], initialHidden: [[0]], parameters: scalar,
          hiddenGradients: [[[0]], [[1]]]),
        byHand: byHand)
    ]
      + seededRows(seed: 372, [(1, 2, 3, 2), (3, 1, 2, 4), (2, 3, 2, 3)]) { rng, shape in
        [
          Row(
            "seeded random T \(shape.0), B \(shape.1), I \(shape.2), H \(shape.3) (seed 372)",
            randomInput(shape, using: &rng))
        ]
      }
  }

  static func randomInput(
    _ shape: (Int, Int, Int, Int), using rng: inout Xoshiro256StarStar
  ) -> BPTTInput {
    let (t, b, i, h) = shape
    let p = RecurrentChecks.parameters(gates: 1, input: i, hidden: h, using: &rng)
    return BPTTInput(
      inputs: (0..<t).map { _ in .normal(rows: b, columns: i, using: &rng) },
      initialHidden: .uniform(rows: b, columns: h, in: -0.5, 0.5, using: &rng), parameters: p,
      hiddenGradients: (0..<t).map { _ in .normal(rows: b, columns: h, using: &rng) })
  }

  static func otherCases() -> [CheckCase<Function>] {
    var rng = Xoshiro256StarStar(seed: 3720)
    let point = randomInput((3, 2, 2, 3), using: &rng)
    // L = Σ_t ⟨G_t, h_t⟩, computed by the check's own forward pass.
    let loss: @Sendable (Function, BPTTInput) -> Double = { _, x in
      zip(forward(x).dropFirst(), x.hiddenGradients).reduce(0) {
        $0 + zip($1.0.elements, $1.1.elements).reduce(0) { $0 + $1.0 * $1.1 }
      }
    }
    func pick(_ name: String) -> @Sendable (NamedMatrices) -> Matrix {
      { $0.values[$0.names.firstIndex(of: name)!] }
    }
    return [
      .gradientCheck(
        "gradient check of weightHH, T 3", at: point, argument: "weightHH",
        get: { $0.parameters.weightHH }, set: { $0.parameters.weightHH = $1 }, scalar: loss,
        gradient: pick("weightHH")),
      .gradientCheck(
        "gradient check of weightIH, T 3", at: point, argument: "weightIH",
        get: { $0.parameters.weightIH }, set: { $0.parameters.weightIH = $1 }, scalar: loss,
        gradient: pick("weightIH")),
      .gradientCheck(
        "gradient check of initialHidden, T 3", at: point, argument: "initialHidden",
        get: { $0.initialHidden }, set: { $0.initialHidden = $1 }, scalar: loss,
        gradient: pick("initialHidden")),
    ]
  }
}
