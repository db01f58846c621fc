import NumericsCore

/// RMSprop: AdaGrad with a leaky average of squared gradients, so old gradients fade;
/// PyTorch's `torch.optim.RMSprop`.
///
/// With weight decay `λ` the gradient first becomes `g ← g + λ·p`. Then, from `s = 0`:
///
/// ```
/// s ← α·s + (1 − α)·g²                      α = 0.99
/// centered:  a ← α·a + (1 − α)·g,  s̃ = s − a²   (else s̃ = s)
/// u ← g / (√s̃ + ε)                          ε = 1e-8, outside the root
/// no momentum:  p ← p − lr·u
/// momentum μ:   b ← μ·b + u,  p ← p − lr·b
/// ```
///
/// `√s` estimates the typical size of recent gradients, so `u` has roughly unit size in
/// every coordinate: a steep direction and a shallow one move at similar speeds. Unlike
/// AdaGrad's sum, the average forgets, so the step does not shrink to zero.
///
/// Other formulations:
/// - DLFS: `α = 0.99` and ε = 1e-7, no momentum.
/// - optax (`optax.rmsprop`): decay 0.9 by default and ε inside the root,
///   `g / √(s + ε)`.
/// - Keras: `rho = 0.9`, ε = 1e-7.
///
/// Tieleman & Hinton, "Lecture 6.5 — RMSprop", COURSERA: Neural Networks for Machine
/// Learning (2012); centered variant: Graves, "Generating Sequences With Recurrent Neural
/// Networks" (2013).
public struct RMSprop: Optimizer {
  /// The step size `lr` (PyTorch's default is 0.01).
  public var learningRate: Double {
    didSet { Check.learningRate("RMSprop", learningRate) }
  }
  /// The smoothing constant `α`; PyTorch's default 0.99.
  public let alpha: Double
  /// `ε` added to the root; PyTorch's default 1e-8.
  public let epsilon: Double
  /// The momentum factor `μ`; default 0.
  public let momentum: Double
  /// Whether to divide by the estimated standard deviation instead of the RMS; default false.
  public let centered: Bool
  /// The L2 coefficient `λ` added to the gradient as `λ·p`; default 0.
  public let weightDecay: Double

  private struct State: Sendable {
    var squareAverage: Matrix
    var gradientAverage: Matrix
    var buffer: Matrix
    var step = 0
  }
  private var states = SlotStates<State>()

  /// Creates RMSprop.
  ///
  /// - Parameters:
  ///   - learningRate: `lr > 0`.
  ///   - alpha: `α` in [0, 1); default 0.99.
  ///   - epsilon: `ε ≥ 0`; default 1e-8.
  ///   - momentum: `μ` in [0, 1); default 0.
  ///   - centered: default false.
  ///   - weightDecay: `λ ≥ 0`; default 0.
  /// - Precondition: the ranges above.
  public init(
    learningRate: Double, alpha: Double = 0.99, epsilon: Double = 1e-8, momentum: Double = 0,
    centered: Bool = false, weightDecay: Double = 0
  ) {
    Check.learningRate("RMSprop", learningRate)
    Check.unitInterval("RMSprop", "alpha", alpha)
    Check.nonNegative("RMSprop", "epsilon", epsilon)
    Check.unitInterval("RMSprop", "momentum", momentum)
    Check.nonNegative("RMSprop", "weight decay", weightDecay)
    self.learningRate = learningRate
    self.alpha = alpha
    self.epsilon = epsilon
    self.momentum = momentum
    self.centered = centered
    self.weightDecay = weightDecay
  }

  public func stepCount(slot: Int) -> Int { states.state(slot)?.step ?? 0 }

  public mutating func update(_ parameter: inout Matrix, along gradient: Matrix, slot: Int) {
    checkShapes("RMSprop", parameter, gradient, slot: slot)
    let (lr, a, eps, mu, lambda, centered) = (
      learningRate, alpha, epsilon, momentum, weightDecay, centered
    )
    // The optional buffers are 0×0 when unused, so plain RMSprop stores one matrix.
    let empty = Matrix.zeros(rows: 0, columns: 0)
    let initial = {
      State(
        squareAverage: .zeros(like: parameter),
        gradientAverage: centered ? .zeros(like: parameter) : empty,
        buffer: mu > 0 ? .zeros(like: parameter) : empty)
    }
    states.withState(slot, makeInitial: initial) { state in
      Check.shape("RMSprop", state.squareAverage, parameter, slot: slot)
      state.step += 1
      // The rule for one element; `m` and `b` are only touched when centered / with
      // momentum, so the variants without them pass a throw-away local.
      func rule(
        _ p: inout Double, _ g: Double, _ s: inout Double, _ m: inout Double, _ b: inout Double
      ) {
        let g = g + lambda * p
        s = a * s + (1 - a) * g * g
        var variance = s
        if centered {
          m = a * m + (1 - a) * g
          variance -= m * m
        }
        let scaled = g / (variance.squareRoot() + eps)
        if mu > 0 {
          b = mu * b + scaled
          p -= lr * b
        } else {
          p -= lr * scaled
        }
      }
      var (unused, unusedToo) = (0.0, 0.0)
      switch (centered, mu > 0) {
      case (false, false):
        parameter.formUpdate(along: gradient, state: &state.squareAverage) { p, g, s in
          rule(&p, g, &s, &unused, &unusedToo)
        }
      case (true, false):
        parameter.formUpdate(
          along: gradient, state: &state.squareAverage, &state.gradientAverage
        ) { p, g, s, m in rule(&p, g, &s, &m, &unused) }
      case (false, true):
        parameter.formUpdate(along: gradient, state: &state.squareAverage, &state.buffer) {
          p, g, s, b in rule(&p, g, &s, &unused, &b)
        }
      case (true, true):
        parameter.formUpdate(
          along: gradient, state: &state.squareAverage, &state.gradientAverage, &state.buffer,
          rule)
      }
    }
  }
}
