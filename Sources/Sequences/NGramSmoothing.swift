/// How an n-gram model turns counts into probabilities, so that an n-gram never seen in
/// training still gets some probability.
///
/// Add-k (Lidstone; k = 1 is Laplace's rule of succession) spreads k pseudo-counts over
/// every symbol of V:
/// ```
/// P(c | h) = (count(h, c) + k) / (count(h) + k·|V|)
/// ```
/// Interpolated Kneser–Ney (Kneser and Ney 1995; Chen and Goodman 1998, §3.4) subtracts a
/// discount D ∈ (0, 1] from every seen count and gives the freed mass to the next-shorter
/// history h′ (h without its oldest symbol), whose distribution uses continuation counts:
/// ```
/// P(c | h)  = max(count(h, c) − D, 0) / count(h)  +  D · N₁₊(h •) / count(h) · P′(c | h′)
/// P′(c | h) = max(N₁₊(• h c) − D, 0) / N₁₊(• h •)  +  D · N₁₊′(h •) / N₁₊(• h •) · P′(c | h′)
/// P′(c | ·) at the bottom interpolates with the uniform 1/|V|
/// ```
/// where N₁₊(h •) is the number of distinct symbols seen after h, N₁₊(• h c) the number of
/// distinct symbols seen before (h, c), and N₁₊′(h •) the number of distinct c with
/// N₁₊(• h c) > 0. An unseen history gives all its mass to h′. Every distribution sums to 1
/// over V for every D in (0, 1].
public enum NGramSmoothing: Sendable, Equatable, CustomStringConvertible {
  /// Add k ≥ 0 to every count (k = 0: maximum likelihood, zero for unseen n-grams).
  case addK(Double)
  /// Interpolated Kneser–Ney with discount D in (0, 1].
  case kneserNey(discount: Double)

  /// `add-k (k = 0.1)`, `Kneser–Ney (D = 0.8)`.
  public var description: String {
    switch self {
    case .addK(let k): "add-k (k = \(k))"
    case .kneserNey(let d): "Kneser–Ney (D = \(d))"
    }
  }
}

/// The add-k estimate of one conditional probability.
///
/// ```
/// P(c | h) = (count(h, c) + k) / (count(h) + k·|V|)
/// ```
/// The k·|V| in the denominator is what makes Σ_c P(c | h) = 1: each of the |V| symbols got
/// k extra counts. (Adding k to the numerator only is the classic mistake: the
/// "probabilities" then sum to more than 1.)
///
/// - Parameters:
///   - count: count(h, c) ≥ 0.
///   - historyCount: count(h) = Σ_c count(h, c) ≥ count.
///   - vocabularySize: |V| ≥ 1.
///   - k: the pseudo-count, ≥ 0.
/// - Returns: the probability; NaN for k = 0 and an unseen history (0/0 is undefined).
/// - Precondition: the conditions above.
public func addKProbability(
  count: Int, historyCount: Int, vocabularySize: Int, k: Double
)
  -> Double
{
  precondition(
    count >= 0 && historyCount >= count,
    "addKProbability: count \(count) and history count \(historyCount)")
  precondition(vocabularySize >= 1, "addKProbability: vocabulary size \(vocabularySize)")
  precondition(k >= 0 && k.isFinite, "addKProbability: k = \(k) must be finite and ≥ 0")
  return (Double(count) + k) / (Double(historyCount) + k * Double(vocabularySize))
}

/// Add-k probabilities for a whole table of counts: row = history, column = next symbol.
///
/// ```
/// P[h][c] = (C[h][c] + k) / (Σ_c′ C[h][c′] + k·|V|),   |V| = number of columns
/// ```
/// E.g. bigram counts C = [[2, 0], [1, 1]] with k = 1 give [[3/4, 1/4], [2/4, 2/4]].
/// - Precondition: a non-empty rectangle of non-negative counts, k ≥ 0, and with k = 0
///   every row has a positive total.
public func addKProbabilities(counts: [[Int]], k: Double) -> [[Double]] {
  precondition(!counts.isEmpty && !counts[0].isEmpty, "addKProbabilities: empty table")
  let width = counts[0].count
  return counts.enumerated().map { index, row in
    precondition(row.count == width, "addKProbabilities: row \(index) has \(row.count) ≠ \(width)")
    precondition(row.allSatisfy { $0 >= 0 }, "addKProbabilities: negative count in row \(index)")
    let total = row.reduce(0, +)
    precondition(k > 0 || total > 0, "addKProbabilities: row \(index) is empty and k = 0")
    return row.map {
      addKProbability(count: $0, historyCount: total, vocabularySize: width, k: k)
    }
  }
}
