// Exercise 3.6.2: the perplexity of a set of sequences.
// Check your work: `swift run exercises check 3.6.2`. Stuck? `swift run exercises hint 3.6.2`.

import ExerciseSupport
import Foundation

/// Perplexity: the exponential of the average negative log-probability per predicted symbol.
///
/// Your task: `sequences[s]` holds the natural-log probabilities a model gave to each
/// predicted symbol of sequence `s`: its characters, then (last) its end symbol. Return
///
/// ```
/// PP = exp( −(1/M) Σ_s Σ_i sequences[s][i] ),   M = Σ_s sequences[s].count
/// ```
/// M counts every predicted symbol, the end symbols included, and all sequences are
/// pooled into one average. A model that is uniform over 27 symbols has perplexity 27.
///
/// Example: `[[log 0.5, log 0.25], [log 0.5]]`: Σ = −4 log 2 over M = 3, so PP = 2^(4/3)
/// ≈ 2.52.
///
/// - Parameter sequences: at least one sequence, each with at least one value ≤ 0.
/// - Returns: the perplexity (≥ 1).
public func perplexity(sequences: [[Double]]) throws -> Double {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
