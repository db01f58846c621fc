/// The sample indices of one epoch, shuffled and cut into mini-batches.
///
/// Every index in `0..<count` appears in exactly one batch. All batches have `batchSize`
/// indices except the last, which keeps the remainder (`count mod batchSize`) instead of
/// dropping it, so no sample is skipped in any epoch.
///
/// ```
/// π = randomPermutation(count)       (Fisher–Yates)
/// batch b = π[b·size ..< min((b+1)·size, count)]
/// ```
/// - Parameters:
///   - count: the number of samples.
///   - batchSize: indices per batch.
///   - rng: the generator for the permutation.
/// - Returns: `⌈count / batchSize⌉` arrays of indices.
/// - Precondition: `count >= 0`, `batchSize > 0`.
public func shuffledBatches<G: RandomNumberGenerator>(
  count: Int, batchSize: Int, using rng: inout G
) -> [[Int]] {
  precondition(count >= 0, "shuffledBatches: negative count \(count)")
  precondition(batchSize > 0, "shuffledBatches: batch size \(batchSize) must be positive")
  let permutation = randomPermutation(count, using: &rng)
  return stride(from: 0, to: count, by: batchSize).map {
    Array(permutation[$0..<Swift.min($0 + batchSize, count)])
  }
}

/// Consecutive index ranges of at most `batchSize` (for evaluation, where order does not
/// matter and shuffling would only cost time). The last range keeps the remainder.
/// - Precondition: `count >= 0`, `batchSize > 0`.
public func sequentialBatches(count: Int, batchSize: Int) -> [Range<Int>] {
  precondition(count >= 0, "sequentialBatches: negative count \(count)")
  precondition(batchSize > 0, "sequentialBatches: batch size \(batchSize) must be positive")
  return stride(from: 0, to: count, by: batchSize).map { $0..<Swift.min($0 + batchSize, count) }
}
