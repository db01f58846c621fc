import NumericsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Element-wise nonlinearities. Without them a stack of Dense layers collapses into one
// affine map (X·W₁·W₂ = X·(W₁W₂)), however deep: the nonlinearity between layers is what
// lets a network bend its decision boundary. Each backward pass multiplies the incoming
// gradient by the derivative f′, element by element, and needs no parameters.

/// Applies `f` to `a` into a new matrix (NumericsCore's inlinable `map`: the closure is
/// inlined into the loop, no call per element).
@inline(__always)
private func elementwise(_ a: Matrix, _ f: (Double) -> Double) -> Matrix {
  a.map(f)
}

/// `g[i] · f′(cache[i])` into a new matrix: the backward pass of every activation.
@inline(__always)
private func chain(_ g: Matrix, _ cache: Matrix, _ derivative: (Double) -> Double) -> Matrix {
  precondition(
    g.rows == cache.rows && g.columns == cache.columns,
    "activation backward: gradient \(g.shapeDescription) differs from the forward "
      + "shape \(cache.shapeDescription)")
  return Matrix.zipMap(g, cache) { g, c in g * derivative(c) }
}

/// The rectified linear unit (Nair and Hinton, 2010), the default hidden activation.
///
/// ```
/// y = max(0, x)
/// ∂L/∂x = ∂L/∂y · [x > 0]          (0 at the kink x = 0, as PyTorch)
/// ```
/// The cache is the output `y`: `y > 0` exactly where `x > 0`.
public struct ReLU: ParameterFreeLayer {
  /// Creates the layer.
  public init() {}

  public var description: String { "ReLU" }

  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Matrix) {
    let output = input.rectified()  // x > 0 ? x : 0, NumericsCore's vectorised kernel
    return (output, output)
  }

  public func backward(
    _ outputGradient: Matrix, cache output: Matrix
  ) -> (
    inputGradient: Matrix, gradients: [Matrix]
  ) {
    precondition(
      outputGradient.rows == output.rows && outputGradient.columns == output.columns,
      "ReLU.backward: gradient \(outputGradient.shapeDescription) differs from the forward "
        + "shape \(output.shapeDescription)")
    // `g · 1` or `g · 0`, not a select of `g` or 0: the product keeps the sign of zero
    // (−g·0 = −0) and the NaN of an infinite g, as the generic `chain` does.
    return (Matrix.rectifierGradient(outputGradient, cache: output, slope: 0), [])
  }
}

/// ReLU with a small slope for negative inputs, so a unit stuck below zero still gets a
/// gradient (Maas, Hannun and Ng, 2013).
///
/// ```
/// y = x if x > 0, else α·x                    α = 0.01 by default
/// ∂L/∂x = ∂L/∂y · (1 if x > 0, else α)
/// ```
/// The cache is the output `y`: `y > 0` exactly where `x > 0` (for `α ≥ 0`), so it serves
/// the backward pass as the input would, and a Dense layer before it can write `y` directly
/// (`Sequential`'s fused pass).
public struct LeakyReLU: ParameterFreeLayer {
  /// The slope `α` for negative inputs.
  public let slope: Double

  /// Creates the layer.
  /// - Precondition: `slope ≥ 0`.
  public init(slope: Double = 0.01) {
    precondition(slope >= 0 && slope.isFinite, "LeakyReLU: slope \(slope) must be ≥ 0")
    self.slope = slope
  }

  public var description: String { "LeakyReLU(\(slope))" }

  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Matrix) {
    let output = input.leakyRectified(slope: slope)  // x > 0 ? x : α·x
    return (output, output)
  }

  public func backward(
    _ outputGradient: Matrix, cache output: Matrix
  ) -> (
    inputGradient: Matrix, gradients: [Matrix]
  ) {
    (Matrix.rectifierGradient(outputGradient, cache: output, slope: slope), [])  // g·(1 or α)
  }
}

/// The logistic sigmoid, squashing to (0, 1).
///
/// ```
/// y = 1 / (1 + e^(−x))
/// ∂L/∂x = ∂L/∂y · y·(1 − y)        (at most ¼: deep sigmoid stacks shrink gradients)
/// ```
/// Evaluated as `e^x / (1 + e^x)` for negative `x` so `e^(−x)` cannot overflow. The cache
/// is the output `y`.
public struct Sigmoid: ParameterFreeLayer {
  /// Creates the layer.
  public init() {}

  public var description: String { "Sigmoid" }

  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Matrix) {
    let output = elementwise(input) { x in
      if x >= 0 { return 1 / (1 + exp(-x)) }
      let e = exp(x)
      return e / (1 + e)
    }
    return (output, output)
  }

  public func backward(
    _ outputGradient: Matrix, cache output: Matrix
  ) -> (
    inputGradient: Matrix, gradients: [Matrix]
  ) {
    (chain(outputGradient, output) { y in y * (1 - y) }, [])
  }
}

/// The hyperbolic tangent, squashing to (−1, 1), zero-centred.
///
/// ```
/// y = tanh(x)
/// ∂L/∂x = ∂L/∂y · (1 − y²)
/// ```
/// The cache is the output `y`.
public struct Tanh: ParameterFreeLayer {
  /// Creates the layer.
  public init() {}

  public var description: String { "Tanh" }

  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Matrix) {
    let output = elementwise(input) { tanh($0) }
    return (output, output)
  }

  public func backward(
    _ outputGradient: Matrix, cache output: Matrix
  ) -> (
    inputGradient: Matrix, gradients: [Matrix]
  ) {
    (chain(outputGradient, output) { y in 1 - y * y }, [])
  }
}
