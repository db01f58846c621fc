import Foundation
import NumericsCore

/// A character-level language model: one-hot characters in, a recurrent cell, a softmax
/// over the next character out at every step (a many-to-many head).
///
/// Symbol 0 is the word boundary, used both as the start symbol fed first and as the end
/// symbol the model must predict last, exactly like the padding of an n-gram model, so the
/// perplexities of the two are per predicted symbol over the same symbols:
/// ```
/// input   ⟨b⟩ c  a  t
/// target   c  a  t ⟨b⟩
/// p(next | prefix) = softmax(h_t·Wᵀ + b),     L = −(1/N) Σ log p(target_t)
/// perplexity = exp(L)   (N = predicted symbols, the end symbol included)
/// ```
/// Every word is its own sequence from a zero state: words share no context.
public struct CharacterLanguageModel<Cell: RecurrentCell>: Sendable {
  public var cell: Cell
  public var readout: Readout

  /// A model from its parts; the vocabulary size is the cell's input size.
  public init(cell: Cell, readout: Readout) {
    precondition(
      readout.weight.rows == cell.inputSize && readout.weight.columns == cell.hiddenSize,
      "CharacterLanguageModel: readout \(readout.weight.shapeDescription) must be "
        + "\(cell.inputSize) × \(cell.hiddenSize)")
    self.cell = cell
    self.readout = readout
  }

  /// Symbols, the boundary included.
  public var vocabularySize: Int { cell.inputSize }

  /// The six parameter tensors: the cell's four, then the readout's weight and bias.
  public var parameters: [Matrix] {
    get { cell.parameters.all + [readout.weight, readout.bias] }
    set {
      cell.parameters.all = Array(newValue[0..<4])
      readout = Readout(weight: newValue[4], bias: newValue[5])
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
  /// gradient of the *mean* NLL for every parameter.
  ///
  /// Words of different lengths are padded to the longest; padded steps are masked out of
  /// the loss, and since a padded step comes after a word's end it cannot affect that word.
  public func negativeLogLikelihood(
    of words: [[Int]], computeGradients: Bool
  ) -> (total: Double, count: Int, gradients: [Matrix]) {
    precondition(!words.isEmpty, "negativeLogLikelihood: no words")
    let inputs = words.map { [0] + $0 }
    let targets = words.map { $0 + [0] }
    let steps = inputs.map(\.count).max()!
    let count = targets.reduce(0) { $0 + $1.count }
    let xs = (0..<steps).map { oneHot(inputs, step: $0) }
    let unrolled = unroll(cell, over: xs, from: cell.zeroState(batch: words.count))
    // Every step's readout at once: h_1 … h_T stacked (T·B × H) times Wᵀ, one GEMM.
    let hidden = unrolled.stackedHiddenStates
    var logits = readout.forward(hidden)
    let (v, batch) = (logits.columns, words.count)
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
    let dh = readout.backward(logits, hidden: hidden, accumulatingInto: &readoutGradients)
    let direct: [Matrix?] = (0..<steps).map { stepRows($0, of: dh, batch: batch) }
    let bptt = backpropagateThroughTime(
      cell, unrolled, hiddenGradients: direct, computeInputGradients: false)
    return (
      total, count, bptt.parameters.all + [readoutGradients.weight, readoutGradients.bias]
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
    var state = cell.zeroState(batch: 1)
    var symbol = 0
    var word: [Int] = []
    while word.count < maximumLength {
      state = cell.forward(oneHot([[symbol]], step: 0), state: state).state
      let logits = readout.forward(state.hidden).row(0).map { $0 / temperature }
      let m = logits.max()!
      symbol = sampleCategorical(logits.map { exp($0 - m) }, using: &rng)
      if symbol == 0 { break }
      word.append(symbol)
    }
    return word
  }
}
