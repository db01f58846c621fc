// Exercise 3.3.5: one step of AdaDelta.
//
// Expected paths: two steps worked out by hand (ρ = 0.76 and ε = 0.01 make the first
// step's roots exact), and `rule`, the update written out for one coordinate, for the long
// runs. Several runs use lr ≠ 1, so a rule that drops the learning rate (the paper has
// none) or puts it into u is caught.

//
// The answer function is the rule for one coordinate with a mistake switch; the trace it
// gives records the parameters and the state after every step, and one run changes the
// learning rate midway.

import Foundation
import NumericsCore
import Optimizers

/// 3.3.5: definition, hints and check table.
public enum AdaDeltaExercise {
  enum Mistake: Sendable {
    case deltaAverageNeverUpdated, squareAverageLate, noEpsilonInNumerator, learningRateIgnored,
      appliedStepAveraged
  }
  public typealias Runner = OptimizerRunner<AdaDeltaSettings>
  public static let stateNames = ["squareAverage", "deltaAverage"]

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Runner>.table(
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
    label: "trace",
    solution: { x in
      let s = x.settings
      return try referenceTrace(
        x, AdaDelta(learningRate: s.learningRate, rho: s.rho, epsilon: s.epsilon))
    },
    answer: { x, mistake in
      let rule: CoordinateRule<AdaDeltaSettings> = { p, g, a, b, t, s in
        step(&p, g, &a, &b, t, s, mistake)
      }
      return (try? coordinateRule(rule, stateNames: stateNames)(x))
        ?? OptimizerTrace(steps: [], stateNames: stateNames)
    },
    mistakes: [
      MistakeRow(
        .deltaAverageNeverUpdated, "u never updated", hint: 2,
        "this never updates u (deltaAverage stays 0), so every step is √ε/√(s + ε)·g, about "
          + "10⁻³ of RMSprop's, and the steps never grow: after Δ, u ← ρ·u + (1 − ρ)·Δ²"),
      MistakeRow(
        .squareAverageLate, "s updated after it was used", hint: 2,
        "this computes Δ with the old s and updates s afterwards: the first step is "
          + "√ε/√ε·g = g, a full gradient step, instead of a tiny one"),
      MistakeRow(
        .noEpsilonInNumerator, "no ε in the numerator", hint: 2,
        "this computes Δ = √u/√(s + ε)·g: u starts at 0, so Δ is 0 forever and p never moves; "
          + "ε goes inside both roots, √(u + ε)"),
      MistakeRow(
        .learningRateIgnored, "learning rate ignored", hint: 2,
        "this steps p ← p − Δ, as in the paper, which has no learning rate; PyTorch (and this "
          + "exercise) multiply the step by lr: p ← p − lr·Δ"),
      MistakeRow(
        .appliedStepAveraged, "u averages (lr·Δ)²", hint: 2,
        "this accumulates the applied step, u ← ρ·u + (1 − ρ)·(lr·Δ)²; u averages Δ² itself, "
          + "and lr only scales the move p ← p − lr·Δ"),
    ],
    rows: rows)

  /// AdaDelta for one coordinate (`a` is s, `b` is u); `mistake` makes it one of the
  /// known mistakes.
  static func step(
    _ p: inout Double, _ g: Double, _ sq: inout Double, _ u: inout Double, _ t: Int,
    _ s: AdaDeltaSettings, _ mistake: Mistake?
  ) {
    if mistake != .squareAverageLate { sq = s.rho * sq + (1 - s.rho) * g * g }
    let numerator = mistake == .noEpsilonInNumerator ? u.squareRoot() : (u + s.epsilon).squareRoot()
    let delta = numerator / (sq + s.epsilon).squareRoot() * g
    if mistake == .squareAverageLate { sq = s.rho * sq + (1 - s.rho) * g * g }
    let applied = mistake == .learningRateIgnored ? delta : s.learningRate * delta
    switch mistake {
    case .deltaAverageNeverUpdated: break
    case .appliedStepAveraged: u = s.rho * u + (1 - s.rho) * applied * applied
    default: u = s.rho * u + (1 - s.rho) * delta * delta
    }
    p -= applied
  }

  static func rows() -> [Row<OptimizerCase<AdaDeltaSettings>, OptimizerTrace>] {
    // By hand, lr = 0.5, ρ = 0.76, ε = 0.01, p0 = [1, 2]:
    //   step 1, g = [1, −1]:  s = 0.24·[1, 1] = [0.24, 0.24]
    //                         Δ = √0.01/√(0.24 + 0.01)·g = 0.1/0.5·g = [0.2, −0.2]
    //                         u = 0.24·0.04 = [0.0096, 0.0096]
    //                         p = [1 − 0.5·0.2, 2 + 0.5·0.2] = [0.9, 2.1]
    //   step 2, g = [1, 0]:   s = [0.76·0.24 + 0.24, 0.76·0.24] = [0.4224, 0.1824]
    //                         Δ = [√(0.0096 + 0.01)/√(0.4224 + 0.01)·1, 0] = [0.14/√0.4324, 0]
    //                         u = [0.76·0.0096 + 0.24·0.0196/0.4324, 0.76·0.0096]
    //                         p = [0.9 − 0.07/√0.4324, 2.1]
    let byHand = OptimizerRun.fixedGradients(
      start: Matrix(row: [1, 2]), gradients: [Matrix(row: [1, -1]), Matrix(row: [1, 0])])
    let hand = handTrace(
      parameters: [[0.9, 2.1], [0.9 - 0.07 / 0.4324.squareRoot(), 2.1]],
      state: [
        [[0.24, 0.24], [0.0096, 0.0096]],
        [[0.4224, 0.1824], [0.76 * 0.0096 + 0.24 * 0.0196 / 0.4324, 0.76 * 0.0096]],
      ], stateNames: stateNames)
    let byDefault = AdaDeltaSettings(learningRate: 1, rho: 0.9, epsilon: 1e-6)
    return [
      pathRow(byHand, AdaDeltaSettings(learningRate: 0.5, rho: 0.76, epsilon: 0.01), byHand: hand),
      // lr = 10 makes up for AdaDelta's slow start on the elongated bowl.
      pathRow(
        .testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100),
        AdaDeltaSettings(learningRate: 10, rho: 0.9, epsilon: 1e-6)),
      pathRow(.testFunction(.rosenbrock, from: TestFunction.Point(0, 0), steps: 200), byDefault),
      // The paper's ρ = 0.95.
      pathRow(
        .severalShapes(seed: 335, steps: 60),
        AdaDeltaSettings(learningRate: 2, rho: 0.95, epsilon: 1e-6)),
      pathRow(
        .noisyGradients(seed: 3351, rows: 2, scales: [0.01, 1, 20], steps: 50), byDefault),
      pathRow(.zeroGradients(steps: 10), byDefault),
      pathRow(
        OptimizerRun.severalShapes(seed: 3359, steps: 40).changingLearningRate(by: 0.5, from: 21),
        AdaDeltaSettings(learningRate: 2, rho: 0.9, epsilon: 1e-6)),
    ]
  }
}
