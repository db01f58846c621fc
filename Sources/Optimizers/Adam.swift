import NumericsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Adam: momentum on the gradient plus RMSprop's per-coordinate scaling, both with bias
/// correction; PyTorch's `torch.optim.Adam` (without AMSGrad).
///
/// With weight decay `λ` the gradient first becomes `g ← g + λ·p` (an L2 penalty, which
/// Adam then rescales like any other gradient); with `decay: .decoupled` the parameter is
/// shrunk instead, `p ← p·(1 − lr·λ)`, which is ``AdamW`` (one implementation, two modes).
/// Then, from `m = v = 0`:
///
/// ```
/// m ← β1·m + (1 − β1)·g                 β1 = 0.9
/// v ← β2·v + (1 − β2)·g²                β2 = 0.999
/// m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
/// p ← p − lr · m̂ / (√v̂ + ε)            ε = 1e-8, outside the root
/// ```
///
/// Because `m` and `v` start at zero, they are biased towards zero for the first
/// `~1/(1 − β)` steps; dividing by `1 − β^t` removes that bias, so the very first step
/// moves every coordinate by almost exactly `lr` (`m̂/√v̂ = g/|g| = ±1`).
///
/// Other formulations:
/// - DLFS uses the paper's "efficient" form: `lr_t = lr·√(1 − β2^t)/(1 − β1^t)`,
///   `p ← p − lr_t·m/(√v + ε)` with ε = 1e-7. Algebraically this puts the ε inside the
///   correction, `ε·√(1 − β2^t)` in our terms, which matters only while `√v̂` is
///   comparable to ε.
/// - optax (`optax.adam`): the same rule and defaults as here (`eps_root = 0`).
///
/// Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015).
public struct Adam: Optimizer {
  /// How `weightDecay` acts: the only difference between PyTorch's `Adam` and `AdamW`.
  public enum WeightDecay: Sendable, Equatable {
    /// `g ← g + λ·p` before the moments: an L2 penalty, rescaled by `1/√v̂` like the rest
    /// of the gradient (`torch.optim.Adam(weight_decay=λ)`).
    case l2
    /// `p ← p·(1 − lr·λ)` before the step, outside the moments (`torch.optim.AdamW`).
    case decoupled
  }

  /// The step size `lr` (PyTorch's default is 1e-3).
  public var learningRate: Double {
    didSet { Check.learningRate(name, learningRate) }
  }
  /// The decay rate `β1` of the first moment; PyTorch's default 0.9.
  public let beta1: Double
  /// The decay rate `β2` of the second moment; PyTorch's default 0.999.
  public let beta2: Double
  /// `ε` added to `√v̂`; PyTorch's default 1e-8.
  public let epsilon: Double
  /// The weight decay `λ`; PyTorch's default 0 (AdamW's 0.01).
  public let weightDecay: Double
  /// How the decay acts.
  public let decay: WeightDecay

  private var states = SlotStates<MomentState>()

  /// Creates Adam (with `decay: .decoupled`, AdamW).
  ///
  /// - Parameters:
  ///   - learningRate: `lr > 0`.
  ///   - beta1: `β1` in [0, 1); default 0.9.
  ///   - beta2: `β2` in [0, 1); default 0.999.
  ///   - epsilon: `ε ≥ 0`; default 1e-8.
  ///   - weightDecay: `λ ≥ 0`; default 0.
  ///   - decay: `.l2` (Adam's) or `.decoupled` (AdamW's).
  /// - Precondition: the ranges above.
  public init(
    learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0, decay: WeightDecay = .l2
  ) {
    let name = decay == .l2 ? "Adam" : "AdamW"
    Check.learningRate(name, learningRate)
    Check.unitInterval(name, "beta1", beta1)
    Check.unitInterval(name, "beta2", beta2)
    Check.nonNegative(name, "epsilon", epsilon)
    Check.nonNegative(name, "weight decay", weightDecay)
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.decay = decay
  }

  /// `Adam` or `AdamW`, for messages.
  private var name: String { decay == .l2 ? "Adam" : "AdamW" }

  public func stepCount(slot: Int) -> Int { states.state(slot)?.step ?? 0 }

