// Exercise 3.3.1: one step of SGD with momentum (heavy ball).
//
// Expected paths: three steps worked out by hand, and `rule`, the update written out for
// one coordinate, for the long runs (the elongated bowl, Rosenbrock, four parameters of
// different shapes, noisy gradients, zero gradients).

//
// The answer function is the rule for one coordinate with a mistake switch; the trace it
// gives records the parameters and the state after every step, and one run changes the
// learning rate midway.

import Foundation
import NumericsCore
import Optimizers

/// 3.3.1: definition, hints and check table.
public enum MomentumExercise {
  enum Mistake: Sendable { case signFlipped, bufferLate, damped, notStored, velocity }
  public typealias Runner = OptimizerRunner<MomentumSettings>
  public static let stateNames = ["buffer"]

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Runner>.table(
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
    label: "trace",
    solution: { x in
      try referenceTrace(
        x, SGD(learningRate: x.settings.learningRate, momentum: x.settings.momentum))
    },
    answer: { x, mistake in
      let rule: CoordinateRule<MomentumSettings> = { p, g, a, b, t, s in
        step(&p, g, &a, &b, t, s, mistake)
      }
      return (try? coordinateRule(rule, stateNames: stateNames)(x))
        ?? OptimizerTrace(steps: [], stateNames: stateNames)
    },
    mistakes: [
      MistakeRow(
        .signFlipped, "momentum sign flipped", hint: 2,
        "this subtracts the gradient in the buffer (b ← μ·b − g) and then subtracts the buffer "
          + "again (p ← p − lr·b), so the parameter climbs uphill: it mixes the velocity "
          + "convention (v ← μ·v − lr·g, p ← p + v) with PyTorch's"),
      MistakeRow(
        .bufferLate, "buffer updated after it was used", hint: 2,
        "this steps with the old buffer and updates it afterwards (p ← p − lr·b, then "
          + "b ← μ·b + g): every step is one gradient late and the first step moves nothing"),
      MistakeRow(
        .damped, "gradient damped by 1 − μ", hint: 2,
        "this averages the gradient into the buffer, b ← μ·b + (1 − μ)·g, as Adam does for m; "
          + "heavy-ball momentum adds the whole gradient, b ← μ·b + g"),
      MistakeRow(
        .notStored, "buffer not stored", hint: 1,
        "this computes μ·b + g but never writes it back into `buffer`, so b stays 0 and every "
          + "step is plain gradient descent p ← p − lr·g"),
      MistakeRow(
        .velocity, "DLFS velocity in the buffer", hint: 2,
        "this keeps DLFS's velocity v ← μ·v − lr·g in `buffer` and steps p ← p + v: the path "
          + "is PyTorch's only while lr is constant (v = −lr·b); when the rate changes, the old "
          + "velocity carries the old rate. Keep b ← μ·b + g and step p ← p − lr·b"),
    ],
    rows: rows)

  /// b ← μ·b + g, then p ← p − lr·b, for one coordinate (`a` is b); `mistake` makes it
  /// one of the known mistakes.
  static func step(
    _ p: inout Double, _ g: Double, _ b: inout Double, _ unused: inout Double, _ t: Int,
    _ s: MomentumSettings, _ mistake: Mistake?
  ) {
    switch mistake {
    case nil: b = s.momentum * b + g
    case .signFlipped: b = s.momentum * b - g
    case .bufferLate: p -= s.learningRate * b
    case .damped: b = s.momentum * b + (1 - s.momentum) * g
    case .notStored: p -= s.learningRate * (s.momentum * b + g)
    case .velocity:
      b = s.momentum * b - s.learningRate * g
      p += b
    }
    switch mistake {
    case .bufferLate: b = s.momentum * b + g
    case .notStored, .velocity: break
    default: p -= s.learningRate * b
    }
  }

  static func rows() -> [Row<OptimizerCase<MomentumSettings>, OptimizerTrace>] {
    // By hand, lr = 0.1, μ = 0.9, p0 = [1, −2]:
    //   step 1, g = [2, −1]:  b = [2, −1]                          p = [0.8, −1.9]
    //   step 2, g = [2, 1]:   b = [1.8 + 2, −0.9 + 1] = [3.8, 0.1]  p = [0.42, −1.91]
    //   step 3, g = [−1, 0.5]: b = [3.42 − 1, 0.09 + 0.5] = [2.42, 0.59]
    //                         p = [0.42 − 0.242, −1.91 − 0.059] = [0.178, −1.969]
    let byHand = OptimizerRun.fixedGradients(
      start: Matrix(row: [1, -2]),
      gradients: [Matrix(row: [2, -1]), Matrix(row: [2, 1]), Matrix(row: [-1, 0.5])])
    let standard = MomentumSettings(learningRate: 0.1, momentum: 0.9)
    return [
      pathRow(
        byHand, standard,
        byHand: handTrace(
          parameters: [[0.8, -1.9], [0.42, -1.91], [0.178, -1.969]],
          state: [[[2, -1]], [[3.8, 0.1]], [[2.42, 0.59]]], stateNames: stateNames)),
      // DLFS's settings on its elongated bowl: the path overshoots across the valley.
      pathRow(.testFunction(.quadratic, from: TestFunction.Point(-7, 2), steps: 100), standard),
      // lr 0.002 is below the heavy ball's limit 2(1 + μ)/λ_max ≈ 0.0038 at the minimum.
      pathRow(
        .testFunction(.rosenbrock, from: TestFunction.Point(-1.5, 2), steps: 200),
        MomentumSettings(learningRate: 0.002, momentum: 0.9)),
      pathRow(
        .severalShapes(seed: 331, steps: 60), MomentumSettings(learningRate: 0.05, momentum: 0.8)),
      pathRow(
        .noisyGradients(seed: 3311, rows: 2, scales: [0.01, 1, 20], steps: 50),
        MomentumSettings(learningRate: 0.01, momentum: 0.5)),
      pathRow(.zeroGradients(steps: 10), standard),
      // A schedule: lr drops tenfold at step 21, and the buffer carries over.
      pathRow(
        OptimizerRun.severalShapes(seed: 3319, steps: 40).changingLearningRate(by: 0.1, from: 21),
        MomentumSettings(learningRate: 0.05, momentum: 0.9)),
    ]
  }
}
