/// The counts of a character n-gram model, for every history length 0 … N−1 at once.
///
/// Each sequence is padded with N−1 start symbols in front and one end symbol behind, and
/// every position after the padding is one *event*: a symbol `c` predicted from the N−1
/// symbols before it. For each event and each j = 0 … N−1 we count `c` after the last j
/// symbols (its *history of length j*):
///
/// ```
/// "ab", N = 3:   ⟨s⟩ ⟨s⟩ a b ⟨/s⟩   events: (⟨s⟩⟨s⟩ → a), (⟨s⟩a → b), (a b → ⟨/s⟩)
/// j = 2: count(⟨s⟩⟨s⟩, a), count(⟨s⟩a, b), count(ab, ⟨/s⟩)
/// j = 1: count(⟨s⟩, a),    count(a, b),    count(b, ⟨/s⟩)
/// j = 0: count(a), count(b), count(⟨/s⟩)
/// ```
/// Counting the shorter histories from the same events (rather than from shorter padding)
/// keeps the start symbol out of every distribution, and it means one table serves all
/// orders n ≤ N: the history of length n−1 under N−1 start symbols is exactly the history
/// under n−1 of them.
///
/// Kneser–Ney also needs *continuation counts*: for a history h of length j < N−1,
/// `N₁₊(• h c)` = the number of distinct symbols w such that (w h → c) was seen.
/// A rare word-ending like "q" may follow many contexts or few; KN's lower orders ask
/// "in how many contexts does c appear after h", not "how often".
///
/// Storage is a trie of histories read backwards (most recent symbol first), so walking
/// from the root along x_{t−1}, x_{t−2}, … visits the histories of length 0, 1, 2, … of one
/// event. Node and symbol form one integer key, so counting allocates nothing per event.
public struct NGramCounts: Sendable {
  /// N: the longest history is N−1 symbols.
  public let order: Int
  /// |V|: predicted symbols are ids `0..<vocabularySize` (end symbol and characters).
  public let vocabularySize: Int
  /// The id used for the start symbol (= `vocabularySize`).
  public var start: Int { vocabularySize }

  // Per node (node 0 = the empty history).
  private var parent: [Int] = [-1]
  private(set) var depth: [Int] = [0]
  private(set) var total: [Int] = [0]
  private(set) var distinct: [Int] = [0]
  private(set) var continuationTotal: [Int] = [0]
  private(set) var continuationDistinct: [Int] = [0]
  // node · (|V| + 1) + previous symbol → child node (one symbol further back).
  private var children: [Int: Int] = [:]
  // node · |V| + c → count(h, c), and → N₁₊(• h c).
  private var counts: [Int: Int] = [:]
  private var continuations: [Int: Int] = [:]

  /// Counts the events of `sequences`.
  ///
  /// - Parameters:
  ///   - order: N ≥ 1.
  ///   - sequences: character ids in `1..<vocabularySize` (see `Alphabet`), unpadded.
  ///   - vocabularySize: |V| = number of characters + 1.
  /// - Precondition: the conditions above.
  public init(order: Int, sequences: [[Int]], vocabularySize: Int) {
    precondition(order >= 1, "NGramCounts: order \(order) must be at least 1")
    precondition(vocabularySize >= 1, "NGramCounts: vocabulary size \(vocabularySize) < 1")
    self.order = order
    self.vocabularySize = vocabularySize
    var padded = [Int]()
    for sequence in sequences {
      padded.removeAll(keepingCapacity: true)
      padded.append(contentsOf: repeatElement(vocabularySize, count: order - 1))
      for symbol in sequence {
        precondition(
          symbol >= 1 && symbol < vocabularySize,
          "NGramCounts: character id \(symbol) outside 1..<\(vocabularySize)")
        padded.append(symbol)
      }
      padded.append(Alphabet.end)
      for i in (order - 1)..<padded.count {
        var node = 0
        record(padded[i], at: node)
        for back in stride(from: 1, through: order - 1, by: 1) {
          node = child(of: node, symbol: padded[i - back])
          record(padded[i], at: node)
        }
      }
    }
    // Continuation counts: each distinct (w h → c) adds one to N₁₊(• h c).
    for (key, _) in counts {
      let node = key / vocabularySize
      guard node != 0 else { continue }
      let up = parent[node]
      let continuationKey = up * vocabularySize + key % vocabularySize
      let before = continuations[continuationKey, default: 0]
      continuations[continuationKey] = before + 1
      if before == 0 { continuationDistinct[up] += 1 }
      continuationTotal[up] += 1
    }
  }

  private mutating func child(of node: Int, symbol: Int) -> Int {
    let key = node * (vocabularySize + 1) + symbol
    if let existing = children[key] { return existing }
    let new = parent.count
    children[key] = new
    parent.append(node)
    depth.append(depth[node] + 1)
    total.append(0)
    distinct.append(0)
    continuationTotal.append(0)
    continuationDistinct.append(0)
    return new
  }

  private mutating func record(_ symbol: Int, at node: Int) {
    let key = node * vocabularySize + symbol
    let before = counts[key, default: 0]
    counts[key] = before + 1
    if before == 0 { distinct[node] += 1 }
    total[node] += 1
  }

  /// The number of distinct histories stored (of every length, the empty one included).
  public var historyCount: Int { parent.count }

  /// The node of the history `x_{t−1}, x_{t−2}, …` one symbol further back than `node`.
  func node(after node: Int, symbol: Int) -> Int? {
    children[node * (vocabularySize + 1) + symbol]
  }

  /// count(h, c) at a node.
  func count(at node: Int, of symbol: Int) -> Int {
    counts[node * vocabularySize + symbol] ?? 0
  }

  /// N₁₊(• h c) at a node.
  func continuationCount(at node: Int, of symbol: Int) -> Int {
    continuations[node * vocabularySize + symbol] ?? 0
  }

  /// The nodes of the histories of lengths 0, 1, … of the event at `padded[index]`, up to
  /// `maximumLength` or until a history was never seen; written into `nodes`.
  func historyNodes(
    of padded: [Int], before index: Int, maximumLength: Int, into nodes: inout [Int]
  ) {
    nodes.removeAll(keepingCapacity: true)
    var node = 0
    nodes.append(0)
    var back = 1
    while back <= maximumLength, index - back >= 0,
      let next = self.node(after: node, symbol: padded[index - back])
    {
      node = next
      nodes.append(node)
      back += 1
    }
  }

  /// count(h, c) for a history given oldest symbol first (length ≤ N−1; use `start` for
  /// the start symbol); 0 when the history was never seen.
  public func count(history: [Int], next symbol: Int) -> Int {
    guard let node = node(of: history) else { return 0 }
    return count(at: node, of: symbol)
  }

  /// count(h) = Σ_c count(h, c): how often the history was followed by anything.
  public func count(history: [Int]) -> Int {
    guard let node = node(of: history) else { return 0 }
    return total[node]
  }

  private func node(of history: [Int]) -> Int? {
    precondition(
      history.count < order, "NGramCounts: history of \(history.count) symbols for order \(order)")
    var node = 0
    for symbol in history.reversed() {
      guard let next = self.node(after: node, symbol: symbol) else { return nil }
      node = next
    }
    return node
  }
}
