// Exercise 3.3.4: one step of Adam.
//
// Expected paths: three steps worked out by hand (β1 = 0.5, β2 = 0.75, ε = 0: the gradients
// are chosen so every v̂ is a perfect square), and `rule`, the update written out for one
// coordinate, for the long runs. The run with gradients of size 1e-6 to 1e-4 is where ε
// (1e-8, outside the root) is comparable to √v̂, so its place changes the path.

//
// The answer function is the rule for one coordinate with a mistake switch; the trace it
// gives records the parameters and the state after every step, and one run changes the
// learning rate midway.

import Foundation
import NumericsCore
import Optimizers

/// 3.3.4: definition, hints and check table.
public enum AdamExercise {
  enum Mistake: Sendable {
    case noBiasCorrection, countFromZero, momentsLate, epsilonInside, onlyFirstCorrected
  }
  public typealias Runner = OptimizerRunner<AdamSettings>
  public static let stateNames = ["firstMoment", "secondMoment"]

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Runner>.table(
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
    label: "trace",
    solution: { x in
      let s = x.settings
      return try referenceTrace(
        x, Adam(learningRate: s.learningRate, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon))
    },
    answer: { x, mistake in
      let rule: CoordinateRule<AdamSettings> = { p, g, a, b, t, s in
        step(&p, g, &a, &b, t, s, mistake)
      }
      return (try? coordinateRule(rule, stateNames: stateNames, countsSteps: true)(x))
        ?? OptimizerTrace(steps: [], stateNames: stateNames)
    },
    mistakes: [
      MistakeRow(
        .noBiasCorrection, "no bias correction", hint: 2,
        "this steps with m/(√v + ε), without the bias correction m̂ = m/(1 − β1^t), "
          + "v̂ = v/(1 − β2^t): the first steps are (1 − β1)/√(1 − β2) times too long "
          + "(≈ 3.2 for the defaults)"),
      MistakeRow(
        .countFromZero, "bias correction with t starting at 0", hint: 2,
        "this corrects with t = 0 on the first step (the count is used before it is "
          + "incremented, or never incremented): 1 − β^0 = 0, so m̂ and v̂ divide by zero and p "
          + "becomes NaN; increment t first, so the first step has t = 1"),
      MistakeRow(
        .momentsLate, "moments updated after they were used", hint: 2,
        "this steps with the old m and v and updates them afterwards: every step is one "
          + "gradient late and the first step moves nothing"),
      MistakeRow(
        .epsilonInside, "ε inside the root", hint: 2,
        "this divides by √(v̂ + ε); PyTorch's Adam, and this exercise, add ε outside the root: "
          + "√v̂ + ε (the two differ once gradients are as small as √ε = 1e-4)"),
      MistakeRow(
        .onlyFirstCorrected, "only m bias-corrected", hint: 2,
        "this corrects m but not v (m̂/(√v + ε)): the first steps are 1/√(1 − β2) ≈ 32 times "
          + "too long for β2 = 0.999; v̂ = v/(1 − β2^t) too"),
    ],
    rows: rows)

  /// Adam for one coordinate (`a` is m, `b` is v, `t` counts from 1); `mistake` makes it
  /// one of the known mistakes.
  static func step(
    _ p: inout Double, _ g: Double, _ m: inout Double, _ v: inout Double, _ t: Int,
    _ s: AdamSettings, _ mistake: Mistake?
  ) {
    if mistake != .momentsLate {
      m = s.beta1 * m + (1 - s.beta1) * g
      v = s.beta2 * v + (1 - s.beta2) * g * g
    }
    let power = Double(mistake == .countFromZero ? t - 1 : t)
    let mHat = mistake == .noBiasCorrection ? m : m / (1 - pow(s.beta1, power))
    let vHat =
      mistake == .noBiasCorrection || mistake == .onlyFirstCorrected
      ? v : v / (1 - pow(s.beta2, power))
    let denominator =
      mistake == .epsilonInside ? (vHat + s.epsilon).squareRoot() : vHat.squareRoot() + s.epsilon
    p -= s.learningRate * mHat / denominator
    if mistake == .momentsLate {
      m = s.beta1 * m + (1 - s.beta1) * g
      v = s.beta2 * v + (1 - s.beta2) * g * g
    }
  }

  static func rows() -> [Row<OptimizerCase<AdamSettings>, OptimizerTrace>] {
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
    let hand = handTrace(
      parameters: [
        [0.9, -1.1], [0.9 + 0.1 / 3, -1.2], [0.9 + 0.1 / 3 - 0.3 / 7, -1.2 + 0.1 / 7],
      ],
      state: [
        [[1, 0.5], [1, 0.25]], [[-0.5, 0.75], [1.75, 0.4375]],
        [[0.75, -0.125], [2.3125, 0.578125]],
      ], stateNames: stateNames, countsSteps: true)
    let defaults = AdamSettings(learningRate: 0.3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    return [
      pathRow(
        byHand, AdamSettings(learningRate: 0.1, beta1: 0.5, beta2: 0.75, epsilon: 0), byHand: hand),
      // Late in training: gradients of 1e-6 to 1e-4, where √v̂ is comparable to ε = 1e-8.
      pathRow(
        .noisyGradients(seed: 3341, rows: 2, scales: [1e-6, 1e-5, 1e-4], steps: 50),
        AdamSettings(learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)),
      // DLFS's learning rate on its elongated bowl, PyTorch's defaults otherwise.
      pathRow(.testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100), defaults),
      pathRow(
        .testFunction(.rosenbrock, from: TestFunction.Point(0, 0), steps: 200),
        AdamSettings(learningRate: 0.02, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)),
      // Parameter 1 is updated on odd steps only: its t must count its own updates.
      pathRow(
        .severalShapes(seed: 334, steps: 60),
        AdamSettings(learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-8)),
      pathRow(
        .zeroGradients(steps: 10),
        AdamSettings(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)),
      pathRow(
        OptimizerRun.severalShapes(seed: 3349, steps: 40).changingLearningRate(by: 0.1, from: 21),
        AdamSettings(learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)),
    ]
  }
}
