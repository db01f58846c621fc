import NumericsCore

/// The nonlinearity between the Dense layers of a multilayer perceptron.
public enum Activation: String, Sendable, CaseIterable {
  /// `max(0, x)`, with He initialisation.
  case relu
  /// `x` or `0.01·x`, with He initialisation.
  case leakyReLU
  /// `tanh x`, with Glorot initialisation.
  case tanh
  /// `1/(1 + e^(−x))`, with Glorot initialisation.
  case sigmoid

  /// The layer that applies it.
  public func makeLayer() -> any Layer {
    switch self {
    case .relu: ReLU()
    case .leakyReLU: LeakyReLU()
    case .tanh: Tanh()
    case .sigmoid: Sigmoid()
    }
  }

  /// The initializer suited to it: He for the ReLU family, Glorot for the squashing ones.
  public var initializer: Initializer {
    switch self {
    case .relu, .leakyReLU: .heNormal
    case .tanh, .sigmoid: .glorotUniform
    }
  }
}

extension Sequential {
  /// A multilayer perceptron: Dense layers of the given sizes with `activation` (and
  /// optional dropout) between them, and a linear output layer.
  ///
  /// `sizes = [784, 256, 128, 10]` gives
  /// `Dense(784 → 256) → ReLU → Dense(256 → 128) → ReLU → Dense(128 → 10)`; the output is
  /// raw scores (logits) for a softmax cross-entropy, or values for a regression loss.
  ///
  /// - Parameters:
  ///   - sizes: input size, hidden sizes, output size (at least two entries).
  ///   - activation: the hidden nonlinearity (its matching initializer is used).
  ///   - dropout: a Dropout layer with this rate after every hidden activation (0 = none).
  ///   - rng: the generator for the initial weights, drawn layer by layer.
  public static func multilayerPerceptron<G: RandomNumberGenerator>(
    sizes: [Int], activation: Activation = .relu, dropout: Double = 0, using rng: inout G
  ) -> Sequential {
    precondition(
      sizes.count >= 2, "multilayerPerceptron: need input and output sizes, got \(sizes)")
    precondition(
      sizes.allSatisfy { $0 > 0 }, "multilayerPerceptron: sizes \(sizes) must be positive")
    var layers = [any Layer]()
    for k in 0..<(sizes.count - 1) {
      let isOutput = k == sizes.count - 2
      // The output layer feeds a loss, not an activation: Glorot keeps its logits small.
      layers.append(
        Dense(
          inputSize: sizes[k], outputSize: sizes[k + 1],
          initializer: isOutput ? .glorotUniform : activation.initializer, using: &rng))
      if !isOutput {
        layers.append(activation.makeLayer())
        if dropout > 0 { layers.append(Dropout(rate: dropout)) }
      }
    }
    return Sequential(layers)
  }
}
