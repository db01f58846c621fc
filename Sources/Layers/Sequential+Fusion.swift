import NumericsCore

// Which neighbouring layers `Sequential` runs as one pass: a Dense layer followed by ReLU
// or leaky ReLU (forward: `affine`), a rectifier followed by a Dense layer (backward:
// the Dense input gradient and the rectifier's mask, `productRectifierGradient`), and a
// float32 Conv2D with a ReLU after it (forward and backward) and/or before it (backward:
// `Conv2D+Rectifier.swift`). All compute the same bits as the layers one by one; they
// only save passes over the activations.

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

extension Sequential {
  /// Layers `k` and `k + 1` forward in one pass, if they are a fusing Conv2D and a ReLU:
  /// the output and the two layers' caches (the patches, and the ReLU's output).
  func convolutionAndRectifierForward(
    at k: Int, _ input: Matrix
  ) -> (output: Matrix, caches: [any Sendable])? {
    guard k + 1 < layers.count, let convolution = layers[k] as? Conv2D,
      convolution.fusesRectifiers, layers[k + 1] is ReLU
    else { return nil }
    let (output, cache) = convolution.forwardRectified(input)
    return (output, [cache, output])
  }

  /// The backward pass of a fusing Conv2D that ends at layer `k` (the layer itself, or a
  /// ReLU after it), with a ReLU before it folded in too when its input gradient is
  /// needed; nil if layer `k` ends no such run.
  /// - Returns: the layers covered, their parameter gradients (in order) and the
  ///   gradient with respect to the input of the first of them (nil if not needed).
  func convolutionAndRectifiersBackward(
    at k: Int, _ outputGradient: Matrix, caches: [any Sendable], needsInputGradient: Bool
  ) -> (layers: Range<Int>, gradients: [[Matrix]], inputGradient: Matrix?)? {
    let after = k > 0 && layers[k] is ReLU
    let c = after ? k - 1 : k
    guard let convolution = layers[c] as? Conv2D, convolution.fusesRectifiers,
      let cache = caches[c] as? Conv2D.Cache
    else { return nil }
    let before = c > 1 && layers[c - 1] is ReLU || c == 1 && layers[0] is ReLU && needsInputGradient
    guard after || before else { return nil }
    let first = before ? c - 1 : c
    let (input, kernels, bias) = convolution.gradients(
      outputGradient, cache: cache, inputGradient: c > 0 || needsInputGradient,
      rectifiedOutput: after ? matrixCache(caches[k], k) : nil,
      rectifiedInput: before ? matrixCache(caches[c - 1], c - 1) : nil)
    var gradients = [[Matrix]](repeating: [], count: k + 1 - first)
    gradients[c - first] = [kernels, bias]
    return (first..<(k + 1), gradients, input)
  }
}
