import NumericsCore

// The gradient of a loss with respect to a network's *input* only, without its parameter
// gradients.
//
// A GAN needs exactly this. In the generator's step the loss is a function of the
// discriminator's output, so the chain rule runs through the discriminator down to its
// input (the generated samples) and on into the generator; but the discriminator is not
// updated in that step, so its weight gradients would be computed and thrown away. For a
// Dense layer they are a whole matrix product (`Xᵀ·G`) plus a column sum per layer, about
// half the work of a backward pass.

/// A layer that can compute `∂L/∂x` alone, skipping its parameter gradients.
///
/// Layers without parameters need not conform: their `backward` computes nothing else.
public protocol InputGradientLayer: Layer {
  /// `∂L/∂x` from `∂L/∂y` and the forward cache, without any `∂L/∂θ`.
  func inputGradient(_ outputGradient: Matrix, cache: Cache) -> Matrix
}

extension Dense: InputGradientLayer {
  /// `∂L/∂X = G·Wᵀ` (`batch × in`); the weight and bias gradients are not computed.
  public func inputGradient(_ outputGradient: Matrix, cache input: Matrix) -> Matrix {
    precondition(
      outputGradient.rows == input.rows && outputGradient.columns == outputSize,
      "Dense(\(inputSize) → \(outputSize)).inputGradient: gradient is "
        + "\(outputGradient.shapeDescription), expected \(input.rows)×\(outputSize)")
    var inputGradient = Matrix.uninitialized(rows: input.rows, columns: inputSize)
    matmul(outputGradient, weights, transposeB: true, into: &inputGradient)
    return inputGradient
  }
}

extension InputGradientLayer {
  /// Runs `inputGradient` with a type-erased cache (as a network stores them).
  fileprivate func inputGradient(
    erasedCache cache: any Sendable, _ outputGradient: Matrix
  )
    -> Matrix
  {
    guard let cache = cache as? Cache else {
      preconditionFailure(
        "\(self).inputGradient: the cache \(type(of: cache)) is not \(Cache.self)")
    }
    return inputGradient(outputGradient, cache: cache)
  }
}

extension Sequential {
  /// Propagates `∂L/∂output` back to `∂L/∂input` only, computing no parameter gradient.
  ///
  /// ```
  /// g_n = ∂L/∂output,   g_{k−1} = ∂L/∂h_{k−1} = layer_k.inputGradient(g_k)
  /// returns g_0 = ∂L/∂input
  /// ```
  /// The same numbers as `backward(_:caches:needsInputGradient: true).inputGradient`,
  /// for about half the work when the layers are Dense: what a GAN's generator step
  /// needs from the discriminator, whose weights that step does not change.
  ///
  /// - Parameters:
  ///   - outputGradient: `∂L/∂output`, the shape of the output.
  ///   - caches: from the `forward` call that produced the output.
  /// - Returns: `∂L/∂input`, the shape of the input.
  public func inputGradient(_ outputGradient: Matrix, caches: [any Sendable]) -> Matrix {
    precondition(
      caches.count == layers.count,
      "Sequential.inputGradient: \(caches.count) caches for \(layers.count) layers")
    var g = outputGradient
    var k = layers.count - 1
    while k >= 0 {
      defer { k -= 1 }
      // A Dense layer after a rectifier: both input gradients in one pass (same bits).
      if k > 0, let (dense, rectifier) = denseAndRectifier(after: k - 1) {
        g = productRectifierGradient(
          g, dense.weights, cache: matrixCache(caches[k - 1], k - 1), slope: rectifier.slope)
        k -= 1
        continue
      }
      if let layer = layers[k] as? any InputGradientLayer {
        g = layer.inputGradient(erasedCache: caches[k], g)
      } else {
        // A layer without a dedicated path: its full backward (for parameter-free layers
        // that is all there is).
        guard
          let next = layers[k].backward(erasedCache: caches[k], g, inputGradient: true)
            .inputGradient
        else {
          preconditionFailure("\(layers[k]).backward returned no input gradient")
        }
        g = next
      }
    }
    return g
  }
}
