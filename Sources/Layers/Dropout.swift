import NumericsCore

/// Inverted dropout (Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov, 2014):
/// while training, each unit is zeroed with probability `p` and the survivors are scaled
/// by `1/(1 − p)`, so the expected output equals the input and inference needs no change.
///
/// ```
/// training:   m_i = [u_i ≥ p] / (1 − p),  u_i ~ U[0, 1)      y = x ∘ m
/// inference:  y = x
/// backward:   ∂L/∂x = ∂L/∂y ∘ m             (the same mask; identity at inference)
/// ```
/// `E[m_i] = (1 − p) · 1/(1 − p) = 1`. The mask is the cache, so the backward pass uses
/// exactly the units the forward pass kept. Running the training-mode forward at test time
/// gives Monte Carlo dropout (Gal and Ghahramani, 2016).
public struct Dropout: ParameterFreeLayer {
  /// The probability `p` of dropping a unit, in [0, 1).
  public let rate: Double

  /// Creates the layer.
  /// - Precondition: `0 ≤ rate < 1`.
  public init(rate: Double) {
    precondition(rate >= 0 && rate < 1, "Dropout: rate \(rate) must lie in [0, 1)")
    self.rate = rate
  }

  public var description: String { "Dropout(\(rate))" }

  /// - Returns: the output and the mask `m` (`nil` at inference, where nothing is dropped).
  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Matrix?) {
    guard mode == .training, rate > 0 else { return (input, nil) }
    let keep = 1 / (1 - rate)
    var mask = Matrix.uninitialized(rows: input.rows, columns: input.columns)
    mask.withUnsafeMutableElements { m in
      for i in 0..<m.count { m[i] = rng.nextUniform() >= rate ? keep : 0 }
    }
    return (input * mask, mask)
  }

  public func backward(
    _ outputGradient: Matrix, cache mask: Matrix?
  ) -> (
    inputGradient: Matrix, gradients: [Matrix]
  ) {
    guard let mask else { return (outputGradient, []) }
    return (outputGradient * mask, [])
  }
}
