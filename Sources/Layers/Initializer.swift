import NumericsCore

/// How a Dense layer's weights are drawn before training.
///
/// The aim of both schemes is to keep the variance of the signal roughly the same from
/// layer to layer, so that neither activations nor gradients shrink or blow up with depth.
/// Biases always start at zero.
public enum Initializer: String, Sendable, CaseIterable {
  /// Glorot/Xavier uniform, for tanh and sigmoid layers (Glorot and Bengio, 2010):
  /// ```
  /// W ~ U(−a, a),   a = √(6 / (fanIn + fanOut))      Var W = 2 / (fanIn + fanOut)
  /// ```
  case glorotUniform
  /// He/Kaiming normal, for ReLU layers (He, Zhang, Ren and Sun, 2015): ReLU zeroes half
  /// of its inputs, so the variance is doubled to compensate:
  /// ```
  /// W ~ N(0, 2 / fanIn)
  /// ```
  case heNormal

  /// A `fanIn × fanOut` weight matrix drawn with this scheme.
  /// - Precondition: `fanIn > 0`, `fanOut > 0`.
  public func weights<G: RandomNumberGenerator>(
    fanIn: Int, fanOut: Int, using rng: inout G
  )
    -> Matrix
  {
    precondition(
      fanIn > 0 && fanOut > 0, "Initializer.weights: fanIn \(fanIn), fanOut \(fanOut) must be > 0")
    switch self {
    case .glorotUniform:
      let a = (6.0 / Double(fanIn + fanOut)).squareRoot()
      return Matrix.uniform(rows: fanIn, columns: fanOut, in: -a, a, using: &rng)
    case .heNormal:
      return Matrix.normal(
        rows: fanIn, columns: fanOut, standardDeviation: (2.0 / Double(fanIn)).squareRoot(),
        using: &rng)
    }
  }
}
