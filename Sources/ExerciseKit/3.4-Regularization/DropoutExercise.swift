// Exercise 3.4.3: inverted dropout, forward and backward, with the draws given.
//
// The answer function is the rule written out (never the Layers module; the solution runs
// Layers' Dropout with a generator that replays the given uniforms). Fixed rows by hand
// (training and inference), rate 0, seeded rows; the uniforms are multiples of 2⁻¹⁰ so
// they replay exactly.

import Layers
import NumericsCore

/// 3.4.3: definition, hints and check table.
public enum DropoutExercise {
  enum Mistake: Sendable { case noRescale, onAtInference, dividedByRate, backwardUnmasked }
  public typealias Function = @Sendable (DropoutInput) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.4.3", title: "Inverted dropout (forward and backward)",
    stub: "Exercises/3.4-regularization/Dropout.swift",
    reference: "Sources/Layers/Dropout.swift (Dropout.forward, Dropout.backward)",
    hints: [
      """
      While training, unit i is kept when uniforms[i] ≥ rate and dropped (0) otherwise; \
      the kept ones are multiplied by 1/(1 − rate), so the expected output equals the \
      input. At inference (training = false) the layer is the identity, forward and back.
      """,
      """
      The mask m_i = [u_i ≥ p] / (1 − p) serves both passes: output = input ⊙ m and \
      inputGradient = outputGradient ⊙ m (a dropped unit passes no gradient). Divide by \
      1 − p, the keep probability, not by p; and never drop at inference.
      """,
      """
      Nearly the answer:
          guard training else { return (input, outputGradient) }
          let mask = uniforms.map { $0 >= rate ? 1 / (1 - rate) : 0 }
          return (input * mask, outputGradient * mask)
      """,
    ],
    label: "dropout",
    solution: { x in
      let layer = Dropout(rate: x.rate)
      var rng = MonteCarloCheckGenerator(script: x.uniforms.elements.map { .exact($0) })
      let forward = layer.forward(
        x.input, mode: x.training ? .training : .inference, using: &rng)
      return output(
        forward.output, layer.backward(x.outputGradient, cache: forward.cache).inputGradient)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .noRescale, "survivors not rescaled", hint: 1,
        "this keeps the survivors as they are: inverted dropout multiplies them by "
          + "1/(1 − rate) so that the expected output equals the input"),
      MistakeRow(
        .onAtInference, "dropout on at inference", hint: 1,
        "this drops units with training = false: at inference dropout is the identity"),
      MistakeRow(
        .dividedByRate, "divided by rate", hint: 2,
        "this divides by rate; the survivors are scaled by 1/(1 − rate), the inverse of the "
          + "keep probability"),
      MistakeRow(
        .backwardUnmasked, "backward without the mask", hint: 2,
        "this backward pass lets gradient through dropped units: ∂L/∂x = ∂L/∂y ⊙ m with the "
          + "forward pass's mask"),
    ],
    rows: rows)

  /// The output and the input gradient as the named matrices the check compares.
  public static func output(_ output: Matrix, _ inputGradient: Matrix) -> NamedMatrices {
    NamedMatrices(["output": output, "inputGradient": inputGradient])
  }

  /// y = x ⊙ m, ∂L/∂x = ∂L/∂y ⊙ m with m = [u ≥ p]/(1 − p); `mistake` makes it a known one.
  static func answer(_ x: DropoutInput, _ mistake: Mistake?) -> NamedMatrices {
    guard x.training || mistake == .onAtInference, x.rate > 0 else {
      return output(x.input, x.outputGradient)
    }
    let scale: Double
    switch mistake {
    case .noRescale: scale = 1
    case .dividedByRate: scale = 1 / x.rate
    default: scale = 1 / (1 - x.rate)
    }
    let mask = x.uniforms.map { $0 >= x.rate ? scale : 0 }
    let backMask = mistake == .backwardUnmasked ? mask.map { _ in scale } : mask
    return output(x.input * mask, x.outputGradient * backMask)
  }

  static func rows() -> [Row<DropoutInput, NamedMatrices>] {
    let x: Matrix = [[1, -2], [3, 4]]
    let g: Matrix = [[0.5, 1], [-1, 2]]
    let u: Matrix = [[0.75, 0.25], [0.5, 0.125]]
    return [
      // rate 0.5: kept where u ≥ 0.5 ((0,0) and (1,0)), scaled by 2.
      Row(
        "fixed 2×2, rate 0.5, training",
        DropoutInput(input: x, outputGradient: g, uniforms: u, rate: 0.5, training: true),
        byHand: output([[2, 0], [6, 0]], [[1, 0], [-2, 0]])),
      // rate 0.25: kept where u ≥ 0.25 (all but (1,1)), scaled by 4/3.
      Row(
        "fixed 2×2, rate 0.25, training",
        DropoutInput(input: x, outputGradient: g, uniforms: u, rate: 0.25, training: true),
        byHand: output([[4.0 / 3, -8.0 / 3], [4, 0]], [[2.0 / 3, 4.0 / 3], [-4.0 / 3, 0]])),
      // Inference: the identity, whatever the draws.
      Row(
        "fixed 2×2, rate 0.5, inference",
        DropoutInput(input: x, outputGradient: g, uniforms: u, rate: 0.5, training: false),
        byHand: output(x, g)),
    ]
      + seededRows(seed: 343, [(3, 4, 0.3), (1, 6, 0.5), (5, 2, 0.1)]) { rng, shape in
        let (r, c, p) = shape
        let uniforms = Matrix(
          rows: r, columns: c,
          elements: (0..<(r * c)).map { _ in Double(rng.nextInt(below: 1024)) / 1024 })
        return [
          Row(
            "seeded random \(r)×\(c), rate \(formatted(p)), training (seed 343)",
            DropoutInput(
              input: .normal(rows: r, columns: c, using: &rng),
              outputGradient: .normal(rows: r, columns: c, using: &rng), uniforms: uniforms,
              rate: p, training: true))
        ]
      }
  }
}
