import NumericsCore

/// AdaGrad: each coordinate's step shrinks with the total squared gradient it has seen;
/// PyTorch's `torch.optim.Adagrad` (without learning-rate decay).
///
/// With weight decay `λ` the gradient first becomes `g ← g + λ·p`. Then, from `s = 0`:
///
/// ```
/// s ← s + g²
/// p ← p − lr · g / (√s + ε)          ε = 1e-10, outside the root
/// ```
///
/// A coordinate with steep, frequent gradients gets a small effective rate, a rarely
/// updated one keeps a large rate. Because `s` only grows, the effective rate
/// `lr/√s` decays like `1/√t` on a steady gradient and training eventually stalls.
///
/// Other formulations:
/// - DLFS: the same rule with ε = 1e-7.
/// - optax (`optax.adagrad`): the accumulator starts at 0.1 (not 0) and ε = 1e-7 sits
///   inside the root, `g / √(s + ε)`.
///
/// Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning and
/// Stochastic Optimization" (JMLR 2011).
public struct AdaGrad: Optimizer {
  /// The step size `lr` (PyTorch's default is 0.01).
  public var learningRate: Double {
    didSet { Check.learningRate("AdaGrad", learningRate) }
  }
  /// `ε` added to `√s`; PyTorch's default 1e-10.
  public let epsilon: Double
  /// The L2 coefficient `λ` added to the gradient as `λ·p`; default 0.
  public let weightDecay: Double

  private struct State: Sendable {
    var sumOfSquares: Matrix
    var step = 0
  }
  private var states = SlotStates<State>()

  /// Creates AdaGrad.
  ///
  /// - Parameters:
  ///   - learningRate: `lr > 0`.
  ///   - epsilon: `ε ≥ 0`; default 1e-10.
  ///   - weightDecay: `λ ≥ 0`; default 0.
  /// - Precondition: the ranges above.
  public init(learningRate: Double, epsilon: Double = 1e-10, weightDecay: Double = 0) {
    Check.learningRate("AdaGrad", learningRate)
    Check.nonNegative("AdaGrad", "epsilon", epsilon)
    Check.nonNegative("AdaGrad", "weight decay", weightDecay)
    self.learningRate = learningRate
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  public func stepCount(slot: Int) -> Int { states.state(slot)?.step ?? 0 }

  public mutating func update(_ parameter: inout Matrix, along gradient: Matrix, slot: Int) {
    checkShapes("AdaGrad", parameter, gradient, slot: slot)
    let (lr, eps, lambda) = (learningRate, epsilon, weightDecay)
    states.withState(slot, makeInitial: { State(sumOfSquares: .zeros(like: parameter)) }) {
      state in
      Check.shape("AdaGrad", state.sumOfSquares, parameter, slot: slot)
      state.step += 1
      parameter.formUpdate(along: gradient, state: &state.sumOfSquares) { p, g, s in
        let g = g + lambda * p
        s += g * g
        p -= lr * g / (s.squareRoot() + eps)
      }
    }
  }
}
