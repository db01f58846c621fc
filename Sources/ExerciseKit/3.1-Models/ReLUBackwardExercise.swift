// Exercise 3.1.3: the ReLU backward pass, ∂L/∂x = ∂L/∂y ⊙ [x > 0].
//
// The answer function is the mask written out, with a switch for the mistakes. Fixed rows
// by hand (exact zeros: the kink), seeded rows with zeros planted at every third element,
// and a gradient check of f(x) = Σ G ⊙ max(0, x) away from 0.

import Layers
import NumericsCore

/// 3.1.3: definition, hints and check table.
public enum ReLUBackwardExercise {
  enum Mistake: Sendable { case oneAtZero, outputAtLeastZero, maskOnly, timesOutput }
  public typealias Function = @Sendable (ModelInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.1.3", title: "ReLU backward pass",
    stub: "Exercises/3.1-models/ReLUBackward.swift",
    reference: "Sources/Layers/Activations.swift (ReLU.backward)",
    hints: [
      """
      ReLU is the identity where x > 0 and the constant 0 elsewhere, so its derivative is \
      1 where x > 0 and 0 elsewhere. The chain rule multiplies the incoming gradient by \
      that derivative, element by element: the result is the incoming gradient with some \
      entries zeroed, not the 0/1 mask itself.
      """,
      """
      Mind the kink: at x = 0 exactly the derivative is taken as 0, so the test is \
      strictly x > 0, not x ≥ 0. And test the input, or the output y = max(0, x) with \
      y > 0: y ≥ 0 is true everywhere, since y is never negative.
      """,
      """
      Nearly the answer: \
      `return Matrix.zipMap(input, outputGradient) { x, g in x > 0 ? g : 0 }`.
      """,
    ],
    label: "inputGradient",
    solution: { x in
      var rng = SplitMix64(seed: 0)  // ReLU draws nothing; forward's signature asks for one
      let layer = ReLU()
      let cache = layer.forward(x.input, mode: .inference, using: &rng).cache
      return layer.backward(x.outputGradient!, cache: cache).inputGradient
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .oneAtZero, "gradient 1 at x = 0", hint: 2,
        "this passes the gradient where x ≥ 0: at the kink x = 0 the derivative is taken "
          + "as 0 (as PyTorch), so the test is strictly x > 0"),
      MistakeRow(
        .outputAtLeastZero, "mask from the output sign with ≥ 0", hint: 2,
        "this masks with y ≥ 0 on the output y = max(0, x), which is true everywhere: the "
          + "gradient passes unchanged even where x < 0; use y > 0 (or x > 0)"),
      MistakeRow(
        .maskOnly, "the mask without the incoming gradient", hint: 1,
        "this returns the 0/1 mask [x > 0] itself: multiply it by the incoming gradient "
          + "∂L/∂y, element by element (the chain rule)"),
      MistakeRow(
        .timesOutput, "multiplied by the output", hint: 1,
        "this multiplies the incoming gradient by y = max(0, x), ReLU's value: multiply by "
          + "its derivative, 1 where x > 0 and 0 elsewhere"),
    ],
    rows: rows, otherCases: otherCases)

  /// `g` where `x > 0`, else 0; `mistake` makes it one of the known mistakes.
  static func answer(_ x: ModelInput, _ mistake: Mistake?) -> Matrix {
    Matrix.zipMap(x.input, x.outputGradient!) { x, g in
      switch mistake {
      case nil: x > 0 ? g : 0
      case .oneAtZero: x >= 0 ? g : 0
      case .outputAtLeastZero: max(0, x) >= 0 ? g : 0
      case .maskOnly: x > 0 ? 1 : 0
      case .timesOutput: max(0, x) * g
      }
    }
  }

  static func rows() -> [Row<ModelInput, Matrix>] {
    [
      // The mask [x > 0] is [[0, 0, 1], [1, 0, 0]] (both zeros block).
      Row(
        "fixed 2×3 with zeros",
        ModelInput(
          input: [[-2, 0, 3], [0.5, -0.1, 0]], outputGradient: [[1, 2, 3], [4, 5, 6]]),
        byHand: [[0, 0, 3], [4, 0, 0]]),
      // Only the kink: every input is 0, so nothing passes.
      Row(
        "inputs exactly 0 (the kink)",
        ModelInput(input: .zeros(rows: 1, columns: 2), outputGradient: [[7, -7]]),
        byHand: [[0, 0]]),
      // All positive: the gradient passes unchanged, negative entries included.
      Row(
        "all inputs positive",
        ModelInput(input: [[0.1, 2], [5, 1e-9]], outputGradient: [[-1, 3], [0.5, -2]]),
        byHand: [[-1, 3], [0.5, -2]]),
    ]
      + seededRows(seed: 313, [(1, 1), (3, 4), (5, 2), (2, 6)]) { rng, shape in
        let (rows, columns) = shape
        var x = Matrix.normal(rows: rows, columns: columns, using: &rng)
        for index in stride(from: 1, to: x.count, by: 3) { x[index / columns, index % columns] = 0 }
        let g = Matrix.normal(rows: rows, columns: columns, using: &rng)
        return [
          Row(
            "seeded random \(rows)×\(columns) with zeros (seed 313)",
            ModelInput(input: x, outputGradient: g))
        ]
      }
  }

  /// f(x) = Σ G ⊙ max(0, x) at a point with every |x| ≥ 0.1 (sign drawn at random).
  static func otherCases() -> [CheckCase<Function>] {
    var rng = Xoshiro256StarStar(seed: 3130)
    let point = Matrix(
      rows: 3, columns: 4,
      elements: (0..<12).map { _ in
        let magnitude = rng.nextUniform(in: 0.1, 2)
        return rng.nextUniform() < 0.5 ? -magnitude : magnitude
      })
    let input = ModelInput(input: point, outputGradient: .normal(rows: 3, columns: 4, using: &rng))
    return [
      .gradientCheck(
        "gradient check 3×4, away from 0, f = Σ outputGradient ⊙ max(0, input)", at: input,
        argument: "input", get: \.input, set: { $0.input = $1 },
        scalar: { _, x in ModelChecks.dot(x.outputGradient!, x.input.map { Swift.max(0, $0) }) },
        gradient: { $0 })
    ]
  }
}
