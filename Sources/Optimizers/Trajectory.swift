import NumericsCore

/// The path of an optimizer on a ``TestFunction``: where it went and what it found there.
public struct Trajectory: Sendable, Equatable {
  /// `points[0]` is the start, `points[k]` the point after `k` steps.
  public var points: [TestFunction.Point]
  /// `values[k] = f(points[k])`.
  public var values: [Double]
  /// The step whose result left the finite numbers (the path stops before it), or nil.
  public var divergedAt: Int?

  /// The last finite point.
  public var end: TestFunction.Point { points[points.count - 1] }
  /// The value at the last finite point.
  public var finalValue: Double { values[values.count - 1] }
}

extension TestFunction {
  /// Runs `optimizer` for `steps` steps from `start`, treating the point as one 1 × 2
  /// parameter (slot 0).
  ///
  /// The run stops early when a step produces a non-finite coordinate, gradient or value;
  /// the returned path holds only the finite points and `divergedAt` names the step.
  ///
  /// - Precondition: `steps ≥ 0`.
  public func descend(
    from start: Point, using optimizer: inout some Optimizer, steps: Int
  ) -> Trajectory {
    precondition(steps >= 0, "descend: steps \(steps) must be ≥ 0")
    var point = start.matrix
    var trajectory = Trajectory(points: [start], values: [value(start.x, start.y)])
    trajectory.points.reserveCapacity(steps + 1)
    trajectory.values.reserveCapacity(steps + 1)
    for step in stride(from: 1, through: steps, by: 1) {
      let gradient = gradient(at: point)
      guard gradient.isFinite else {
        trajectory.divergedAt = step
        break
      }
      optimizer.update(&point, along: gradient, slot: 0)
      let next = Point(point[0, 0], point[0, 1])
      let f = value(next.x, next.y)
      guard next.isFinite && f.isFinite else {
        trajectory.divergedAt = step
        break
      }
      trajectory.points.append(next)
      trajectory.values.append(f)
    }
    return trajectory
  }

  /// ``descend(from:using:steps:)`` with an optimizer built from its kind and
  /// hyperparameters.
  public func descend(
    from start: Point, kind: OptimizerKind, hyperparameters: Hyperparameters, steps: Int
  ) -> Trajectory {
    var optimizer = kind.makeOptimizer(hyperparameters)
    return descend(from: start, using: &optimizer, steps: steps)
  }
}

/// The eigenvalues of a symmetric 2 × 2 matrix, smallest first.
///
/// ```
/// λ = (a + c)/2 ∓ √(((a − c)/2)² + b²)      for [[a, b], [b, c]]
/// ```
/// - Precondition: `matrix` is 2 × 2 and symmetric.
public func symmetricEigenvalues(_ matrix: Matrix) -> (smallest: Double, largest: Double) {
  precondition(
    matrix.rows == 2 && matrix.columns == 2,
    "symmetricEigenvalues: expected 2×2, got \(matrix.shapeDescription)")
  let (a, b, c) = (matrix[0, 0], matrix[0, 1], matrix[1, 1])
  precondition(
    b == matrix[1, 0], "symmetricEigenvalues: not symmetric (\(b) ≠ \(matrix[1, 0]))")
  let mean = (a + c) / 2
  let radius = (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
  return (mean - radius, mean + radius)
}

/// The largest learning rate for which gradient descent is stable on a quadratic with
/// Hessian `H`: `2 / λ_max(H)`.
///
/// On `f(p) = ½ pᵀHp` one step is `p ← (I − lr·H) p`, so the component along the
/// eigenvector of `λ` is multiplied by `1 − lr·λ` every step. It shrinks exactly when
/// `|1 − lr·λ| < 1`, i.e. `0 < lr < 2/λ`; the largest eigenvalue sets the limit. At
/// `lr = 2/λ_max` that component flips sign forever without shrinking; beyond it, it grows
/// geometrically. Near a minimum of any smooth function the same holds for its Hessian.
///
/// - Precondition: `H` is 2 × 2, symmetric, with a positive largest eigenvalue.
public func gradientDescentStabilityLimit(hessian: Matrix) -> Double {
  let largest = symmetricEigenvalues(hessian).largest
  precondition(largest > 0, "gradientDescentStabilityLimit: λ_max \(largest) must be positive")
  return 2 / largest
}
