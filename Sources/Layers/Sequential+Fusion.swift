import NumericsCore

// Which neighbouring layers `Sequential` runs as one pass: a Dense layer followed by ReLU
// or leaky ReLU (forward: `affine`), and a rectifier followed by a Dense layer (backward:
// the Dense input gradient and the rectifier's mask, `productRectifierGradient`). Both are
// NumericsCore functions with the same bits as the layers one by one; they only save
// passes over the batch × units activations.

extension Sequential {
  /// Layer `k` as a Dense layer and layer `k + 1` as its rectifier, if they are.
  func denseAndRectifier(at k: Int) -> (Dense, Rectifier)? {
    guard k + 1 < layers.count, let dense = layers[k] as? Dense,
      let rectifier = rectifier(at: k + 1)
    else { return nil }
    return (dense, rectifier)
  }

  /// Layer `k` as a rectifier and layer `k + 1` as the Dense layer after it, if they are.
  func denseAndRectifier(after k: Int) -> (Dense, Rectifier)? {
    guard k + 1 < layers.count, let rectifier = rectifier(at: k),
      let dense = layers[k + 1] as? Dense
    else { return nil }
    return (dense, rectifier)
  }

  /// Layer `k` as a rectifier (ReLU or leaky ReLU), if it is one.
  private func rectifier(at k: Int) -> Rectifier? {
    if layers[k] is ReLU { return .relu }
    if let leaky = layers[k] as? LeakyReLU { return .leaky(slope: leaky.slope) }
    return nil
  }

  /// The cache of layer `k`, which is a matrix (a Dense layer's input, a rectifier's output).
  func matrixCache(_ cache: any Sendable, _ k: Int) -> Matrix {
    guard let matrix = cache as? Matrix else {
      preconditionFailure("\(layers[k]): the cache \(type(of: cache)) is not a Matrix")
    }
    return matrix
  }
}
