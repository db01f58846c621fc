import Foundation
import NumericsCore

/// A character-level language model: one-hot characters in, a stack of recurrent cells, a
/// softmax over the next character out at every step (a many-to-many head).
///
/// Symbol 0 is the word boundary, used both as the start symbol fed first and as the end
/// symbol the model must predict last, exactly like the padding of an n-gram model, so the
/// perplexities of the two are per predicted symbol over the same symbols:
/// ```
/// input   ⟨b⟩ c  a  t
/// target   c  a  t ⟨b⟩
/// h⁽¹⁾_t = cell₁(x_t, h⁽¹⁾_{t−1}),  h⁽ˡ⁾_t = cellₗ(h⁽ˡ⁻¹⁾_t, h⁽ˡ⁾_{t−1})   (layers 2 … L)
/// p(next | prefix) = softmax(h⁽ᴸ⁾_t·Wᵀ + b),     L = −(1/N) Σ log p(target_t)
/// perplexity = exp(L)   (N = predicted symbols, the end symbol included)
/// ```
/// Every word is its own sequence from a zero state: words share no context. A one-hot
/// input times `W_ihᵀ` is a lookup of one column of `W_ih` per symbol, so the first layer
/// already learns a (4H-wide) embedding of each character; a separate embedding table
/// would add nothing but a factorisation.
///
/// Training may drop units of every layer's output, the input of the next layer and of the
/// readout, never the recurrent connections (Zaremba, Sutskever & Vinyals, "Recurrent
/// neural network regularization", 2014): the memory path is left intact.
public struct CharacterLanguageModel<Cell: RecurrentCell>: Sendable {
  /// The stacked cells, input side first: layer 1 reads the one-hot symbols, layer `l`
  /// reads the hidden states of layer `l − 1`.
  public var layers: [Cell]
  public var readout: Readout
  /// The arithmetic of the recurrent products in `negativeLogLikelihood`: float64 (the
  /// default, gradient-checked), or float32 GEMMs for an LSTM (`LSTM+Float32.swift`), about
  /// 1.5× faster to train. Sampling is always float64.
  public var precision = RecurrentPrecision.float64 {
    didSet { deferTransposes(precision == .float32) }
  }

  /// A model from its parts; the vocabulary size is the first layer's input size.
  /// - Precondition: at least one layer; each layer's input size is the hidden size of
  ///   the one below; the readout is `V × H` for the top layer's `H`.
  public init(layers: [Cell], readout: Readout) {
    precondition(!layers.isEmpty, "CharacterLanguageModel: no layers")
    for l in layers.indices.dropFirst() {
      precondition(
        layers[l].inputSize == layers[l - 1].hiddenSize,
        "CharacterLanguageModel: layer \(l + 1) reads \(layers[l].inputSize) features, "
          + "layer \(l) has \(layers[l - 1].hiddenSize) hidden units")
    }
    let top = layers[layers.count - 1]
    precondition(
      readout.weight.rows == layers[0].inputSize && readout.weight.columns == top.hiddenSize,
      "CharacterLanguageModel: readout \(readout.weight.shapeDescription) must be "
        + "\(layers[0].inputSize) × \(top.hiddenSize)")
    self.layers = layers
    self.readout = readout
  }

  /// A one-layer model.
  public init(cell: Cell, readout: Readout) { self.init(layers: [cell], readout: readout) }

  /// Symbols, the boundary included.
  public var vocabularySize: Int { layers[0].inputSize }

  /// Every parameter tensor: four per layer (`W_ih`, `W_hh`, `b_ih`, `b_hh`), input side
  /// first, then the readout's weight and bias.
  public var parameters: [Matrix] {
    get { layers.flatMap(\.parameters.all) + [readout.weight, readout.bias] }
    set {
      precondition(
        newValue.count == 4 * layers.count + 2,
        "CharacterLanguageModel: \(newValue.count) tensors for \(layers.count) layers")
      for l in layers.indices { layers[l].parameters.all = Array(newValue[(4 * l)..<(4 * l + 4)]) }
      readout = Readout(weight: newValue[4 * layers.count], bias: newValue[4 * layers.count + 1])
    }
  }

  /// One-hot rows for step `t` of every sequence (`B × V`); padding rows stay zero.
  private func oneHot(_ sequences: [[Int]], step t: Int) -> Matrix {
    var m = Matrix.zeros(rows: sequences.count, columns: vocabularySize)
    for (b, s) in sequences.enumerated() where t < s.count { m[b, s[t]] = 1 }
    return m
  }

  /// The summed negative log-likelihood of a batch of words (each a list of symbols
  /// `1 … V−1`, no boundaries), the number of predicted symbols, and, when asked, the
  /// gradient of the *mean* NLL for every parameter (in the order of `parameters`).
  ///
  /// Words of different lengths are padded to the longest; padded steps are masked out of
  /// the loss, and since a padded step comes after a word's end it cannot affect that word.
  public func negativeLogLikelihood(
    of words: [[Int]], computeGradients: Bool
  ) -> (total: Double, count: Int, gradients: [Matrix]) {
    evaluate(words, computeGradients: computeGradients, masks: nil)
  }

