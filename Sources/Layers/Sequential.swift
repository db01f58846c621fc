import Losses
import NumericsCore
import Optimizers

/// A network that applies its layers one after the other, and runs the chain rule back
/// through them.
///
/// ```
/// forward:   h₀ = X,  h_k = layer_k(h_{k−1}),  output = h_n
/// backward:  g_n = ∂L/∂output,  (g_{k−1}, ∂L/∂θ_k) = layer_k.backward(g_k)
/// ```
/// The layers are values, so copying a network copies its weights. Parameters are handed
/// to an optimizer in a fixed order (layer by layer, each layer's `parameters` order), and
/// parameter `i` always uses optimizer slot `i`.
public struct Sequential: Sendable, CustomStringConvertible {
  /// The layers, first to last.
  public var layers: [any Layer]
  /// How many training steps `trainStep` has applied.
  public private(set) var trainingSteps = 0

  /// Creates a network from its layers.
  public init(_ layers: [any Layer]) {
    self.layers = layers
  }

  /// One line per layer, e.g. `Dense(784 → 256) → ReLU → Dense(256 → 10)`.
  public var description: String { layers.map(\.description).joined(separator: " → ") }

  // MARK: Forward and backward

  /// Runs every layer on a batch.
  ///
  /// - Parameters:
  ///   - input: `batch × inputFeatures`.
  ///   - mode: `.training` (dropout active) or `.inference`.
  ///   - rng: the generator for stochastic layers.
  /// - Returns: the output and one cache per layer, for `backward`.
  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, caches: [any Sendable]) {
    var h = input
    var caches = [any Sendable]()
    caches.reserveCapacity(layers.count)
    var k = 0
    while k < layers.count {
      // A Dense layer and the rectifier after it in one pass (NumericsCore's `affine`, the
      // same bits): the caches are still the Dense input and the rectifier's output.
      if let (dense, rectifier) = denseAndRectifier(at: k) {
        let output = affine(h, dense.weights, bias: dense.bias, rectifier: rectifier)
        caches.append(h)
        caches.append(output)
        h = output
        k += 2
        continue
      }
      // A float32 Conv2D and the ReLU after it (`Sequential+Fusion.swift`, the same bits).
      if let (output, fused) = convolutionAndRectifierForward(at: k, h) {
        caches += fused
        h = output
        k += fused.count
        continue
      }
      let (output, cache) = layers[k].forwardErased(h, mode: mode, using: &rng)
      caches.append(cache)
      h = output
      k += 1
    }
    return (h, caches)
  }

  /// The output at inference, computed in batches of at most `batchSize` rows (to bound
  /// the memory of the hidden activations).
  public func predict(_ input: Matrix, batchSize: Int = 1000) -> Matrix {
    precondition(batchSize > 0, "predict: batch size \(batchSize) must be positive")
    var none = NoRandomness()
    if input.rows <= batchSize { return forward(input, mode: .inference, using: &none).output }
    var parts = [Double]()
    var columns = 0
    for start in stride(from: 0, to: input.rows, by: batchSize) {
      let rows = input.rows(at: Array(start..<Swift.min(start + batchSize, input.rows)))
      let output = forward(rows, mode: .inference, using: &none).output
      columns = output.columns
      output.withUnsafeElements { parts.append(contentsOf: $0) }
    }
    return Matrix(rows: input.rows, columns: columns, elements: parts)
  }

  /// Propagates `∂L/∂output` back through every layer.
  ///
  /// - Parameters:
  ///   - outputGradient: `∂L/∂output`.
  ///   - caches: from the `forward` call that produced the output.
  ///   - needsInputGradient: also compute `∂L/∂input` (for saliency maps, or a network
  ///     inside a larger one); skipped by default, which saves the first layer's `G·Wᵀ`.
  /// - Returns: `∂L/∂input` (nil unless asked for) and each layer's parameter gradients.
  public func backward(
    _ outputGradient: Matrix, caches: [any Sendable], needsInputGradient: Bool = false
  ) -> (inputGradient: Matrix?, gradients: [[Matrix]]) {
    let (inputGradient, pending) = backwardWalk(
      outputGradient, caches: caches, needsInputGradient: needsInputGradient,
      deferringDense: false)
    return (inputGradient, pending.map { $0.computed })
  }

  /// The chain rule from `∂L/∂output` down, layer by layer (see `backward`). With
  /// `deferringDense`, a Dense layer's parameter gradients are not formed: its entry keeps
  /// the two factors of `∂L/∂W = Xᵀ·G` (`backwardAndUpdate` folds the update into them).
  func backwardWalk(
    _ outputGradient: Matrix, caches: [any Sendable], needsInputGradient: Bool,
    deferringDense: Bool
  ) -> (inputGradient: Matrix?, gradients: [PendingGradients]) {
    precondition(
      caches.count == layers.count,
      "Sequential.backward: \(caches.count) caches for \(layers.count) layers")
    var g = outputGradient
    var gradients = [PendingGradients](repeating: .computed([]), count: layers.count)
    var inputGradient: Matrix?
    var k = layers.count - 1
    while k >= 0 {
      // A Dense layer after a rectifier: its input gradient and the rectifier's backward
      // pass in one (NumericsCore's `productRectifierGradient`, the same bits).
      if k > 0, let (dense, rectifier) = denseAndRectifier(after: k - 1) {
        let input = matrixCache(caches[k], k)
        gradients[k] =
          deferringDense
          ? .dense(input: input, outputGradient: g)
          : .computed(dense.parameterGradients(g, cache: input))
        if k > 1 || needsInputGradient {
          g = productRectifierGradient(
            g, dense.weights, cache: matrixCache(caches[k - 1], k - 1), slope: rectifier.slope)
          if k == 1 { inputGradient = g }
        }
        k -= 2
        continue
      }
      // A float32 Conv2D with the ReLU layers around it (`Sequential+Fusion.swift`).
      if let fused = convolutionAndRectifiersBackward(
        at: k, g, caches: caches, needsInputGradient: needsInputGradient)
      {
        gradients.replaceSubrange(fused.layers, with: fused.gradients.map { .computed($0) })
        if let next = fused.inputGradient {
          if fused.layers.lowerBound == 0 { inputGradient = next } else { g = next }
        }
        k = fused.layers.lowerBound - 1
        continue
      }
      let wantInput = k > 0 || needsInputGradient
      var next: Matrix?
      if deferringDense, let dense = layers[k] as? Dense {
        let input = matrixCache(caches[k], k)
        gradients[k] = .dense(input: input, outputGradient: g)
        if wantInput { next = dense.inputGradient(g, cache: input) }
      } else {
        let result = layers[k].backward(erasedCache: caches[k], g, inputGradient: wantInput)
        gradients[k] = .computed(result.gradients)
        next = result.inputGradient
      }
      if let next {
        if k == 0 { inputGradient = next } else { g = next }
      }
      k -= 1
    }
    return (inputGradient, gradients)
  }

  // MARK: Parameters and updates

  /// Every parameter, layer by layer (the order of the optimizer's slots).
  public var parameters: [Matrix] {
    get { layers.flatMap(\.parameters) }
    set {
      var rest = newValue[...]
      for k in layers.indices {
        let n = layers[k].parameters.count
        precondition(rest.count >= n, "Sequential.parameters: too few matrices assigned")
        layers[k].parameters = Array(rest.prefix(n))
        rest = rest.dropFirst(n)
      }
      precondition(rest.isEmpty, "Sequential.parameters: \(rest.count) matrices too many")
    }
  }

  /// The role of every parameter, in the order of `parameters` (optimizer slot order).
  public var parameterRoles: [ParameterRole] {
    layers.flatMap { layer in
      let roles = layer.parameterRoles
      precondition(
        roles.count == layer.parameters.count,
        "\(layer): \(roles.count) parameter roles for \(layer.parameters.count) parameters")
      return roles
    }
  }

  /// Counts one more training step (the training loop does, after each update).
  mutating func recordTrainingStep() { trainingSteps += 1 }

  /// The number of trainable numbers.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

  /// Applies one optimizer step to every parameter, in place.
  ///
  /// - Parameters:
  ///   - gradients: per layer, as `backward` returns them.
  ///   - optimizer: updated with slot `i` for the `i`-th parameter of `parameters`.
  public mutating func update<O: Optimizer>(along gradients: [[Matrix]], with optimizer: inout O) {
    precondition(
      gradients.count == layers.count,
      "Sequential.update: gradients for \(gradients.count) layers, the network has \(layers.count)")
    var slot = 0
    for k in layers.indices {
      let layerGradients = gradients[k]
      var index = 0
      layers[k].updateParameters { parameter in
        optimizer.update(&parameter, along: layerGradients[index], slot: slot)
        index += 1
        slot += 1
      }
      precondition(
        index == layerGradients.count,
        "Sequential.update: layer \(k) has \(index) parameters but \(layerGradients.count) gradients"
      )
    }
  }

  /// One step of training: forward in training mode, the loss and its gradient, backward,
  /// and an optimizer update.
  ///
  /// - Parameters:
  ///   - input: a mini-batch, `batch × inputFeatures`.
  ///   - loss: the loss of the network's output and its gradient with respect to it
  ///     (for example `{ softmaxCrossEntropy(logits: $0, labels: y) }`).
  ///   - optimizer: the update rule.
  ///   - rng: the generator for dropout.
  /// - Returns: the loss before the update and the output (for accuracy bookkeeping).
  /// - Throws: `TrainingError.diverged` when the loss is NaN or infinite; the parameters
  ///   are then left as they were before this step.
  @discardableResult
  public mutating func trainStep<O: Optimizer, G: RandomNumberGenerator>(
    _ input: Matrix, loss: (Matrix) -> LossResult, optimizer: inout O, using rng: inout G
  ) throws(TrainingError) -> (loss: Double, output: Matrix) {
    let (output, caches) = forward(input, mode: .training, using: &rng)
    let result = loss(output)
    guard result.value.isFinite else {
      throw TrainingError.diverged(step: trainingSteps + 1, loss: result.value)
    }
    if !backwardAndUpdate(result.gradient, caches: caches, optimizer: &optimizer) {
      update(along: backward(result.gradient, caches: caches).gradients, with: &optimizer)
    }
    trainingSteps += 1
    return (result.value, output)
  }
}

/// Training stopped because the loss stopped being a number.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The loss was NaN or ±∞ at training step `step` (counted from 1).
  case diverged(step: Int, loss: Double)

  /// `diverged at step N (loss …); try a smaller learning rate`.
  public var description: String {
    switch self {
    case .diverged(let step, let loss):
      return "diverged at step \(step) (loss \(loss)); try a smaller learning rate"
    }
  }
}
