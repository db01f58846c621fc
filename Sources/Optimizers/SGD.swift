import NumericsCore

/// Stochastic gradient descent, with optional momentum (heavy ball) or Nesterov momentum:
/// PyTorch's `torch.optim.SGD`.
///
/// With weight decay `λ` the gradient first becomes `g ← g + λ·p` (an L2 penalty
/// `½λ‖p‖²`). Then, without momentum (`μ = 0`):
///
/// ```
/// p ← p − lr·g
/// ```
///
/// With momentum `μ > 0` and dampening `d`, a buffer `b` accumulates past gradients:
///
/// ```
/// t = 1:  b ← g
/// t > 1:  b ← μ·b + (1 − d)·g
/// p ← p − lr·b                     (heavy ball, Polyak 1964)
/// p ← p − lr·(g + μ·b)             (Nesterov: look one momentum step ahead)
/// ```
///
/// On a long valley the gradient's components along the valley add up step after step
/// while the components across it alternate in sign and cancel, so momentum speeds
/// progress along the valley by up to `1/(1 − μ)` (10× for μ = 0.9).
///
/// Other formulations:
/// - DLFS writes momentum with the learning rate inside the velocity,
///   `v ← μ·v − lr·g` from `v = 0`, `p ← p + v`. With a constant learning rate and
///   `d = 0` this is the same trajectory (`v = −lr·b` after every step); the two differ
///   once the learning rate changes during training.
///   Its `Nesterov` class uses a rearranged update whose steps are not identical to these.
/// - optax (`optax.sgd(lr, momentum, nesterov)`) keeps the trace `b ← g + μ·b` from
///   `b = 0`: PyTorch's rule with `d = 0`. optax has no dampening.
///
/// Nesterov, Y. (1983); Sutskever, Martens, Dahl & Hinton, "On the importance of
/// initialization and momentum in deep learning" (ICML 2013).
public struct SGD: Optimizer {
  /// The step size `lr`.
  public var learningRate: Double {
    didSet { Check.learningRate("SGD", learningRate) }
  }
  /// The momentum factor `μ`; 0 (PyTorch's default) means plain gradient descent.
  public let momentum: Double
  /// The dampening `d` of new gradients in the buffer; PyTorch's default 0.
  public let dampening: Double
  /// Whether to take the Nesterov look-ahead step; PyTorch's default false.
  public let nesterov: Bool
  /// The L2 coefficient `λ` added to the gradient as `λ·p`; PyTorch's default 0.
  public let weightDecay: Double

  private struct State: Sendable {
    var buffer: Matrix
    var step = 0
  }
  private var states = SlotStates<State>()

  /// Creates gradient descent, optionally with momentum.
  ///
  /// - Parameters:
  ///   - learningRate: `lr > 0`.
  ///   - momentum: `μ` in [0, 1); default 0.
  ///   - dampening: `d` in [0, 1); default 0.
  ///   - nesterov: Nesterov momentum; default false.
  ///   - weightDecay: `λ ≥ 0`; default 0.
  /// - Precondition: the ranges above; Nesterov needs `μ > 0` and `d = 0` (as in PyTorch).
  public init(
    learningRate: Double, momentum: Double = 0, dampening: Double = 0, nesterov: Bool = false,
    weightDecay: Double = 0
  ) {
    Check.learningRate("SGD", learningRate)
    Check.unitInterval("SGD", "momentum", momentum)
    Check.unitInterval("SGD", "dampening", dampening)
    Check.nonNegative("SGD", "weight decay", weightDecay)
    precondition(
      !nesterov || (momentum > 0 && dampening == 0),
      "SGD: Nesterov momentum needs momentum > 0 and dampening 0 (got momentum \(momentum), "
        + "dampening \(dampening))")
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.nesterov = nesterov
    self.weightDecay = weightDecay
  }

  public func stepCount(slot: Int) -> Int { states.state(slot)?.step ?? 0 }

  public mutating func update(_ parameter: inout Matrix, along gradient: Matrix, slot: Int) {
    checkShapes("SGD", parameter, gradient, slot: slot)
    let (lr, mu, d, lambda, nesterov) = (
      learningRate, momentum, dampening, weightDecay, nesterov
    )
    // Without momentum there is no buffer to keep: an empty one saves a parameter-sized
    // allocation per slot.
    let initial = {
      State(buffer: mu == 0 ? Matrix.zeros(rows: 0, columns: 0) : .zeros(like: parameter))
    }
    states.withState(slot, makeInitial: initial) { state in
      if mu != 0 { Check.shape("SGD", state.buffer, parameter, slot: slot) }
      state.step += 1
      let first = state.step == 1
      guard parameter.count > 0 else { return }
      if mu == 0 {
        // p ← p − lr·(g + λ·p), in NumericsCore's vectorised kernel (split over the cores
        // for large tensors; the bits of the scalar rule).
        parameter.formSGDUpdate(along: gradient, learningRate: lr, weightDecay: lambda)
        return
      }
      parameter.formUpdate(along: gradient, state: &state.buffer) { p, g, b in
        let g = g + lambda * p
        b = first ? g : mu * b + (1 - d) * g
        p -= lr * (nesterov ? g + mu * b : b)
      }
    }
  }

  /// Without momentum the step is folded into the product that forms the gradient
  /// (`formSGDUpdate(alongProductOf:…)`: the same bits as forming it and calling `update`);
  /// with momentum the gradient is formed first.
  public mutating func update(
    _ parameter: inout Matrix, alongProductOf a: Matrix, _ b: Matrix, transposeA: Bool,
    slot: Int
  ) {
    guard momentum == 0 else {
      update(&parameter, along: matmul(a, b, transposeA: transposeA), slot: slot)
      return
    }
    precondition(slot >= 0, "SGD.update: slot \(slot) must be ≥ 0")
    let (lr, lambda) = (learningRate, weightDecay)
    states.withState(slot, makeInitial: { State(buffer: Matrix.zeros(rows: 0, columns: 0)) }) {
      state in
      state.step += 1
      guard parameter.count > 0 else { return }
      parameter.formSGDUpdate(
        alongProductOf: a, b, transposeA: transposeA, learningRate: lr, weightDecay: lambda)
    }
  }
}
