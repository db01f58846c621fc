// Exercise 3.3.3: one step of RMSprop.
//
// Expected paths: three steps worked out by hand (α = 0.75 and ε = 0, so every root is
// exact), and `rule`, the update written out for one coordinate, for the long runs. The
// noisy run uses ε = 0.5, where the place of ε (outside the root) changes every step.

//
// The answer function is the rule for one coordinate with a mistake switch; the trace it
// gives records the parameters and the state after every step, and one run changes the
// learning rate midway.

import Foundation
import NumericsCore
import Optimizers

/// 3.3.3: definition, hints and check table.
public enum RMSpropExercise {
  enum Mistake: Sendable { case gradientNotSquared, alphaSwapped, epsilonInside, averageLate }
  public typealias Runner = OptimizerRunner<RMSpropSettings>
  public static let stateNames = ["squareAverage"]

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Runner>.table(
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
    label: "trace",
    solution: { x in
      try referenceTrace(
        x,
        RMSprop(
          learningRate: x.settings.learningRate, alpha: x.settings.alpha,
          epsilon: x.settings.epsilon))
    },
    answer: { x, mistake in
      let rule: CoordinateRule<RMSpropSettings> = { p, g, a, b, t, s in
        step(&p, g, &a, &b, t, s, mistake)
      }
      return (try? coordinateRule(rule, stateNames: stateNames)(x))
        ?? OptimizerTrace(steps: [], stateNames: stateNames)
    },
    mistakes: [
      MistakeRow(
        .gradientNotSquared, "g instead of g²", hint: 2,
        "this averages the gradient g instead of its square g² (s ← α·s + (1 − α)·g): s goes "
          + "negative and √s is NaN"),
      MistakeRow(
        .alphaSwapped, "α and 1 − α swapped", hint: 2,
        "this keeps 1 − α of the old average and adds α·g² (s ← (1 − α)·s + α·g²): α is the "
          + "share of the PAST, s ← α·s + (1 − α)·g²"),
      MistakeRow(
        .epsilonInside, "ε inside the root", hint: 2,
        "this divides by √(s + ε) (optax's convention); PyTorch's RMSprop, and this exercise, "
          + "add ε outside the root: √s + ε"),
      MistakeRow(
        .averageLate, "average updated after it was used", hint: 2,
        "this divides by the old average and updates it afterwards: the first step divides "
          + "by ε alone (s = 0) and jumps by lr·g/ε"),
    ],
    rows: rows)

  /// s ← α·s + (1 − α)·g², then p ← p − lr·g/(√s + ε), for one coordinate (`a` is s);
  /// `mistake` makes it one of the known mistakes.
  static func step(
    _ p: inout Double, _ g: Double, _ a: inout Double, _ unused: inout Double, _ t: Int,
    _ s: RMSpropSettings, _ mistake: Mistake?
  ) {
    let update = { (a: Double) -> Double in
      switch mistake {
      case .gradientNotSquared: s.alpha * a + (1 - s.alpha) * g
      case .alphaSwapped: (1 - s.alpha) * a + s.alpha * g * g
      default: s.alpha * a + (1 - s.alpha) * g * g
      }
    }
    if mistake != .averageLate { a = update(a) }
    let denominator =
      mistake == .epsilonInside ? (a + s.epsilon).squareRoot() : a.squareRoot() + s.epsilon
    p -= s.learningRate * g / denominator
    if mistake == .averageLate { a = update(a) }
  }

  static func rows() -> [Row<OptimizerCase<RMSpropSettings>, OptimizerTrace>] {
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
    let byDefault = RMSpropSettings(learningRate: 0.1, alpha: 0.99, epsilon: 1e-8)
    return [
      pathRow(
        byHand, RMSpropSettings(learningRate: 0.1, alpha: 0.75, epsilon: 0),
        byHand: handTrace(
          parameters: [[0.8, -0.8], [0.7, -0.9], [0.8, -1]],
          state: [[[1, 4]], [[1, 4]], [[1, 4]]], stateNames: stateNames)),
      // ε = 0.5 is comparable to √s here, so where ε sits changes every step.
      pathRow(
        .noisyGradients(seed: 3331, rows: 2, scales: [0.01, 1, 20], steps: 50),
        RMSpropSettings(learningRate: 0.01, alpha: 0.9, epsilon: 0.5)),
      pathRow(.testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100), byDefault),
      pathRow(
        .testFunction(.rosenbrock, from: TestFunction.Point(0, 0), steps: 200),
        RMSpropSettings(learningRate: 0.01, alpha: 0.99, epsilon: 1e-8)),
      pathRow(
        .severalShapes(seed: 333, steps: 60),
        RMSpropSettings(learningRate: 0.01, alpha: 0.9, epsilon: 1e-8)),
      pathRow(.zeroGradients(steps: 10), byDefault),
      pathRow(
        OptimizerRun.severalShapes(seed: 3339, steps: 40).changingLearningRate(by: 0.1, from: 21),
        RMSpropSettings(learningRate: 0.01, alpha: 0.9, epsilon: 1e-8)),
    ]
  }
}
