// Exercise 3.3.2: one step of AdaGrad.
//
// Expected paths: three steps worked out by hand (ε = 0, so the numbers are exact), and
// `rule`, the update written out for one coordinate, for the long runs. The noisy run
// uses ε = 0.5, where the place of ε (outside the root) changes every step.

//
// The answer function is the rule for one coordinate with a mistake switch; the trace it
// gives records the parameters and the state after every step, and one run changes the
// learning rate midway.

import Foundation
import NumericsCore
import Optimizers

/// 3.3.2: definition, hints and check table.
public enum AdaGradExercise {
  enum Mistake: Sendable { case epsilonInside, sumLate, noRoot, notAccumulated, rootStored }
  public typealias Runner = OptimizerRunner<AdaGradSettings>
  public static let stateNames = ["sumOfSquares"]

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Runner>.table(
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
    label: "trace",
    solution: { x in
      try referenceTrace(
        x, AdaGrad(learningRate: x.settings.learningRate, epsilon: x.settings.epsilon))
    },
    answer: { x, mistake in
      let rule: CoordinateRule<AdaGradSettings> = { p, g, a, b, t, s in
        step(&p, g, &a, &b, t, s, mistake)
      }
      return (try? coordinateRule(rule, stateNames: stateNames)(x))
        ?? OptimizerTrace(steps: [], stateNames: stateNames)
    },
    mistakes: [
      MistakeRow(
        .epsilonInside, "ε inside the root", hint: 2,
        "this divides by √(s + ε) (optax's convention); PyTorch's AdaGrad, and this exercise, "
          + "add ε outside the root: √s + ε"),
      MistakeRow(
        .sumLate, "sum updated after it was used", hint: 2,
        "this divides by the old sum and adds g² afterwards: the first step divides by ε "
          + "alone (s = 0) and jumps by lr·g/ε"),
      MistakeRow(
        .noRoot, "no square root", hint: 2,
        "this divides by s + ε instead of √s + ε: the step then shrinks like 1/t instead of "
          + "1/√t and has the wrong units"),
      MistakeRow(
        .notAccumulated, "squares not accumulated", hint: 1,
        "this sets s ← g² instead of adding to it (s ← s + g²): every step is then lr·sign(g), "
          + "and the rate never decays"),
      MistakeRow(
        .rootStored, "√s kept in sumOfSquares", hint: 1,
        "this keeps √(Σ g²) in sumOfSquares instead of the sum Σ g² itself: the steps are "
          + "the same, but the state is not what the doc comment (and a resumed run) says"),
    ],
    rows: rows)

  /// s ← s + g², then p ← p − lr·g/(√s + ε), for one coordinate (`a` is s); `mistake`
  /// makes it one of the known mistakes.
  static func step(
    _ p: inout Double, _ g: Double, _ a: inout Double, _ unused: inout Double, _ t: Int,
    _ s: AdaGradSettings, _ mistake: Mistake?
  ) {
    let lr = s.learningRate
    switch mistake {
    case nil:
      a += g * g
      p -= lr * g / (a.squareRoot() + s.epsilon)
    case .epsilonInside:
      a += g * g
      p -= lr * g / (a + s.epsilon).squareRoot()
    case .sumLate:
      p -= lr * g / (a.squareRoot() + s.epsilon)
      a += g * g
    case .noRoot:
      a += g * g
      p -= lr * g / (a + s.epsilon)
    case .notAccumulated:
      a = g * g
      p -= lr * g / (a.squareRoot() + s.epsilon)
    case .rootStored:
      a = (a * a + g * g).squareRoot()
      p -= lr * g / (a + s.epsilon)
    }
  }

  static func rows() -> [Row<OptimizerCase<AdaGradSettings>, OptimizerTrace>] {
    // By hand, lr = 0.5, ε = 0, p0 = [1, −1]:
    //   step 1, g = [3, −4]:  s = [9, 16]    p = [1 − 0.5·3/3, −1 + 0.5·4/4] = [0.5, −0.5]
    //   step 2, g = [4, 3]:   s = [25, 25]   p = [0.5 − 0.5·4/5, −0.5 − 0.5·3/5] = [0.1, −0.8]
    //   step 3, g = [0, 12]:  s = [25, 169]  p = [0.1, −0.8 − 0.5·12/13] = [0.1, −0.8 − 6/13]
    let byHand = OptimizerRun.fixedGradients(
      start: Matrix(row: [1, -1]),
      gradients: [Matrix(row: [3, -4]), Matrix(row: [4, 3]), Matrix(row: [0, 12])])
    let byDefault = AdaGradSettings(learningRate: 1.5, epsilon: 1e-10)
    return [
      pathRow(
        byHand, AdaGradSettings(learningRate: 0.5, epsilon: 0),
        byHand: handTrace(
          parameters: [[0.5, -0.5], [0.1, -0.8], [0.1, -0.8 - 6.0 / 13]],
          state: [[[9, 16]], [[25, 25]], [[25, 169]]], stateNames: stateNames)),
      // ε = 0.5 is comparable to √s here, so where ε sits changes every step.
      pathRow(
        .noisyGradients(seed: 3321, rows: 2, scales: [0.01, 1, 20], steps: 50),
        AdaGradSettings(learningRate: 0.1, epsilon: 0.5)),
      // DLFS's learning rate on its elongated bowl.
      pathRow(.testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100), byDefault),
      pathRow(
        .testFunction(.rosenbrock, from: TestFunction.Point(-1.5, 2), steps: 200),
        AdaGradSettings(learningRate: 0.3, epsilon: 1e-10)),
      pathRow(
        .severalShapes(seed: 332, steps: 60), AdaGradSettings(learningRate: 0.5, epsilon: 1e-10)),
      pathRow(.zeroGradients(steps: 10), byDefault),
      pathRow(
        OptimizerRun.severalShapes(seed: 3329, steps: 40).changingLearningRate(by: 0.1, from: 21),
        AdaGradSettings(learningRate: 0.5, epsilon: 1e-10)),
    ]
  }
}
