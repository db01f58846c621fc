// Timing on a monotonic clock, robust to a shared machine.
//
// Why batches: one call of a 64×64 GEMM takes microseconds, close to the clock's own
// overhead, so calls are grouped into batches of at least ~2 ms and each batch gives one
// per-call time. Why the best batch by default: other processes only ever add time, so the
// fastest batch is the best estimate of what the code itself costs; the bench machine is
// shared, and a median there measures the neighbours. The median remains available for
// the typical cost under load. Why interleaved: when candidates are compared (matmul
// against cblas_dgemm), running their batches in turn exposes them to the same load.

/// Which summary of the batch times a benchmark reports.
public enum Statistic: String, CaseIterable, Sendable {
  /// The fastest batch: the cost without interference.
  case best
  /// The middle batch: the typical cost under the current load.
  case median
}

/// The per-call time of one candidate.
public struct Measurement: Sendable {
  /// The per-call time of every batch, in the order they ran, in seconds.
  public let samples: [Double]
  /// The median per-call time over all batches, in seconds.
  public var median: Double { Self.median(samples) }
  /// The fastest per-call time seen, in seconds.
  public var best: Double { samples.min() ?? .nan }

  public static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The per-call time by the chosen statistic, in seconds.
  public func seconds(_ statistic: Statistic) -> Double {
    statistic == .best ? best : median
  }

  /// How many times faster `self` is than `reference` (> 1: faster): the ratio of the
  /// best times, or with `.median` the median of round-by-round ratios.
  public func speedRatio(to reference: Measurement, _ statistic: Statistic) -> Double {
    statistic == .best ? reference.best / best : reference.pairedRatio(to: self)
  }

  /// The median over rounds of `self`'s time divided by `other`'s time in the same round.
  ///
  /// Batches of one round run back to back, under nearly the same background load, so
  /// this paired ratio is far steadier on a busy machine than a ratio of two medians.
  /// - Precondition: both come from the same `measureInterleaved` call.
  public func pairedRatio(to other: Measurement) -> Double {
    precondition(samples.count == other.samples.count, "pairedRatio: different round counts")
    return Self.median(zip(samples, other.samples).map { $0 / $1 })
  }
}

/// Seconds elapsed while running `body` once.
public func secondsToRun(_ body: () -> Void) -> Double {
  let clock = ContinuousClock()
  let elapsed = clock.measure(body)
  let (seconds, attoseconds) = elapsed.components
  return Double(seconds) + Double(attoseconds) * 1e-18
}

/// Times each candidate for about `targetSeconds`, batch by batch in turn.
///
/// - Parameters:
///   - candidates: the operations to time; each call must do the same work.
///   - targetSeconds: the measuring time per candidate (after a warm-up).
///   - minimumBatches: at least this many batches per candidate, however slow.
/// - Returns: one `Measurement` per candidate, in order.
public func measureInterleaved(
  _ candidates: [() -> Void], targetSeconds: Double, minimumBatches: Int = 5
) -> [Measurement] {
  // Warm-up: page in the buffers, start BLAS threads, fill caches; then size the batches.
  let batchSizes = candidates.map { candidate -> Int in
    candidate()
    let once = max(secondsToRun(candidate), 1e-9)
    return max(1, Int((2e-3 / once).rounded(.up)))
  }
  var perCall = [[Double]](repeating: [], count: candidates.count)
  var spent = [Double](repeating: 0, count: candidates.count)
  while zip(spent, perCall).contains(where: { $0 < targetSeconds || $1.count < minimumBatches }) {
    for (i, candidate) in candidates.enumerated() {
      let batch = batchSizes[i]
      let seconds = secondsToRun {
        for _ in 0..<batch { candidate() }
      }
      perCall[i].append(seconds / Double(batch))
      spent[i] += seconds
    }
  }
  return perCall.map { Measurement(samples: $0) }
}

extension Measurement {
  /// Creates a measurement from per-call times in seconds.
  public init(perCallSeconds samples: [Double]) { self.samples = samples }

  /// The `p`-quantile of the samples (nearest rank), e.g. 0.99 for the p99 latency.
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "Measurement.quantile: p \(p) outside [0, 1]")
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return .nan }
    let rank = Swift.max(1, Int((p * Double(sorted.count)).rounded(.up)))
    return sorted[rank - 1]
  }
}

/// Latency: times `repeats` single calls of `body` one by one (after `warmUp` untimed
/// calls), so the quantiles describe what one request waits — unlike
/// `measureInterleaved`, which averages over batches of calls to measure throughput.
public func measureLatency(repeats: Int, warmUp: Int = 3, _ body: () -> Void) -> Measurement {
  precondition(repeats >= 1, "measureLatency: repeats \(repeats) must be ≥ 1")
  for _ in 0..<warmUp { body() }
  return Measurement(perCallSeconds: (0..<repeats).map { _ in secondsToRun(body) })
}
