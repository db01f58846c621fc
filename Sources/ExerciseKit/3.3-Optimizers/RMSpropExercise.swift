// Exercise 3.3.3: one step of RMSprop.
//
// Expected paths: three steps worked out by hand (α = 0.75 and ε = 0, so every root is
// exact), and `rule`, the update written out for one coordinate, for the long runs. The
// noisy run uses ε = 0.5, where the place of ε (outside the root) changes every step.

import Exercises
import NumericsCore
import Optimizers

/// 3.3.3: definition, hints and check cases.
enum RMSpropExercise {
  typealias Runner = OptimizerRunner<RMSpropSettings>

  static let definition = ExerciseDefinition<Runner>(
    id: "3.3.3", title: "RMSprop (one step)",
    stub: "Exercises/3.3-optimizers/RMSpropStep.swift",
    reference: "Sources/Optimizers/RMSprop.swift (RMSprop.update, plain)",
    hints: [
      """
      Two lines, element by element: the leaky average s ← α·s + (1 − α)·g², then \
      p ← p − lr·g/(√s + ε). Write s back into `squareAverage` (it is inout). Compare with \
      AdaGrad: the same step, but s forgets (multiplied by α each step) instead of summing.
      """,
      """
      Mind four things: average the SQUARED gradient, g² (with g itself, s goes negative and \
      √s is NaN); α multiplies the OLD average and 1 − α the new g² (α = 0.99 means "keep \
      99% of the past"); update s BEFORE dividing by it (with s = 0 the first step would \
      divide by ε alone); ε goes OUTSIDE the root, √s + ε.
      """,
      """
      Nearly the answer:
          squareAverage = alpha * squareAverage + (1 - alpha) * gradient * gradient
          parameter -= learningRate * gradient / (squareAverage.map { $0.squareRoot() } + epsilon)
      """,
    ],
    student: { run, s in
      var averages = run.start.map { Matrix.zeros(like: $0) }
      return try run.drive { p, g, i in
        try Exercises.rmspropStep(
          parameter: &p, gradient: g, squareAverage: &averages[i], learningRate: s.learningRate,
          alpha: s.alpha, epsilon: s.epsilon)
      }
    },
    solution: { run, s in
      try referencePath(
        run, RMSprop(learningRate: s.learningRate, alpha: s.alpha, epsilon: s.epsilon))
    },
    mutants: mutants, cases: cases)

  /// RMSprop for one coordinate; `a` is the average of g².
  static let rule: CoordinateRule<RMSpropSettings> = { p, g, a, _, _, s in
    a = s.alpha * a + (1 - s.alpha) * g * g
    p -= s.learningRate * g / (a.squareRoot() + s.epsilon)
  }

  static func cases() -> [CheckCase<Runner>] {
    // By hand, lr = 0.1, α = 0.75, ε = 0, p0 = [1, −1]:
    //   step 1, g = [2, −4]:  s = 0.25·[4, 16] = [1, 4]
    //                         p = [1 − 0.1·2/1, −1 + 0.1·4/2] = [0.8, −0.8]
    //   step 2, g = [1, 2]:   s = 0.75·[1, 4] + 0.25·[1, 4] = [1, 4]
    //                         p = [0.8 − 0.1·1/1, −0.8 − 0.1·2/2] = [0.7, −0.9]
    //   step 3, g = [−1, 2]:  s = 0.75·[1, 4] + 0.25·[1, 4] = [1, 4]
    //                         p = [0.7 + 0.1·1/1, −0.9 − 0.1·2/2] = [0.8, −1]
    let byHand = OptimizerRun.fixedGradients(
      start: Matrix(row: [1, -1]),
      gradients: [Matrix(row: [2, -4]), Matrix(row: [1, 2]), Matrix(row: [-1, 2])])
    let handPath = [[0.8, -0.8], [0.7, -0.9], [0.8, -1]].map { [Matrix(row: $0)] }
    let byDefault = RMSpropSettings(learningRate: 0.1, alpha: 0.99, epsilon: 1e-8)
    return [
      .path(
        byHand, RMSpropSettings(learningRate: 0.1, alpha: 0.75, epsilon: 0), expected: handPath),
      // ε = 0.5 is comparable to √s here, so where ε sits changes every step.
      .path(
        .noisyGradients(seed: 3331, rows: 2, scales: [0.01, 1, 20], steps: 50),
        RMSpropSettings(learningRate: 0.01, alpha: 0.9, epsilon: 0.5), rule: rule),
      .path(
        .testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100), byDefault,
        rule: rule),
      .path(
        .testFunction(.rosenbrock, from: TestFunction.Point(0, 0), steps: 200),
        RMSpropSettings(learningRate: 0.01, alpha: 0.99, epsilon: 1e-8), rule: rule),
      .path(
        .severalShapes(seed: 333, steps: 60),
        RMSpropSettings(learningRate: 0.01, alpha: 0.9, epsilon: 1e-8), rule: rule),
      .path(.zeroGradients(steps: 10), byDefault, rule: rule),
    ]
  }
}
