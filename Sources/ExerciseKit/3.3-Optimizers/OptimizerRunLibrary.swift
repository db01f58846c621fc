// The runs the 3.3 checks use: gradients fixed in advance (for the steps worked out by
// hand), the Optimizers module's test functions (long paths), several parameters of
// different shapes with their own state, stochastic-looking gradients of very different
// sizes, and coordinates whose gradient is exactly zero.

import NumericsCore
import Optimizers

extension OptimizerRun {
  /// One parameter whose gradients are given in advance, whatever the parameter does:
  /// the runs worked out by hand.
  static func fixedGradients(start: Matrix, gradients: [Matrix]) -> OptimizerRun {
    let listed = gradients.enumerated().map { "g\($0.offset + 1) = \(formatted($0.element))" }
    return OptimizerRun(
      name: "by hand, \(start.shapeDescription), \(gradients.count) steps",
      input: "p0 = \(formatted(start)), gradients "
        + listed.joined(separator: ", ") + " (given, whatever p is)",
      start: [start], steps: gradients.count,
      gradient: { _, _, step in gradients[step - 1] })
  }

  /// The point `[x, y]` (1 × 2) descending one of the module's test functions.
  static func testFunction(
    _ function: TestFunction, from start: TestFunction.Point, steps: Int
  ) -> OptimizerRun {
    OptimizerRun(
      name: "\(function.displayName), \(steps) steps from "
        + "(\(formatted(start.x)), \(formatted(start.y)))",
      input: "p0 = \(formatted(start.matrix)), gradient of \(function.formula) "
        + "at the current p, \(steps) steps",
      start: [start.matrix], steps: steps,
      gradient: { _, p, _ in function.gradient(p[0, 0], p[0, 1]).matrix })
  }

  /// Four parameters of shapes 3×4, 1×4, 1×1 and 5×1 on separable quadratics
  /// `½ Σ h ⊙ (p − c)²` plus a seeded perturbation of each step's gradient. Parameter 1
  /// is updated only on odd steps, so its state (and its step count) must advance only
  /// then: each parameter keeps its own state.
  static func severalShapes(seed: UInt64, steps: Int) -> OptimizerRun {
    var rng = Xoshiro256StarStar(seed: seed)
    let shapes = [(3, 4), (1, 4), (1, 1), (5, 1)]
    let start = shapes.map { Matrix.normal(rows: $0.0, columns: $0.1, using: &rng) }
    let curvature = shapes.map {
      Matrix.uniform(rows: $0.0, columns: $0.1, in: 0.2, 3, using: &rng)
    }
    let centre = shapes.map {
      Matrix.normal(rows: $0.0, columns: $0.1, standardDeviation: 2, using: &rng)
    }
    let noise = (0..<steps).map { _ in
      shapes.map {
        Matrix.normal(rows: $0.0, columns: $0.1, standardDeviation: 0.3, using: &rng)
      }
    }
    return OptimizerRun(
      name: "4 parameters 3×4, 1×4, 1×1, 5×1 (seed \(seed)), \(steps) steps",
      input: "p0 = \(start.map(formatted).joined(separator: "; ")); gradient of parameter i "
        + "is h_i ⊙ (p_i − c_i) + noise (h in [0.2, 3), seeded); parameter 1 is updated on "
        + "odd steps only, the others on every step",
      start: start, steps: steps,
      gradient: { index, p, step in
        if index == 1 && step % 2 == 0 { return nil }
        return curvature[index] * (p - centre[index]) + noise[step - 1][index]
      })
  }

  /// One `rows × columns` parameter whose gradients are seeded normal draws, column `j`
  /// scaled by `scales[j]`, independent of the parameter: minibatch noise of very
  /// different sizes in different coordinates.
  static func noisyGradients(
    seed: UInt64, rows: Int, scales: [Double], steps: Int
  ) -> OptimizerRun {
    var rng = Xoshiro256StarStar(seed: seed)
    let start = Matrix.normal(rows: rows, columns: scales.count, using: &rng)
    let scaling = Matrix(row: scales)
    let gradients = (0..<steps).map { _ in
      Matrix.normal(rows: rows, columns: scales.count, mean: 0.3, using: &rng) * scaling
    }
    return OptimizerRun(
      name: "noisy gradients \(rows)×\(scales.count) (seed \(seed)), \(steps) steps",
      input: "p0 = \(formatted(start)); gradients are N(0.3, 1) draws, column j scaled by "
        + "[\(scales.map(formatted).joined(separator: ", "))] (seeded, independent of p); first \(formatted(gradients[0]))",
      start: [start], steps: steps,
      gradient: { _, _, step in gradients[step - 1] })
  }

  /// A 2×2 parameter on `p²/2` per coordinate, except that coordinate [0, 1] always gets
  /// gradient exactly 0 and coordinate [1, 0] gets 0 on the first three steps: a
  /// coordinate with zero gradient and zero state must stay where it is (not move, not
  /// become NaN).
  static func zeroGradients(steps: Int) -> OptimizerRun {
    let start: Matrix = [[1.5, -2], [0.5, -1]]
    return OptimizerRun(
      name: "zero gradients 2×2, \(steps) steps",
      input: "p0 = \(formatted(start)); gradient = p, except that element [0, 1] always gets "
        + "0 and element [1, 0] gets 0 on steps 1–3",
      start: [start], steps: steps,
      gradient: { _, p, step in
        var g = p
        g[0, 1] = 0
        if step <= 3 { g[1, 0] = 0 }
        return g
      })
  }
}
