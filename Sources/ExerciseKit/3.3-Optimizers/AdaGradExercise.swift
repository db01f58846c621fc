// Exercise 3.3.2: one step of AdaGrad.
//
// Expected paths: three steps worked out by hand (ε = 0, so the numbers are exact), and
// `rule`, the update written out for one coordinate, for the long runs. The noisy run
// uses ε = 0.5, where the place of ε (outside the root) changes every step.

import Exercises
import NumericsCore
import Optimizers

/// 3.3.2: definition, hints and check cases.
enum AdaGradExercise {
  typealias Runner = OptimizerRunner<AdaGradSettings>

  static let definition = ExerciseDefinition<Runner>(
    id: "3.3.2", title: "AdaGrad (one step)",
    stub: "Exercises/3.3-optimizers/AdaGradStep.swift",
    reference: "Sources/Optimizers/AdaGrad.swift (AdaGrad.update)",
    hints: [
      """
      Two lines, element by element: accumulate s ← s + g² (the SQUARE of each gradient \
      element, summed over all steps so far), then p ← p − lr·g/(√s + ε). Write s back into \
      `sumOfSquares` (it is inout): it is the memory that makes the rate shrink.
      """,
      """
      Mind the order: add this step's g² to s BEFORE dividing (with the old s the first step \
      divides by ε alone and jumps by lr·g/ε). s is a running SUM (s ← s + g², never \
      s ← g²), you divide by its square ROOT (g/s has the wrong units), and ε is added \
      OUTSIDE the root, √s + ε, not √(s + ε) (that is optax's convention).
      """,
      """
      Nearly the answer:
          sumOfSquares += gradient * gradient
          parameter -= learningRate * gradient / (sumOfSquares.map { $0.squareRoot() } + epsilon)
      """,
    ],
    student: { run, s in
      var sums = run.start.map { Matrix.zeros(like: $0) }
      return try run.drive { p, g, i in
        try Exercises.adaGradStep(
          parameter: &p, gradient: g, sumOfSquares: &sums[i], learningRate: s.learningRate,
          epsilon: s.epsilon)
      }
    },
    solution: { run, s in
      try referencePath(run, AdaGrad(learningRate: s.learningRate, epsilon: s.epsilon))
    },
    mutants: mutants, cases: cases)

  /// AdaGrad for one coordinate; `a` is the sum of squares.
  static let rule: CoordinateRule<AdaGradSettings> = { p, g, a, _, _, s in
    a += g * g
    p -= s.learningRate * g / (a.squareRoot() + s.epsilon)
  }

  static func cases() -> [CheckCase<Runner>] {
    // By hand, lr = 0.5, ε = 0, p0 = [1, −1]:
    //   step 1, g = [3, −4]:  s = [9, 16]    p = [1 − 0.5·3/3, −1 + 0.5·4/4] = [0.5, −0.5]
    //   step 2, g = [4, 3]:   s = [25, 25]   p = [0.5 − 0.5·4/5, −0.5 − 0.5·3/5] = [0.1, −0.8]
    //   step 3, g = [0, 12]:  s = [25, 169]  p = [0.1, −0.8 − 0.5·12/13] = [0.1, −0.8 − 6/13]
    let byHand = OptimizerRun.fixedGradients(
      start: Matrix(row: [1, -1]),
      gradients: [Matrix(row: [3, -4]), Matrix(row: [4, 3]), Matrix(row: [0, 12])])
    let handPath = [[0.5, -0.5], [0.1, -0.8], [0.1, -0.8 - 6.0 / 13]].map { [Matrix(row: $0)] }
    let byDefault = AdaGradSettings(learningRate: 1.5, epsilon: 1e-10)
    return [
      .path(byHand, AdaGradSettings(learningRate: 0.5, epsilon: 0), expected: handPath),
      // ε = 0.5 is comparable to √s here, so where ε sits changes every step.
      .path(
        .noisyGradients(seed: 3321, rows: 2, scales: [0.01, 1, 20], steps: 50),
        AdaGradSettings(learningRate: 0.1, epsilon: 0.5), rule: rule),
      // DLFS's learning rate on its elongated bowl.
      .path(
        .testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100), byDefault,
        rule: rule),
      .path(
        .testFunction(.rosenbrock, from: TestFunction.Point(-1.5, 2), steps: 200),
        AdaGradSettings(learningRate: 0.3, epsilon: 1e-10), rule: rule),
      .path(
        .severalShapes(seed: 332, steps: 60), AdaGradSettings(learningRate: 0.5, epsilon: 1e-10),
        rule: rule),
      .path(.zeroGradients(steps: 10), byDefault, rule: rule),
    ]
  }
}
