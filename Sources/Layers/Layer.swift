import NumericsCore

// A layer is a value with two functions and no hidden state:
//
//     forward:  x ↦ (y, cache)          y = f(x; θ)
//     backward: (∂L/∂y, cache) ↦ (∂L/∂x, [∂L/∂θ₁, ∂L/∂θ₂, …])
//
// The cache holds what backward needs from the forward pass (the input of a Dense layer,
// the mask of Dropout). It is returned to the caller instead of being stored in the layer,
// so a layer can be copied, run twice on different batches, or gradient-checked by
// calling forward on perturbed copies, without one call overwriting another's state.

/// Whether a forward pass is part of training or of using the trained model.
///
/// Only layers whose behaviour differs between the two look at it: Dropout drops units
/// while training and is the identity at inference.
public enum Mode: Sendable, Equatable {
  /// Training: stochastic layers draw from the generator.
  case training
  /// Inference (evaluation, prediction): deterministic.
  case inference
}

/// A differentiable function of a batch with its hand-written backward pass.
///
/// Shapes: the input is `batch × inputFeatures`, the output `batch × outputFeatures`;
/// each row is one sample and rows never mix.
public protocol Layer: Sendable, CustomStringConvertible {
  /// What `backward` needs from `forward` (for example the input, or a dropout mask).
  associatedtype Cache: Sendable

  /// Runs the layer on a batch.
  ///
  /// - Parameters:
  ///   - input: `batch × inputFeatures`.
  ///   - mode: `.training` or `.inference`.
  ///   - rng: the generator for stochastic layers (others ignore it).
  /// - Returns: the output and the cache to hand to `backward`.
  func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Cache)

  /// Propagates the gradient of a scalar loss `L` back through the layer (chain rule).
  ///
  /// - Parameters:
  ///   - outputGradient: `∂L/∂y`, the shape of the output.
  ///   - cache: what `forward` returned with that output.
  /// - Returns: `∂L/∂x` (the shape of the input) and `∂L/∂θ` for every parameter, in the
  ///   order of `parameters`.
  func backward(
    _ outputGradient: Matrix, cache: Cache
  ) -> (
    inputGradient: Matrix, gradients: [Matrix]
  )

  /// The parameter gradients only, skipping `∂L/∂x` (the first layer of a network has no
  /// use for it; for a Dense layer it is a whole matrix product saved).
  func parameterGradients(_ outputGradient: Matrix, cache: Cache) -> [Matrix]

  /// The trainable parameters (empty for layers without any), in a fixed order.
  var parameters: [Matrix] { get set }

  /// What each parameter is, in the order of `parameters`: a weight (penalties, weight
  /// decay and max-norm apply) or a bias (they do not). See `ParameterRole`.
  var parameterRoles: [ParameterRole] { get }

  /// Calls `body` on every parameter in place, in the order of `parameters`: how an
  /// optimizer updates weights without copying them.
  mutating func updateParameters(_ body: (inout Matrix) -> Void)
}

extension Layer {
  public func parameterGradients(_ outputGradient: Matrix, cache: Cache) -> [Matrix] {
    backward(outputGradient, cache: cache).gradients
  }

  /// Runs `backward` with a type-erased cache (as a network stores them).
  func backward(
    erasedCache cache: any Sendable, _ outputGradient: Matrix, inputGradient: Bool
  )
    -> (inputGradient: Matrix?, gradients: [Matrix])
  {
    guard let cache = cache as? Cache else {
      preconditionFailure("\(self).backward: the cache \(type(of: cache)) is not \(Cache.self)")
    }
    if inputGradient {
      let result = backward(outputGradient, cache: cache)
      return (result.inputGradient, result.gradients)
    }
    return (nil, parameterGradients(outputGradient, cache: cache))
  }

  /// Runs `forward` and erases the cache's type.
  func forwardErased<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: any Sendable) {
    let result = forward(input, mode: mode, using: &rng)
    return (result.output, result.cache)
  }
}

/// The parameter plumbing of a layer without parameters.
public protocol ParameterFreeLayer: Layer {}

extension ParameterFreeLayer {
  public var parameterRoles: [ParameterRole] { [] }

  public var parameters: [Matrix] {
    get { [] }
    set {
      precondition(
        newValue.isEmpty, "\(self) has no parameters, but \(newValue.count) were assigned")
    }
  }

  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {}
}

/// A generator for computations that must not draw random numbers (inference passes,
/// in-order training without dropout); drawing traps.
public struct NoRandomness: RandomNumberGenerator {
  public init() {}

  public func next() -> UInt64 {
    preconditionFailure("a random number was drawn where none may be (inference mode?)")
  }
}
