import NumericsCore

extension Sequential {
  /// `backward`, calling `visit` for every layer with the gradient that arrives at its
  /// output and the cache of its forward pass, before that layer's own backward step.
  ///
  /// What per-example computations need: for a Dense layer the cache is its input `X`, and
  /// `X` with the arriving `G = ∂L/∂Y` determines every example's own weight gradient
  /// (`x_iᵀ g_i`) without forming it (DP-SGD's per-example clipping, chapter 2.3).
  ///
  /// - Parameters:
  ///   - outputGradient: `∂L/∂output`.
  ///   - caches: from the `forward` that produced the output.
  ///   - visit: `(layer index, layer, ∂L/∂(its output), its cache)`, last layer first.
  /// - Returns: each layer's parameter gradients, as `backward` returns them.
  public func backward(
    _ outputGradient: Matrix, caches: [any Sendable],
    visiting visit: (
      _ index: Int, _ layer: any Layer, _ outputGradient: Matrix, _ cache: any Sendable
    )
      -> Void
  ) -> [[Matrix]] {
    precondition(
      caches.count == layers.count,
      "Sequential.backward(visiting:): \(caches.count) caches for \(layers.count) layers")
    var g = outputGradient
    var gradients = [[Matrix]](repeating: [], count: layers.count)
    for k in layers.indices.reversed() {
      visit(k, layers[k], g, caches[k])
      let result = layers[k].backward(erasedCache: caches[k], g, inputGradient: k > 0)
      gradients[k] = result.gradients
      if let next = result.inputGradient { g = next }
    }
    return gradients
  }
}
