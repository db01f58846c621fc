/// Draws an index from a categorical distribution given by (unnormalised) weights.
///
/// ```
/// u ~ Uniform[0, 1),  return the smallest i with  Σ_{j ≤ i} w_j > u · Σ_j w_j
/// ```
/// One `nextUniform()` per draw (inverse-CDF sampling by a linear scan: O(n), fine for the
/// vocabularies and class counts of this course). The weights need not sum to 1, so a
/// softmax output, a row of counts or `exp(logits/T)` can be passed as they are.
///
/// - Parameters:
///   - weights: `w_i ≥ 0`, finite, at least one positive.
///   - rng: the generator.
/// - Returns: an index in `0..<weights.count`; an index whose weight is 0 is never returned.
/// - Precondition: the conditions on `weights`.
public func sampleCategorical<G: RandomNumberGenerator>(
  _ weights: [Double], using rng: inout G
) -> Int {
  var total = 0.0
  for (index, weight) in weights.enumerated() {
    precondition(
      weight >= 0 && weight.isFinite,
      "sampleCategorical: weight \(weight) at index \(index) must be ≥ 0 and finite")
    total += weight
  }
  precondition(total > 0, "sampleCategorical: the \(weights.count) weights sum to \(total)")
  let threshold = rng.nextUniform() * total
  var cumulative = 0.0
  var last = 0
  for (index, weight) in weights.enumerated() where weight > 0 {
    cumulative += weight
    last = index
    if cumulative > threshold { return index }
  }
  // Rounding can leave the running sum a hair below the threshold: the last positive weight.
  return last
}
