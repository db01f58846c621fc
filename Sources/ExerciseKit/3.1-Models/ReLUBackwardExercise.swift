// Exercise 3.1.3: the ReLU backward pass, ∂L/∂x = ∂L/∂y · [x > 0].
//
// Expected answers: fixed cases worked out by hand, including inputs exactly 0 (where
// the derivative is taken as 0, as PyTorch); `expectedGradient`, the mask written out
// element by element, for seeded random cases into which exact zeros are planted (a
// normal draw is never exactly 0, so without them the kink would never be tested); and
// a gradient check of ⟨G, max(0, x)⟩ at a point whose elements are all at least 0.1 away
// from the kink (the finite-difference step 1e-5 never crosses it there).

import Exercises
import Foundation
import Layers
import NumericsCore

/// 3.1.3: definition, hints and check cases.
enum ReLUBackwardExercise {
  static let definition = ExerciseDefinition<ActivationBackwardFunction>(
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
    student: { try Exercises.reluBackward(input: $0, outputGradient: $1) },
    solution: { x, g in
      var rng = SplitMix64(seed: 0)  // ReLU draws nothing; forward's signature asks for one
      let layer = ReLU()
      let cache = layer.forward(x, mode: .inference, using: &rng).cache
      return layer.backward(g, cache: cache).inputGradient
    },
    mutants: mutants, cases: cases)

  /// `G ⊙ [x > 0]` written out element by element, independently of the Layers module.
  static func expectedGradient(_ x: Matrix, _ g: Matrix) -> Matrix {
    var dx = Matrix.zeros(like: x)
    for i in 0..<x.rows {
      for j in 0..<x.columns where x[i, j] > 0 { dx[i, j] = g[i, j] }
    }
    return dx
  }

  static func describe(_ x: Matrix, _ g: Matrix) -> String {
    "input = \(formatted(x)), outputGradient = \(formatted(g))"
  }

  static func cases() -> [CheckCase<ActivationBackwardFunction>] {
    var cases: [CheckCase<ActivationBackwardFunction>] = []
    // By hand: the mask [x > 0] is [[0, 0, 1], [1, 0, 0]] (both zeros block).
    let x: Matrix = [[-2, 0, 3], [0.5, -0.1, 0]]
    let g: Matrix = [[1, 2, 3], [4, 5, 6]]
    cases.append(
      ModelChecks.matrixCase(
        "fixed 2×3 with zeros", input: describe(x, g), label: "inputGradient",
        expected: [[0, 0, 3], [4, 0, 0]], call: { try $0(x, g) }))
    // Only the kink: every input is 0, so nothing passes.
    let zeros = Matrix.zeros(rows: 1, columns: 2)
    let g0: Matrix = [[7, -7]]
    cases.append(
      ModelChecks.matrixCase(
        "inputs exactly 0 (the kink)", input: describe(zeros, g0), label: "inputGradient",
        expected: [[0, 0]], call: { try $0(zeros, g0) }))
    // All positive: the gradient passes unchanged, negative entries included.
    let positive: Matrix = [[0.1, 2], [5, 1e-9]]
    let g1: Matrix = [[-1, 3], [0.5, -2]]
    cases.append(
      ModelChecks.matrixCase(
        "all inputs positive", input: describe(positive, g1), label: "inputGradient",
        expected: g1, call: { try $0(positive, g1) }))
    // Seeded random cases with exact zeros planted at every third element.
    var rng = Xoshiro256StarStar(seed: 313)
    for (rows, columns) in [(1, 1), (3, 4), (5, 2), (2, 6)] {
      var drawn = Matrix.normal(rows: rows, columns: columns, using: &rng)
      for index in stride(from: 1, to: drawn.count, by: 3) {
        drawn[index / columns, index % columns] = 0
      }
      let x = drawn
      let g = Matrix.normal(rows: rows, columns: columns, using: &rng)
      cases.append(
        ModelChecks.matrixCase(
          "seeded random \(rows)×\(columns) with zeros (seed 313)", input: describe(x, g),
          label: "inputGradient", expected: expectedGradient(x, g), call: { try $0(x, g) }))
    }
    // Gradient check of f(x) = Σ G ⊙ max(0, x), every |x| ≥ 0.1 (sign drawn at random).
    let point = Matrix(
      rows: 3, columns: 4,
      elements: (0..<12).map { _ in
        let magnitude = rng.nextUniform(in: 0.1, 2)
        return rng.nextUniform() < 0.5 ? -magnitude : magnitude
      })
    let pg = Matrix.normal(rows: 3, columns: 4, using: &rng)
    cases.append(gradientCheck(at: point, outputGradient: pg))
    return cases
  }

  /// The returned gradient against central finite differences of ⟨G, max(0, x)⟩.
  static func gradientCheck(
    at point: Matrix, outputGradient g: Matrix
  ) -> CheckCase<ActivationBackwardFunction> {
    CheckCase(
      "gradient check 3×4, away from 0",
      input: describe(point, g) + ", f = Σ outputGradient ⊙ max(0, input)"
    ) { implementation in
      let analytic = try implementation(point, g)
      guard analytic.rows == point.rows, analytic.columns == point.columns else {
        return Observation(
          fingerprint: ModelChecks.fingerprint(analytic),
          problem: "inputGradient has shape \(analytic.shapeDescription), expected "
            + "\(point.shapeDescription)")
      }
      let check = checkGradient(
        of: { ModelChecks.dot(g, $0.map { Swift.max(0, $0) }) }, at: point, analytic: analytic)
      let problem =
        check.passes(tolerance: 1e-7)
        ? nil
        : "gradient check: at element \(check.worstIndex) your inputGradient is "
          + "\(formatted(check.analytic)), finite differences give "
          + "\(formatted(check.numeric)) (relative error "
          + "\(formatted(check.maxRelativeError)) > 1e-07)"
      return Observation(fingerprint: ModelChecks.fingerprint(analytic), problem: problem)
    }
  }
}
