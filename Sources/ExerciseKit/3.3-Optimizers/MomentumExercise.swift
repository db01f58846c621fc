// Exercise 3.3.1: one step of SGD with momentum (heavy ball).
//
// Expected paths: three steps worked out by hand, and `rule`, the update written out for
// one coordinate, for the long runs (the elongated bowl, Rosenbrock, four parameters of
// different shapes, noisy gradients, zero gradients).

import Exercises
import NumericsCore
import Optimizers

/// 3.3.1: definition, hints and check cases.
enum MomentumExercise {
  typealias Runner = OptimizerRunner<MomentumSettings>

  static let definition = ExerciseDefinition<Runner>(
    id: "3.3.1", title: "SGD with momentum (one step)",
    stub: "Exercises/3.3-optimizers/MomentumStep.swift",
    reference: "Sources/Optimizers/SGD.swift (SGD.update, momentum without dampening)",
    hints: [
      """
      Two lines, element by element: first the buffer, b ← μ·b + g, then the parameter, \
      p ← p − lr·b. The buffer is your memory of past gradients: write it back into \
      `buffer` (it is inout) so the next call sees it. On step 1 the buffer is 0, so the \
      first step is exactly plain gradient descent.
      """,
      """
      Mind the order and the signs: update b BEFORE you use it (stepping with the old b \
      means the first step moves nothing), add the full gradient (b ← μ·b + g, not \
      μ·b + (1 − μ)·g: that is Adam's averaging, and it makes every step 10× shorter), and \
      subtract lr·b from p. If you think of a velocity v ← μ·v − lr·g, then p ← p + v: \
      mixing the two conventions (b ← μ·b − g with p ← p − lr·b) climbs uphill.
      """,
      """
      Nearly the answer:
          buffer = momentum * buffer + gradient
          parameter -= learningRate * buffer
      (Matrix has element-wise * with a Double, + and -=, so these two lines are all.)
      """,
    ],
    student: { run, s in
      var buffers = run.start.map { Matrix.zeros(like: $0) }
      return try run.drive { p, g, i in
        try Exercises.momentumStep(
          parameter: &p, gradient: g, buffer: &buffers[i], learningRate: s.learningRate,
          momentum: s.momentum)
      }
    },
    solution: { run, s in
      try referencePath(run, SGD(learningRate: s.learningRate, momentum: s.momentum))
    },
    mutants: mutants, cases: cases)

  /// Heavy-ball momentum for one coordinate; `b` is the buffer.
  static let rule: CoordinateRule<MomentumSettings> = { p, g, b, _, _, s in
    b = s.momentum * b + g
    p -= s.learningRate * b
  }

  static func cases() -> [CheckCase<Runner>] {
    // By hand, lr = 0.1, μ = 0.9, p0 = [1, −2]:
    //   step 1, g = [2, −1]:  b = [2, −1]                          p = [0.8, −1.9]
    //   step 2, g = [2, 1]:   b = [1.8 + 2, −0.9 + 1] = [3.8, 0.1]  p = [0.42, −1.91]
    //   step 3, g = [−1, 0.5]: b = [3.42 − 1, 0.09 + 0.5] = [2.42, 0.59]
    //                         p = [0.42 − 0.242, −1.91 − 0.059] = [0.178, −1.969]
    let byHand = OptimizerRun.fixedGradients(
      start: Matrix(row: [1, -2]),
      gradients: [Matrix(row: [2, -1]), Matrix(row: [2, 1]), Matrix(row: [-1, 0.5])])
    let handPath = [[0.8, -1.9], [0.42, -1.91], [0.178, -1.969]].map { [Matrix(row: $0)] }
    let standard = MomentumSettings(learningRate: 0.1, momentum: 0.9)
    return [
      .path(byHand, standard, expected: handPath),
      // DLFS's settings on its elongated bowl: the path overshoots across the valley.
      .path(
        .testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100), standard, rule: rule
      ),
      // lr 0.002 is below the heavy ball's limit 2(1 + μ)/λ_max ≈ 0.0038 at the minimum.
      .path(
        .testFunction(.rosenbrock, from: TestFunction.Point(-1.5, 2), steps: 200),
        MomentumSettings(learningRate: 0.002, momentum: 0.9), rule: rule),
      .path(
        .severalShapes(seed: 331, steps: 60), MomentumSettings(learningRate: 0.05, momentum: 0.8),
        rule: rule),
      .path(
        .noisyGradients(seed: 3311, rows: 2, scales: [0.01, 1, 20], steps: 50),
        MomentumSettings(learningRate: 0.01, momentum: 0.5), rule: rule),
      .path(.zeroGradients(steps: 10), standard, rule: rule),
    ]
  }
}