  public mutating func update(_ parameter: inout Matrix, along gradient: Matrix, slot: Int) {
    checkShapes(name, parameter, gradient, slot: slot)
    let name = name
    let (b1, b2, eps) = (beta1, beta2, epsilon)
    let l2 = decay == .l2 ? weightDecay : 0
    let shrink = 1 - learningRate * (decay == .decoupled ? weightDecay : 0)
    let learningRate = learningRate
    states.withState(slot, makeInitial: { MomentState(like: parameter) }) { state in
      Check.shape(name, state.first, parameter, slot: slot)
      state.step += 1
      let t = Double(state.step)
      // PyTorch's arithmetic: step size lr/(1 − β1^t), denominator √v/√(1 − β2^t) + ε.
      // The rule, per element (NumericsCore's kernel, vectorised and split over the cores
      // for large tensors; the same bits as this scalar loop):
      //   p ← p·shrink               AdamW: p·(1 − lr·λ)   Adam: p·1
      //   g ← g + l2·p               Adam:  g + λ·p        AdamW: g + 0
      //   m ← β1·m + (1 − β1)·g
      //   v ← β2·v + (1 − β2)·g·g
      //   p ← p − stepSize·m / (√v / rootCorrection + ε)
      let constants = AdamStepConstants(
        shrink: shrink, l2: l2, beta1: b1, beta2: b2,
        stepSize: learningRate / (1 - pow(b1, t)),
        rootCorrection: (1 - pow(b2, t)).squareRoot(), epsilon: eps)
      parameter.formAdamUpdate(
        along: gradient, first: &state.first, second: &state.second, constants)
    }
  }
}

/// AdamW: Adam with decoupled weight decay; PyTorch's `torch.optim.AdamW`.
///
/// Instead of adding `λ·p` to the gradient (which Adam would then divide by `√v̂`, so
/// parameters with large gradients are barely decayed), AdamW shrinks the parameter
/// directly and runs Adam on the raw gradient:
///
/// ```
/// p ← p · (1 − lr·λ)                    λ = 0.01
/// m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²
/// p ← p − lr · (m/(1 − β1^t)) / (√(v/(1 − β2^t)) + ε)
/// ```
///
/// Every parameter then decays at the same relative rate `lr·λ` per step, whatever its
/// gradient history: the decay is a true weight decay, not an L2 penalty.
///
/// Other formulations:
/// - optax (`optax.adamw`): `p ← p − lr·(adam + λ·p)`, the same update, with default
///   `λ = 1e-4` instead of PyTorch's 0.01.
/// - The paper scales the decay by a schedule multiplier `η_t` but not by `lr`; PyTorch
///   (and this type) multiply by `lr`, so changing the learning rate changes the decay.
///
/// Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019).
public struct AdamW: Optimizer {
  /// The one implementation, with `decay: .decoupled`.
  private var adam: Adam

  /// The step size `lr` (PyTorch's default is 1e-3).
  public var learningRate: Double {
    get { adam.learningRate }
    set { adam.learningRate = newValue }
  }
  /// The decay rate `β1` of the first moment; PyTorch's default 0.9.
  public var beta1: Double { adam.beta1 }
  /// The decay rate `β2` of the second moment; PyTorch's default 0.999.
  public var beta2: Double { adam.beta2 }
  /// `ε` added to `√v̂`; PyTorch's default 1e-8.
  public var epsilon: Double { adam.epsilon }
  /// The decoupled decay `λ`; PyTorch's default 0.01.
  public var weightDecay: Double { adam.weightDecay }

  /// Creates AdamW: `Adam(…, decay: .decoupled)` with PyTorch's AdamW default `λ = 0.01`.
  ///
  /// - Parameters:
  ///   - learningRate: `lr > 0`.
  ///   - beta1: `β1` in [0, 1); default 0.9.
  ///   - beta2: `β2` in [0, 1); default 0.999.
  ///   - epsilon: `ε ≥ 0`; default 1e-8.
  ///   - weightDecay: `λ ≥ 0`; default 0.01.
  /// - Precondition: the ranges above.
  public init(
    learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0.01
  ) {
    adam = Adam(
      learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
      weightDecay: weightDecay, decay: .decoupled)
  }

  public func stepCount(slot: Int) -> Int { adam.stepCount(slot: slot) }

  public mutating func update(_ parameter: inout Matrix, along gradient: Matrix, slot: Int) {
    adam.update(&parameter, along: gradient, slot: slot)
  }
}

/// Adam's per-parameter state: the two moment estimates and the step count `t`.
struct MomentState: Sendable {
  var first: Matrix
  var second: Matrix
  var step = 0

  init(like parameter: Matrix) {
    first = .zeros(like: parameter)
    second = .zeros(like: parameter)
  }
}
