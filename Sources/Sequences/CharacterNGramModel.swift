import NumericsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A character n-gram language model: P(x_t | x_<t) ≈ P(x_t | x_{t−N+1} … x_{t−1}).
///
/// The Markov assumption of order N−1 cuts the history to the last N−1 symbols, so the
/// model is a table of counts (`NGramCounts`) plus a rule for unseen n-grams
/// (`NGramSmoothing`). The probability of a whole sequence is the chain rule:
/// ```
/// P(x_1 … x_T ⟨/s⟩) = Π_t P(x_t | x_{t−N+1} … x_{t−1}),   histories padded with ⟨s⟩
/// ```
/// and its quality on held-out text is the perplexity (`perplexity(logLikelihood:symbols:)`).
///
/// One count table of order N serves every order n ≤ N (see `NGramCounts`), so a sweep
/// over orders counts once: `CharacterNGramModel(counts: table, order: n, …)`.
public struct CharacterNGramModel: Sendable {
  /// The characters; ids as `Alphabet` defines them.
  public let alphabet: Alphabet
  /// The counts (of order ≥ `order`).
  public let counts: NGramCounts
  /// n: this model conditions on the last n−1 symbols.
  public let order: Int
  /// How counts become probabilities.
  public var smoothing: NGramSmoothing

  /// Counts `training` and builds a model of order n.
  /// - Precondition: `order ≥ 1`; the smoothing's parameter in range.
  public init(order: Int, training: [String], smoothing: NGramSmoothing) {
    let alphabet = Alphabet(of: training)
    let sequences = training.map { alphabet.encode($0)! }
    self.init(
      alphabet: alphabet,
      counts: NGramCounts(
        order: order, sequences: sequences, vocabularySize: alphabet.vocabularySize),
      order: order, smoothing: smoothing)
  }

  /// A model of order n ≤ `counts.order` over existing counts.
  public init(alphabet: Alphabet, counts: NGramCounts, order: Int, smoothing: NGramSmoothing) {
    precondition(
      order >= 1 && order <= counts.order,
      "CharacterNGramModel: order \(order) outside 1...\(counts.order) of the counts")
    precondition(
      counts.vocabularySize == alphabet.vocabularySize,
      "CharacterNGramModel: counts over \(counts.vocabularySize) symbols, alphabet has "
        + "\(alphabet.vocabularySize)")
    switch smoothing {
    case .addK(let k):
      precondition(k >= 0 && k.isFinite, "CharacterNGramModel: add-k with k = \(k)")
    case .kneserNey(let d):
      precondition(d > 0 && d <= 1, "CharacterNGramModel: Kneser–Ney discount \(d) ∉ (0, 1]")
    }
    self.alphabet = alphabet
    self.counts = counts
    self.order = order
    self.smoothing = smoothing
  }

  /// |V|.
  public var vocabularySize: Int { alphabet.vocabularySize }

  /// P(c | nodes): `nodes` are the trie nodes of the history of lengths 0, 1, …, d (d ≤ n−1;
  /// d < n−1 means the longer histories were never seen).
  func probability(of symbol: Int, nodes: [Int]) -> Double {
    let highest = order - 1
    switch smoothing {
    case .addK(let k):
      // An unseen full history has count(h, c) = count(h) = 0: P = k / (k|V|).
      let seen = nodes.count > highest
      let node = seen ? nodes[highest] : -1
      return addKProbability(
        count: seen ? counts.count(at: node, of: symbol) : 0,
        historyCount: seen ? counts.total[node] : 0, vocabularySize: vocabularySize, k: k)
    case .kneserNey(let discount):
      var p = 1 / Double(vocabularySize)
      for length in 0..<min(nodes.count, order) {
        let node = nodes[length]
        let (c, total, distinct): (Int, Int, Int) =
          length == highest
          ? (counts.count(at: node, of: symbol), counts.total[node], counts.distinct[node])
          : (
            counts.continuationCount(at: node, of: symbol), counts.continuationTotal[node],
            counts.continuationDistinct[node]
          )
        guard total > 0 else { continue }
        p = (max(Double(c) - discount, 0) + discount * Double(distinct) * p) / Double(total)
      }
      return p
    }
  }

  /// P(c | h) for a history given oldest symbol first (`alphabet.start` for ⟨s⟩); only the
  /// last n−1 symbols are used, and a shorter history is padded with ⟨s⟩.
  public func probability(of symbol: Int, after history: [Int]) -> Double {
    precondition(
      symbol >= 0 && symbol < vocabularySize, "probability: symbol \(symbol) not in V")
    let padded =
      [Int](repeating: alphabet.start, count: max(0, order - 1 - history.count))
      + history.suffix(order - 1) + [symbol]
    var nodes = [Int]()
    counts.historyNodes(
      of: padded, before: padded.count - 1, maximumLength: order - 1, into: &nodes)
    return probability(of: symbol, nodes: nodes)
  }

  /// The whole distribution P(· | h) over V (index = symbol id; index 0 = end symbol).
  public func distribution(after history: [Int]) -> [Double] {
    (0..<vocabularySize).map { probability(of: $0, after: history) }
  }

  /// Draws one sequence: start from n−1 start symbols, sample P(· | h) until the end
  /// symbol or `maximumLength` characters.
  /// - Returns: the generated text (without the end symbol).
  public func sample(maximumLength: Int = 40, using rng: inout Xoshiro256StarStar) -> String {
    precondition(maximumLength >= 0, "sample: maximum length \(maximumLength) < 0")
    var generated = [Int]()
    while generated.count < maximumLength {
      let next = sampleCategorical(distribution(after: generated), using: &rng)
      if next == Alphabet.end { break }
      generated.append(next)
    }
    return alphabet.decode(generated)
  }
}
