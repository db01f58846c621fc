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
/// Adam then rescales like any other gradient; see ``AdamW`` for the decoupled form).
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
  /// The step size `lr` (PyTorch's default is 1e-3).
  public var learningRate: Double {
    didSet { Check.learningRate("Adam", learningRate) }
  }
  /// The decay rate `β1` of the first moment; PyTorch's default 0.9.
  public let beta1: Double
  /// The decay rate `β2` of the second moment; PyTorch's default 0.999.
  public let beta2: Double
  /// `ε` added to `√v̂`; PyTorch's default 1e-8.
  public let epsilon: Double
  /// The L2 coefficient `λ` added to the gradient as `λ·p`; PyTorch's default 0.
  public let weightDecay: Double

  private var states = SlotStates<MomentState>()

  /// Creates Adam.
  ///
  /// - Parameters:
  ///   - learningRate: `lr > 0`.
  ///   - beta1: `β1` in [0, 1); default 0.9.
  ///   - beta2: `β2` in [0, 1); default 0.999.
  ///   - epsilon: `ε ≥ 0`; default 1e-8.
  ///   - weightDecay: `λ ≥ 0`; default 0.
  /// - Precondition: the ranges above.
  public init(
    learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0
  ) {
    checkAdamHyperparameters("Adam", learningRate, beta1, beta2, epsilon, weightDecay)
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  public func stepCount(slot: Int) -> Int { states.state(slot)?.step ?? 0 }

  public mutating func update(_ parameter: inout Matrix, along gradient: Matrix, slot: Int) {
    checkShapes("Adam", parameter, gradient, slot: slot)
    let rule = AdamRule(
      learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
      l2: weightDecay, decoupled: 0)
    states.withState(slot, makeInitial: { MomentState(like: parameter) }) { state in
      Check.shape("Adam", state.first, parameter, slot: slot)
      rule.apply(to: &parameter, gradient: gradient, state: &state)
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
  /// The step size `lr` (PyTorch's default is 1e-3).
  public var learningRate: Double {
    didSet { Check.learningRate("AdamW", learningRate) }
  }
  /// The decay rate `β1` of the first moment; PyTorch's default 0.9.
  public let beta1: Double
  /// The decay rate `β2` of the second moment; PyTorch's default 0.999.
  public let beta2: Double
  /// `ε` added to `√v̂`; PyTorch's default 1e-8.
  public let epsilon: Double
  /// The decoupled decay `λ`; PyTorch's default 0.01.
  public let weightDecay: Double

  private var states = SlotStates<MomentState>()

  /// Creates AdamW.
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
    checkAdamHyperparameters("AdamW", learningRate, beta1, beta2, epsilon, weightDecay)
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  public func stepCount(slot: Int) -> Int { states.state(slot)?.step ?? 0 }

  public mutating func update(_ parameter: inout Matrix, along gradient: Matrix, slot: Int) {
    checkShapes("AdamW", parameter, gradient, slot: slot)
    let rule = AdamRule(
      learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
      l2: 0, decoupled: weightDecay)
    states.withState(slot, makeInitial: { MomentState(like: parameter) }) { state in
      Check.shape("AdamW", state.first, parameter, slot: slot)
      rule.apply(to: &parameter, gradient: gradient, state: &state)
    }
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

/// The arithmetic of one Adam/AdamW step, shared so the two differ only in the decay.
struct AdamRule {
  let learningRate: Double
  let beta1: Double
  let beta2: Double
  let epsilon: Double
  /// Coupled (L2) decay, added to the gradient: Adam's `weight_decay`.
  let l2: Double
  /// Decoupled decay, applied to the parameter: AdamW's `weight_decay`.
  let decoupled: Double

  func apply(to parameter: inout Matrix, gradient: Matrix, state: inout MomentState) {
    state.step += 1
    let t = Double(state.step)
    // PyTorch's arithmetic: step size lr/(1 − β1^t), denominator √v/√(1 − β2^t) + ε.
    let stepSize = learningRate / (1 - pow(beta1, t))
    let rootCorrection2 = (1 - pow(beta2, t)).squareRoot()
    let shrink = 1 - learningRate * decoupled
    let (b1, b2, eps, l2) = (beta1, beta2, epsilon, l2)
    parameter.withUnsafeMutableElements { p in
      gradient.withUnsafeElements { g in
        state.first.withUnsafeMutableElements { m in
          state.second.withUnsafeMutableElements { v in
            // Two elements at a time (SIMD2 = one SSE2 register): the square root and the
            // division are the slow part, and the compiler does not vectorise the scalar
            // loop by itself. Every element still sees exactly the operations of the
            // scalar rule, in the same order, so the results are bit-for-bit the same.
            let pairs = p.count / 2
            let (pp, gp) = (UnsafeMutableRawPointer(p.baseAddress), UnsafeRawPointer(g.baseAddress))
            let (mp, vp) = (
              UnsafeMutableRawPointer(m.baseAddress), UnsafeMutableRawPointer(v.baseAddress)
            )
            for k in 0..<pairs {
              let o = 16 * k
              var pi = pp!.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self) * shrink
              let gi = gp!.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self) + l2 * pi
              let mi =
                b1 * mp!.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self) + (1 - b1) * gi
              let vi =
                b2 * vp!.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self) + (1 - b2) * gi
                * gi
              pi -= stepSize * mi / (vi.squareRoot() / rootCorrection2 + eps)
              mp!.storeBytes(of: mi, toByteOffset: o, as: SIMD2<Double>.self)
              vp!.storeBytes(of: vi, toByteOffset: o, as: SIMD2<Double>.self)
              pp!.storeBytes(of: pi, toByteOffset: o, as: SIMD2<Double>.self)
            }
            for i in (2 * pairs)..<p.count {
              p[i] *= shrink
              let gi = g[i] + l2 * p[i]
              m[i] = b1 * m[i] + (1 - b1) * gi
              v[i] = b2 * v[i] + (1 - b2) * gi * gi
              p[i] -= stepSize * m[i] / (v[i].squareRoot() / rootCorrection2 + eps)
            }
          }
        }
      }
    }
  }
}

func checkAdamHyperparameters(
  _ name: String, _ learningRate: Double, _ beta1: Double, _ beta2: Double, _ epsilon: Double,
  _ weightDecay: Double
) {
  Check.learningRate(name, learningRate)
  Check.unitInterval(name, "beta1", beta1)
  Check.unitInterval(name, "beta2", beta2)
  Check.nonNegative(name, "epsilon", epsilon)
  Check.nonNegative(name, "weight decay", weightDecay)
}
