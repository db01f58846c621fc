import NumericsCore

/// The parameter plumbing shared by the convolution layers (`Conv2D`, `ConvPool2D`): two
/// parameters, the kernels `W` (a weight) and the bias `b`, in that order, and one
/// backward routine that computes `∂L/∂X` only when asked.
///
/// A conforming layer writes `gradients(_:cache:inputGradient:)`; `backward`,
/// `parameterGradients`, `parameters`, `parameterRoles` and `updateParameters` follow.
public protocol KernelBiasLayer: Layer {
  /// `W`, the layer's weight (penalties, weight decay and max-norm apply).
  var kernels: Matrix { get set }
  /// `b`, one per filter (they do not).
  var bias: Matrix { get set }

  /// `∂L/∂X` (`nil` unless `inputGradient`), `∂L/∂W` and `∂L/∂b` for `∂L/∂Y` and the cache
  /// of the forward pass that produced `Y`.
  func gradients(
    _ outputGradient: Matrix, cache: Cache, inputGradient: Bool
  ) -> (input: Matrix?, kernels: Matrix, bias: Matrix)
}

extension KernelBiasLayer {
  public func backward(
    _ outputGradient: Matrix, cache: Cache
  ) -> (
    inputGradient: Matrix, gradients: [Matrix]
  ) {
    let (input, kernelGradient, biasGradient) = gradients(
      outputGradient, cache: cache, inputGradient: true)
    guard let input else { preconditionFailure("\(self).backward: no ∂L/∂X was computed") }
    return (input, [kernelGradient, biasGradient])
  }

  public func parameterGradients(_ outputGradient: Matrix, cache: Cache) -> [Matrix] {
    let (_, kernelGradient, biasGradient) = gradients(
      outputGradient, cache: cache, inputGradient: false)
    return [kernelGradient, biasGradient]
  }

  public var parameterRoles: [ParameterRole] { [.weight, .bias] }

  public var parameters: [Matrix] {
    get { [kernels, bias] }
    set {
      precondition(
        newValue.count == 2 && newValue[0].shape == kernels.shape
          && newValue[1].shape == bias.shape,
        "\(Self.self).parameters: expected \(kernels.shapeDescription) and "
          + "\(bias.shapeDescription), got \(newValue.map(\.shapeDescription))")
      kernels = newValue[0]
      bias = newValue[1]
    }
  }

  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    body(&kernels)
    body(&bias)
  }
}
