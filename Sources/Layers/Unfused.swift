import NumericsCore

/// A parameter-free layer under another type, so that `Sequential` runs it on its own
/// instead of fusing it with its neighbours (`Sequential+Fusion.swift` recognises `ReLU`,
/// not `Unfused<ReLU>`): the layer-by-layer reference that the fused passes are compared
/// with, in tests (same bits) and in `bench` (same work, one pass more).
public struct Unfused<L: ParameterFreeLayer>: ParameterFreeLayer {
  /// The layer that runs.
  public let layer: L

  public init(_ layer: L) { self.layer = layer }

  public var description: String { "\(layer) (unfused)" }

  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: L.Cache) {
    layer.forward(input, mode: mode, using: &rng)
  }

  public func backward(
    _ outputGradient: Matrix, cache: L.Cache
  ) -> (inputGradient: Matrix, gradients: [Matrix]) {
    layer.backward(outputGradient, cache: cache)
  }
}
