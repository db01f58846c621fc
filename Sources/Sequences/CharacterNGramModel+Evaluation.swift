#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a model scored on a set of sequences.
public struct NGramEvaluation: Sendable, Equatable {
  /// Σ log P over every predicted symbol (natural log); −∞ if one had probability 0.
  public var logLikelihood: Double
  /// M: the characters plus one end symbol per sequence.
  public var predictedSymbols: Int
  /// Events whose full n-gram (history of n−1 symbols and the symbol) never occurred in
  /// training: the ones that only smoothing can give probability to.
  public var unseenNGrams: Int
  /// The first event with probability 0 (only possible with add-k, k = 0), if any.
  public var firstImpossible: ImpossibleEvent?

  /// exp(−logLikelihood / M); +∞ when an event had probability 0.
  public var perplexity: Double {
    // Module-qualified: the property's own name would shadow the free function.
    Sequences.perplexity(logLikelihood: logLikelihood, symbols: predictedSymbols)
  }
}

/// An event that a model gives probability 0 (or 0/0 when its history is unseen).
public struct ImpossibleEvent: Sendable, Equatable {
  /// Which sequence (0-based, in the order given).
  public var sequence: Int
  /// The position of the predicted symbol in the sequence (0-based; = length for the end).
  public var position: Int
  /// The n−1 symbols before it, oldest first (`Alphabet.start` ids for ⟨s⟩).
  public var history: [Int]
  /// The predicted symbol's id.
  public var symbol: Int
  /// count(h): 0 means the history itself never occurred, so P = 0/0.
  public var historyCount: Int
}

/// A sequence holds a character the model's alphabet does not have.
public enum NGramError: Error, Sendable, Equatable {
  /// `character` first appears in sequence `sequence` (0-based) at scalar `position`.
  case unknownCharacter(Unicode.Scalar, sequence: Int, position: Int)
}

extension CharacterNGramModel {
  /// Scores texts: the chain-rule log-likelihood, M, and the perplexity.
  /// - Throws: `NGramError.unknownCharacter` for a character not in the training alphabet.
  public func evaluate(_ texts: [String]) throws(NGramError) -> NGramEvaluation {
    var encoded = [[Int]]()
    encoded.reserveCapacity(texts.count)
    for (index, text) in texts.enumerated() {
      guard let ids = alphabet.encode(text) else {
        let scalars = Array(text.unicodeScalars)
        let position = scalars.firstIndex { alphabet.id(of: $0) == nil }!
        throw .unknownCharacter(scalars[position], sequence: index, position: position)
      }
      encoded.append(ids)
    }
    return evaluate(encoded: encoded)
  }

  /// Scores sequences of character ids (unpadded; ids `1..<|V|`).
  public func evaluate(encoded sequences: [[Int]]) -> NGramEvaluation {
    var result = NGramEvaluation(
      logLikelihood: 0, predictedSymbols: 0, unseenNGrams: 0, firstImpossible: nil)
    var padded = [Int]()
    var nodes = [Int]()
    for (index, sequence) in sequences.enumerated() {
      padded.removeAll(keepingCapacity: true)
      padded.append(contentsOf: repeatElement(alphabet.start, count: order - 1))
      padded.append(contentsOf: sequence)
      padded.append(Alphabet.end)
      for i in (order - 1)..<padded.count {
        let symbol = padded[i]
        counts.historyNodes(of: padded, before: i, maximumLength: order - 1, into: &nodes)
        let fullHistorySeen = nodes.count == order
        if !fullHistorySeen || counts.count(at: nodes[order - 1], of: symbol) == 0 {
          result.unseenNGrams += 1
        }
        let p = probability(of: symbol, nodes: nodes)
        result.predictedSymbols += 1
        if p > 0 {
          result.logLikelihood += log(p)
        } else {
          // p = 0, or NaN from 0/0 (k = 0 and an unseen history): the sequence is impossible.
          result.logLikelihood = -.infinity
          if result.firstImpossible == nil {
            result.firstImpossible = ImpossibleEvent(
              sequence: index, position: i - (order - 1),
              history: Array(padded[(i - order + 1)..<i]),
              symbol: symbol, historyCount: fullHistorySeen ? counts.total[nodes[order - 1]] : 0)
          }
        }
      }
    }
    return result
  }
}