  /// The same with dropout, for training: each layer's output unit is kept with
  /// probability `1 − p` and scaled by `1/(1 − p)` (inverted dropout, so inference needs
  /// no rescaling), one mask per layer, step and word, drawn from `rng`. Gradients always.
  /// - Precondition: `0 ≤ p < 1`.
  public func negativeLogLikelihood(
    of words: [[Int]], dropout p: Double, using rng: inout Xoshiro256StarStar
  ) -> (total: Double, count: Int, gradients: [Matrix]) {
    precondition((0..<1).contains(p), "negativeLogLikelihood: dropout \(p) must be in [0, 1)")
    guard p > 0 else { return evaluate(words, computeGradients: true, masks: nil) }
    let rows = (words.map(\.count).max()! + 1) * words.count
    let masks = layers.map { cell in
      var mask = Matrix.zeros(rows: rows, columns: cell.hiddenSize)
      mask.formMap { _ in rng.nextUniform() < p ? 0 : 1 / (1 - p) }
      return mask
    }
    return evaluate(words, computeGradients: true, masks: masks)
  }

  /// The forward pass through every layer and the readout, the loss, and BPTT layer by
  /// layer from the top (a layer's input gradients are the direct hidden-state gradients
  /// of the layer below). `masks[l]`, if given, multiplies layer `l`'s stacked outputs.
  private func evaluate(
    _ words: [[Int]], computeGradients: Bool, masks: [Matrix]?
  ) -> (total: Double, count: Int, gradients: [Matrix]) {
    precondition(!words.isEmpty, "negativeLogLikelihood: no words")
    let inputs = words.map { [0] + $0 }
    let targets = words.map { $0 + [0] }
    let (steps, batch) = (inputs.map(\.count).max()!, words.count)
    let count = targets.reduce(0) { $0 + $1.count }
    var layerInputs = (0..<steps).map { oneHot(inputs, step: $0) }
    var unrolled: [UnrolledSequence<Cell>] = []
    // float32 copies of every layer's weights, rounded once for the batch (float32 only).
    let weights32 = float32Weights()
    // The top layer's h_1 … h_T stacked (T·B × H), dropout applied: the readout's input.
    var top = Matrix.zeros(rows: 0, columns: 0)
    for l in layers.indices {
      let u = unrollLayer(l, over: layerInputs, batch: batch, weights32: weights32)
      unrolled.append(u)
      top = u.stackedHiddenStates
      if let masks { top *= masks[l] }
      if l + 1 < layers.count {
        layerInputs = (0..<steps).map { stepRows($0, of: top, batch: batch) }
      }
    }
    // Every step's readout at once: one GEMM.
    var logits = readout.forward(top)
    let v = logits.columns
    var total = 0.0
    let scale = 1 / Double(count)
    logits.withUnsafeMutableElements { z in
      for t in 0..<steps {
        for (b, target) in targets.enumerated() {
          let row = (t * batch + b) * v
          guard t < target.count else {
            for j in 0..<v { z[row + j] = 0 }  // padding: no loss, no gradient
            continue
          }
          // Log-sum-exp with the row maximum subtracted, so exp cannot overflow.
          var m = -Double.infinity
          for j in 0..<v { m = max(m, z[row + j]) }
          var sum = 0.0
          for j in 0..<v { sum += exp(z[row + j] - m) }
          let logSum = m + log(sum)
          total += logSum - z[row + target[t]]
          // ∂L/∂logits of the mean NLL: (softmax − one-hot(target)) / N.
          for j in 0..<v { z[row + j] = exp(z[row + j] - logSum) * scale }
          z[row + target[t]] -= scale
        }
      }
    }
    guard computeGradients else { return (total, count, []) }
    var readoutGradients = Readout.zeros(like: readout)
    var upstream = readout.backward(logits, hidden: top, accumulatingInto: &readoutGradients)
    var gradients: [[Matrix]] = Array(repeating: [], count: layers.count)
    for l in layers.indices.reversed() {
      if let masks { upstream *= masks[l] }
      let direct: [Matrix?] = (0..<steps).map { stepRows($0, of: upstream, batch: batch) }
      let bptt = backpropagateLayer(
        l, unrolled[l], hiddenGradients: direct, weights32: weights32)
      gradients[l] = bptt.parameters.all
      if l > 0 { upstream = stackSteps(bptt.inputs) }
    }
    return (
      total, count, gradients.flatMap { $0 } + [readoutGradients.weight, readoutGradients.bias]
    )
  }

  /// Draws one word: start from the boundary, sample each next symbol from
  /// `softmax(logits / temperature)` until the boundary comes back or `maximumLength`.
  ///
  /// A temperature below 1 sharpens the distribution (safer, more common spellings), above
  /// 1 flattens it (more varied, more misspelt); 1 samples the model as trained.
  /// - Precondition: `temperature > 0`, `maximumLength ≥ 1`.
  public func sample(
    temperature: Double, maximumLength: Int, using rng: inout Xoshiro256StarStar
  ) -> [Int] {
    precondition(temperature > 0, "sample: temperature \(temperature) must be > 0")
    precondition(maximumLength >= 1, "sample: maximum length \(maximumLength) must be ≥ 1")
    var states = layers.map { $0.zeroState(batch: 1) }
    var symbol = 0
    var word: [Int] = []
    while word.count < maximumLength {
      var input = oneHot([[symbol]], step: 0)
      for l in layers.indices {
        states[l] = layers[l].forward(input, state: states[l]).state
        input = states[l].hidden
      }
      let logits = readout.forward(input).row(0).map { $0 / temperature }
      let m = logits.max()!
      symbol = sampleCategorical(logits.map { exp($0 - m) }, using: &rng)
      if symbol == 0 { break }
      word.append(symbol)
    }
    return word
  }
}
