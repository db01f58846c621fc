#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Perplexity: the exponential of the average negative log-probability per predicted symbol.
///
/// ```
/// PP = exp( −(1/M) Σ_{i=1…M} log P(x_i | x_<i) )
/// ```
/// It is the size of a uniform choice that would be as surprising as the model: a model that
/// spreads its bet evenly over 27 symbols has perplexity 27. M counts *every* predicted
/// symbol, including the end symbol of each sequence: leaving them out (or the 1/M) gives a
/// number that is not comparable between models or data sets.
///
/// - Parameter logProbabilities: natural-log probabilities of the M predicted symbols.
/// - Returns: the perplexity; +∞ when one probability is 0 (log = −∞).
/// - Precondition: at least one value; none NaN or positive.
public func perplexity(logProbabilities: [Double]) -> Double {
  precondition(!logProbabilities.isEmpty, "perplexity: no predicted symbols")
  precondition(
    logProbabilities.allSatisfy { !$0.isNaN && $0 <= 0 },
    "perplexity: log-probabilities must be ≤ 0 and not NaN")
  return perplexity(logLikelihood: logProbabilities.reduce(0, +), symbols: logProbabilities.count)
}

/// Perplexity from the total log-likelihood Σ log P and the number M of predicted symbols.
/// - Precondition: `symbols > 0`.
public func perplexity(logLikelihood: Double, symbols: Int) -> Double {
  precondition(symbols > 0, "perplexity: \(symbols) predicted symbols")
  return exp(-logLikelihood / Double(symbols))
}

/// The perplexity of whole sequences under any character model given as a function.
///
/// Every sequence is padded with `order − 1` start symbols (`nil`) in front; the model is
/// asked for each character and then for the end symbol (`next == nil`), so M = Σ (length
/// + 1). This is the convention of `sequences ngram` and of chapter 3.7's RNN.
///
/// - Parameters:
///   - sequences: the texts (Unicode scalars as they are).
///   - order: N ≥ 1; the history passed has N−1 entries, oldest first, `nil` = start.
///   - probability: P(next | history), `next == nil` for the end symbol.
/// - Returns: exp(−(1/M) Σ log P).
public func perplexity(
  of sequences: [String], order: Int,
  probability: (_ history: [Unicode.Scalar?], _ next: Unicode.Scalar?) -> Double
) -> Double {
  precondition(order >= 1, "perplexity: order \(order) must be at least 1")
  var total = 0.0
  var symbols = 0
  for sequence in sequences {
    var history = [Unicode.Scalar?](repeating: nil, count: order - 1)
    for next in Array(sequence.unicodeScalars).map(Optional.some) + [nil] {
      total += log(probability(history, next))
      symbols += 1
      if order > 1 {
        history.removeFirst()
        history.append(next)
      }
    }
  }
  return perplexity(logLikelihood: total, symbols: symbols)
}
