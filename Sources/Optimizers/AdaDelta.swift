import NumericsCore

/// AdaDelta: RMSprop whose step size comes from the recent size of the steps themselves;
/// PyTorch's `torch.optim.Adadelta`.
///
/// With weight decay `λ` the gradient first becomes `g ← g + λ·p`. Then, from `s = u = 0`:
///
/// ```
/// s ← ρ·s + (1 − ρ)·g²                  ρ = 0.9
/// Δ ← √(u + ε) / √(s + ε) · g           ε = 1e-6, inside both roots
/// u ← ρ·u + (1 − ρ)·Δ²
/// p ← p − lr·Δ                          lr = 1
/// ```
///
/// The ratio of two RMS values makes `Δ` carry the units of `p` (Zeiler's motivation),
/// and the paper has no learning rate at all: PyTorch keeps `lr` as a multiplier with
/// default 1. The first steps are tiny: with `u = 0` and `s = (1 − ρ)·g²` the first step is
/// `√ε / √((1 − ρ)·g² + ε) · g ≈ √ε / √(1 − ρ) = 10⁻³ / √0.1 ≈ 3.2·10⁻³` per coordinate
/// (for `g² ≫ ε`), whatever the gradient's size, and the steps grow only as `u`
/// accumulates, so AdaDelta starts slowly on every problem.
///
/// Other formulations:
/// - optax (`optax.adadelta`): the same rule with the same ρ and ε.
/// - The paper uses ρ = 0.95 in its experiments.
///
/// Zeiler, "ADADELTA: An Adaptive Learning Rate Method" (arXiv:1212.5701, 2012).
public struct AdaDelta: Optimizer {
  /// The multiplier `lr` of the step; PyTorch's default 1.
  public var learningRate: Double {
    didSet { Check.learningRate("AdaDelta", learningRate) }
  }
  /// The decay rate `ρ` of both averages; PyTorch's default 0.9.
  public let rho: Double
  /// `ε` inside the roots; PyTorch's default 1e-6.
  public let epsilon: Double
  /// The L2 coefficient `λ` added to the gradient as `λ·p`; default 0.
  public let weightDecay: Double

  private struct State: Sendable {
    var squareAverage: Matrix
    var deltaAverage: Matrix
    var step = 0
  }
  private var states = SlotStates<State>()

  /// Creates AdaDelta.
  ///
  /// - Parameters:
  ///   - learningRate: `lr > 0`; default 1.
  ///   - rho: `ρ` in [0, 1); default 0.9.
  ///   - epsilon: `ε ≥ 0`; default 1e-6.
  ///   - weightDecay: `λ ≥ 0`; default 0.
  /// - Precondition: the ranges above.
  public init(
    learningRate: Double = 1, rho: Double = 0.9, epsilon: Double = 1e-6, weightDecay: Double = 0
  ) {
    Check.learningRate("AdaDelta", learningRate)
    Check.unitInterval("AdaDelta", "rho", rho)
    Check.nonNegative("AdaDelta", "epsilon", epsilon)
    Check.nonNegative("AdaDelta", "weight decay", weightDecay)
    self.learningRate = learningRate
    self.rho = rho
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  public func stepCount(slot: Int) -> Int { states.state(slot)?.step ?? 0 }

  public mutating func update(_ parameter: inout Matrix, along gradient: Matrix, slot: Int) {
    checkShapes("AdaDelta", parameter, gradient, slot: slot)
    let (lr, r, eps, lambda) = (learningRate, rho, epsilon, weightDecay)
    let initial = {
      State(squareAverage: .zeros(like: parameter), deltaAverage: .zeros(like: parameter))
    }
    states.withState(slot, makeInitial: initial) { state in
      Check.shape("AdaDelta", state.squareAverage, parameter, slot: slot)
      state.step += 1
      parameter.formUpdate(along: gradient, state: &state.squareAverage, &state.deltaAverage) {
        p, g, s, u in
        let g = g + lambda * p
        s = r * s + (1 - r) * g * g
        let delta = (u + eps).squareRoot() / (s + eps).squareRoot() * g
        u = r * u + (1 - r) * delta * delta
        p -= lr * delta
      }
    }
  }
}
