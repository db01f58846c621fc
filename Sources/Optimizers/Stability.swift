import NumericsCore

/// Locates, by bisection, the learning rate at which an optimizer stops converging on a
/// test function: the measured counterpart of ``gradientDescentStabilityLimit(hessian:)``.
///
/// A run "diverges" when its value after `steps` steps exceeds its starting value (or
/// leaves the finite numbers). The search assumes runs converge at `bracket.lowerBound`
/// and diverge at `bracket.upperBound`, and halves the bracket until it is narrower than
/// `tolerance`.
///
/// For gradient descent on a quadratic the answer is `2/λ_max` (0.5 on the
/// ill-conditioned bowl); for heavy-ball momentum `μ` it is `2(1 + μ)/λ_max`, because the
/// recurrence `p_{k+1} = p_k − lr·λ·p_k + μ(p_k − p_{k−1})` is stable exactly when
/// `0 < lr·λ < 2(1 + μ)`.
///
/// - Parameters:
///   - function: the test function.
///   - start: where every run starts.
///   - steps: how many steps a run takes; more steps sharpen the boundary.
///   - bracket: a converging and a diverging learning rate.
///   - tolerance: the width at which to stop.
///   - makeOptimizer: builds a fresh optimizer with the given learning rate.
/// - Returns: the midpoint of the final bracket.
/// - Precondition: `steps > 0`, `0 < bracket.lowerBound < bracket.upperBound`,
///   `tolerance > 0`, and the bracket's ends behave as assumed.
public func measuredStabilityLimit(
  on function: TestFunction, from start: TestFunction.Point, steps: Int,
  bracket: ClosedRange<Double>, tolerance: Double = 1e-4,
  makeOptimizer: (Double) -> any Optimizer
) -> Double {
  precondition(steps > 0, "measuredStabilityLimit: steps \(steps) must be positive")
  precondition(
    bracket.lowerBound > 0 && bracket.lowerBound < bracket.upperBound,
    "measuredStabilityLimit: bracket \(bracket) must be positive and non-empty")
  precondition(tolerance > 0, "measuredStabilityLimit: tolerance \(tolerance) must be positive")
  let initial = function.value(start.x, start.y)
  func diverges(_ learningRate: Double) -> Bool {
    var optimizer = makeOptimizer(learningRate)
    let path = function.descend(from: start, using: &optimizer, steps: steps)
    return path.divergedAt != nil || path.finalValue > initial
  }
  var (low, high) = (bracket.lowerBound, bracket.upperBound)
  precondition(!diverges(low), "measuredStabilityLimit: already diverges at \(low)")
  precondition(diverges(high), "measuredStabilityLimit: still converges at \(high)")
  while high - low > tolerance {
    let middle = (low + high) / 2
    if diverges(middle) { high = middle } else { low = middle }
  }
  return (low + high) / 2
}
