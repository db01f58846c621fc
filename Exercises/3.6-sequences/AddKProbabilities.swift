// Exercise 3.6.1: bigram probabilities with add-k smoothing.
// Check your work: `swift run exercises check 3.6.1`. Stuck? `swift run exercises hint 3.6.1`.

import ExerciseSupport
import Foundation

/// Add-k smoothed bigram probabilities from a table of counts.
///
/// Your task: `counts[h][c]` is how often symbol `c` followed history `h` (row = history,
/// column = next symbol, |V| = the number of columns). Return the table of
///
/// ```
/// P(c | h) = (C[h][c] + k) / (Σ_c′ C[h][c′] + k·|V|)
/// ```
/// Every row of the result sums to 1; k = 1 is Laplace smoothing, k = 0 the plain
/// maximum-likelihood estimate. A history never seen (a row of zeros) gets the uniform
/// distribution 1/|V| when k > 0.
///
/// Example: `counts = [[2, 0], [1, 1]]`, `k = 1` gives `[[3/4, 1/4], [2/4, 2/4]]`.
///
/// - Parameters:
///   - counts: a non-empty rectangle of non-negative counts.
///   - k: the pseudo-count, ≥ 0 (the checks pass k = 0 only when every row has a count).
/// - Returns: the probabilities, same shape as `counts`.
public func addKProbabilities(counts: [[Int]], k: Double) throws -> [[Double]] {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
