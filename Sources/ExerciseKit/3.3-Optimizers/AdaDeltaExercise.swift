// Exercise 3.3.5: one step of AdaDelta.
//
// Expected paths: two steps worked out by hand (ρ = 0.76 and ε = 0.01 make the first
// step's roots exact), and `rule`, the update written out for one coordinate, for the long
// runs. Several runs use lr ≠ 1, so a rule that drops the learning rate (the paper has
// none) or puts it into u is caught.

import Exercises
import NumericsCore
import Optimizers

/// 3.3.5: definition, hints and check cases.
enum AdaDeltaExercise {
  typealias Runner = OptimizerRunner<AdaDeltaSettings>

  static let definition = ExerciseDefinition<Runner>(
    id: "3.3.5", title: "AdaDelta (one step)",
    stub: "Exercises/3.3-optimizers/AdaDeltaStep.swift",
    reference: "Sources/Optimizers/AdaDelta.swift (AdaDelta.update)",
    hints: [
      """
      Four lines, element by element, in this order: update s with g² (as RMSprop does), \
      compute the step Δ = √(u + ε)/√(s + ε)·g, update u with Δ², and move p by −lr·Δ. \
      Write s and u back into squareAverage and deltaAverage (both are inout).
      """,
      """
      The order matters twice: s is updated BEFORE Δ (with the old s = 0 the first Δ is \
      √ε/√ε·g = g, a full gradient step), and u AFTER Δ (Δ needs the u of the previous \
      steps). Do not forget to update u at all: it is what makes the steps grow. ε goes \
      inside BOTH roots; without it in the numerator √u = 0 and p never moves. u averages \
      Δ², not (lr·Δ)², and lr multiplies the step: p ← p − lr·Δ.
      """,
      """
      Nearly the answer:
          squareAverage = rho * squareAverage + (1 - rho) * gradient * gradient
          let delta = (deltaAverage + epsilon).map { $0.squareRoot() }
            / (squareAverage + epsilon).map { $0.squareRoot() } * gradient
          deltaAverage = rho * deltaAverage + (1 - rho) * delta * delta
          parameter -= learningRate * delta
      """,
    ],
    student: { run, s in
      var squares = run.start.map { Matrix.zeros(like: $0) }
      var deltas = squares
      return try run.drive { p, g, i in
        try Exercises.adaDeltaStep(
          parameter: &p, gradient: g, squareAverage: &squares[i], deltaAverage: &deltas[i],
          learningRate: s.learningRate, rho: s.rho, epsilon: s.epsilon)
      }
    },
    solution: { run, s in
      try referencePath(
        run, AdaDelta(learningRate: s.learningRate, rho: s.rho, epsilon: s.epsilon))
    },
    mutants: mutants, cases: cases)

  /// AdaDelta for one coordinate; `a` is s (average of g²), `b` is u (average of Δ²).
  static let rule: CoordinateRule<AdaDeltaSettings> = { p, g, sq, u, _, s in
    sq = s.rho * sq + (1 - s.rho) * g * g
    let delta = (u + s.epsilon).squareRoot() / (sq + s.epsilon).squareRoot() * g
    u = s.rho * u + (1 - s.rho) * delta * delta
    p -= s.learningRate * delta
  }

  static func cases() -> [CheckCase<Runner>] {
    // By hand, lr = 0.5, ρ = 0.76, ε = 0.01, p0 = [1, 2]:
    //   step 1, g = [1, −1]:  s = 0.24·[1, 1] = [0.24, 0.24]
    //                         Δ = √0.01/√(0.24 + 0.01)·g = 0.1/0.5·g = [0.2, −0.2]
    //                         u = 0.24·0.04 = [0.0096, 0.0096]
    //                         p = [1 − 0.5·0.2, 2 + 0.5·0.2] = [0.9, 2.1]
    //   step 2, g = [1, 0]:   s = [0.76·0.24 + 0.24, 0.76·0.24] = [0.4224, 0.1824]
    //                         Δ = [√(0.0096 + 0.01)/√(0.4224 + 0.01)·1, 0] = [0.14/√0.4324, 0]
    //                         p = [0.9 − 0.07/√0.4324, 2.1]
    let byHand = OptimizerRun.fixedGradients(
      start: Matrix(row: [1, 2]), gradients: [Matrix(row: [1, -1]), Matrix(row: [1, 0])])
    let handPath = [[0.9, 2.1], [0.9 - 0.07 / 0.4324.squareRoot(), 2.1]].map {
      [Matrix(row: $0)]
    }
    let byDefault = AdaDeltaSettings(learningRate: 1, rho: 0.9, epsilon: 1e-6)
    return [
      .path(
        byHand, AdaDeltaSettings(learningRate: 0.5, rho: 0.76, epsilon: 0.01),
        expected: handPath),
      // lr = 10 makes up for AdaDelta's slow start on the elongated bowl.
      .path(
        .testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100),
        AdaDeltaSettings(learningRate: 10, rho: 0.9, epsilon: 1e-6), rule: rule),
      .path(
        .testFunction(.rosenbrock, from: TestFunction.Point(0, 0), steps: 200), byDefault,
        rule: rule),
      // The paper's ρ = 0.95.
      .path(
        .severalShapes(seed: 335, steps: 60),
        AdaDeltaSettings(learningRate: 2, rho: 0.95, epsilon: 1e-6), rule: rule),
      .path(
        .noisyGradients(seed: 3351, rows: 2, scales: [0.01, 1, 20], steps: 50), byDefault,
        rule: rule),
      .path(.zeroGradients(steps: 10), byDefault, rule: rule),
    ]
  }
}
