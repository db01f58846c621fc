import NumericsCore

/// A running average of a model's weights over the last part of training, evaluated in
/// place of the last weights (Polyak–Ruppert averaging).
///
/// Stochastic gradient steps end in a cloud around a minimum, not at it: the last iterate
/// carries the noise of its last few mini-batches. The average of the iterates sits nearer
/// the centre of the cloud, and for a model that already fits its training data closely it
/// is usually the better-generalising point (Polyak & Juditsky, "Acceleration of stochastic
/// approximation by averaging", 1992; ASGD for LSTM language models: Merity, Keskar &
/// Socher, "Regularizing and Optimizing LSTM Language Models", 2017). Two kinds:
/// ```
/// uniform:      w̄_n = w̄_{n−1} + (w_n − w̄_{n−1}) / n        = (1/n) Σ_{k≤n} w_k
/// exponential:  w̄_n = β·w̄_{n−1} + (1 − β)·w_n,  w̄_1 = w_1  (weight βⁿ⁻ᵏ(1 − β) on w_k)
/// ```
/// `n` counts the updates since averaging started (`add` calls); the first `add` copies
/// the weights. The exponential average forgets with a horizon of about `1/(1 − β)`
/// updates; the uniform one weighs every update since it started equally. Training never
/// reads the average: only the evaluation does, so averaging costs one pass over the
/// weights per update and changes no gradient.
public struct WeightAverage: Sendable {
  /// How the iterates are weighted.
  public enum Kind: Sendable, Equatable {
    /// Every iterate since the start the same.
    case uniform
    /// Iterate `k` of `n` weighted `βⁿ⁻ᵏ(1 − β)` (the first one `βⁿ⁻¹`).
    case exponential(decay: Double)
  }

  public let kind: Kind
  /// The average so far, one matrix per parameter tensor; empty before the first `add`.
  public private(set) var average: [Matrix] = []
  /// How many iterates it holds.
  public private(set) var count = 0

  /// An empty average.
  /// - Precondition: an exponential decay lies in [0, 1).
  public init(_ kind: Kind) {
    if case .exponential(let decay) = kind {
      precondition(
        decay >= 0 && decay < 1, "WeightAverage: exponential decay \(decay) must lie in [0, 1)")
    }
    self.kind = kind
  }

  /// Adds one iterate.
  /// - Precondition: the tensors have the shapes of the earlier ones.
  public mutating func add(_ weights: [Matrix]) {
    count += 1
    guard count > 1 else {
      average = weights
      return
    }
    precondition(
      weights.count == average.count,
      "WeightAverage.add: \(weights.count) tensors, the average has \(average.count)")
    // The new iterate's weight: 1/n (uniform) or 1 − β (exponential).
    let rate: Double
    switch kind {
    case .uniform: rate = 1 / Double(count)
    case .exponential(let decay): rate = 1 - decay
    }
    for i in weights.indices {
      average[i].formUpdate(along: weights[i]) { a, w in a += rate * (w - a) }
    }
  }
}
