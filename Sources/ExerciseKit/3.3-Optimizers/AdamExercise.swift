// Exercise 3.3.4: one step of Adam.
//
// Expected paths: three steps worked out by hand (β1 = 0.5, β2 = 0.75, ε = 0: the gradients
// are chosen so every v̂ is a perfect square), and `rule`, the update written out for one
// coordinate, for the long runs. The run with gradients of size 1e-6 to 1e-4 is where ε
// (1e-8, outside the root) is comparable to √v̂, so its place changes the path.

import Exercises
import Foundation
import NumericsCore
import Optimizers

/// 3.3.4: definition, hints and check cases.
enum AdamExercise {
  typealias Runner = OptimizerRunner<AdamSettings>

  static let definition = ExerciseDefinition<Runner>(
    id: "3.3.4", title: "Adam (one step)",
    stub: "Exercises/3.3-optimizers/AdamStep.swift",
    reference: "Sources/Optimizers/Adam.swift (Adam.update and AdamRule.apply)",
    hints: [
      """
      Start with the step count: step += 1, so the first call uses t = 1. Then the two \
      moving averages, element by element: m ← β1·m + (1 − β1)·g and v ← β2·v + (1 − β2)·g², \
      written back into firstMoment and secondMoment. Then the bias-corrected m̂ and v̂, \
      and p ← p − lr·m̂/(√v̂ + ε).
      """,
      """
      The bias correction divides m by 1 − β1^t and v by 1 − β2^t, both, with the t of THIS \
      step (t = 1 first: with t = 0, 1 − β^0 = 0 and you divide by zero). Without it the \
      first step is (1 − β1)/√(1 − β2) ≈ 3.2 times too long for the defaults. Update m and \
      v BEFORE using them, and add ε OUTSIDE the root: √v̂ + ε, not √(v̂ + ε).
      """,
      """
      Nearly the answer:
          step += 1
          let t = Double(step)
          firstMoment = beta1 * firstMoment + (1 - beta1) * gradient
          secondMoment = beta2 * secondMoment + (1 - beta2) * gradient * gradient
          let mHat = firstMoment / (1 - pow(beta1, t))
          let vHat = secondMoment / (1 - pow(beta2, t))
          parameter -= learningRate * mHat / (vHat.map { $0.squareRoot() } + epsilon)
      """,
    ],
    student: { run, s in
      var first = run.start.map { Matrix.zeros(like: $0) }
      var second = first
      var counts = [Int](repeating: 0, count: run.start.count)
      return try run.drive { p, g, i in
        try Exercises.adamStep(
          parameter: &p, gradient: g, firstMoment: &first[i], secondMoment: &second[i],
          step: &counts[i], learningRate: s.learningRate, beta1: s.beta1, beta2: s.beta2,
          epsilon: s.epsilon)
      }
    },
    solution: { run, s in
      try referencePath(
        run,
        Adam(learningRate: s.learningRate, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon))
    },
    mutants: mutants, cases: cases)

  /// Adam for one coordinate; `a` is m, `b` is v, `t` counts from 1.
  static let rule: CoordinateRule<AdamSettings> = { p, g, m, v, t, s in
    m = s.beta1 * m + (1 - s.beta1) * g
    v = s.beta2 * v + (1 - s.beta2) * g * g
    let mHat = m / (1 - pow(s.beta1, Double(t)))
    let vHat = v / (1 - pow(s.beta2, Double(t)))
    p -= s.learningRate * mHat / (vHat.squareRoot() + s.epsilon)
  }

  static func cases() -> [CheckCase<Runner>] {
    // By hand, lr = 0.1, β1 = 0.5, β2 = 0.75, ε = 0, p0 = [1, −1]; 1 − β1^t = 0.5, 0.75,
    // 0.875 and 1 − β2^t = 0.25, 0.4375, 0.578125 for t = 1, 2, 3:
    //   t = 1, g = [2, 1]:   m = [1, 0.5]          v = [1, 0.25]
    //                        m̂ = [2, 1]  v̂ = [4, 1]  p = [1 − 0.1·2/2, −1 − 0.1·1/1] = [0.9, −1.1]
    //   t = 2, g = [−2, 1]:  m = [0.5 − 1, 0.25 + 0.5] = [−0.5, 0.75]
    //                        v = [0.75 + 1, 0.1875 + 0.25] = [1.75, 0.4375]
    //                        m̂ = [−2/3, 1]  v̂ = [4, 1]  p = [0.9 + 0.1/3, −1.2]
    //   t = 3, g = [2, −1]:  m = [−0.25 + 1, 0.375 − 0.5] = [0.75, −0.125]
    //                        v = [1.3125 + 1, 0.328125 + 0.25] = [2.3125, 0.578125]
    //                        m̂ = [6/7, −1/7]  v̂ = [4, 1]  p = [0.9 + 0.1/3 − 0.3/7, −1.2 + 0.1/7]
    let byHand = OptimizerRun.fixedGradients(
      start: Matrix(row: [1, -1]),
      gradients: [Matrix(row: [2, 1]), Matrix(row: [-2, 1]), Matrix(row: [2, -1])])
    let handPath = [
      [0.9, -1.1], [0.9 + 0.1 / 3, -1.2], [0.9 + 0.1 / 3 - 0.3 / 7, -1.2 + 0.1 / 7],
    ].map { [Matrix(row: $0)] }
    return [
      .path(
        byHand, AdamSettings(learningRate: 0.1, beta1: 0.5, beta2: 0.75, epsilon: 0),
        expected: handPath),
      // Late in training: gradients of 1e-6 to 1e-4, where √v̂ is comparable to ε = 1e-8.
      .path(
        .noisyGradients(seed: 3341, rows: 2, scales: [1e-6, 1e-5, 1e-4], steps: 50),
        AdamSettings(learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), rule: rule),
      // DLFS's learning rate on its elongated bowl, PyTorch's defaults otherwise.
      .path(
        .testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100),
        AdamSettings(learningRate: 0.3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), rule: rule),
      .path(
        .testFunction(.rosenbrock, from: TestFunction.Point(0, 0), steps: 200),
        AdamSettings(learningRate: 0.02, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), rule: rule),
      // Parameter 1 is updated on odd steps only: its t must count its own updates.
      .path(
        .severalShapes(seed: 334, steps: 60),
        AdamSettings(learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-8), rule: rule),
      .path(
        .zeroGradients(steps: 10),
        AdamSettings(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), rule: rule),
    ]
  }
}
