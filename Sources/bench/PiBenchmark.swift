import ChapterKit
import MonteCarlo
import NumericsCore

/// π by darts (chapter 3.5) with 10⁷ samples on one core: the textbook `estimatePi` (one
/// generator stream) and `estimatePiInterleaved` (two independent streams, so the CPU
/// overlaps two dependency chains). Each dart draws two uniforms from xoshiro256** and
/// tests x² + y² < 1; the loops allocate nothing, so this measures what a Monte Carlo
/// estimate costs. The NumPy peer (`Benchmarks/peers/pi.py`) does the same
/// work vectorised, in chunks of 10⁶ to bound its memory.
struct PiBenchmark: BenchmarkSection {
  let key = "pi"
  let title = "π by darts, 10⁷ samples, one core"

  func run(_ settings: BenchSettings) -> SectionResult {
    let samples = settings.quick ? 1_000_000 : 10_000_000
    var rng = Xoshiro256StarStar(seed: 1)
    var plain = 0.0
    var interleaved = 0.0
    let times = measureInterleaved(
      [
        { plain = estimatePi(samples: samples, using: &rng).mean },
        { interleaved = estimatePiInterleaved(samples: samples, using: &rng).mean },
      ],
      targetSeconds: settings.targetSeconds)
    // Four standard errors of a 10⁶-dart estimate is about 0.0066: a broken loop fails.
    for estimate in [plain, interleaved] {
      precondition(abs(estimate - Double.pi) < 0.01, "π benchmark: wrong estimate \(estimate)")
    }
    let ms = times.map { $0.seconds(settings.statistic) * 1e3 * 1e7 / Double(samples) }
    return SectionResult(
      header: ["samples", "estimatePi ms/10⁷", "interleaved ms/10⁷", "million samples/s"],
      rows: [
        ["\(samples)", fixed(ms[0], 1), fixed(ms[1], 1), fixed(1e7 / ms[1] / 1e3, 1)]
      ],
      records: [
        .object([
          "samples": .number(Double(samples)),
          "ms_per_1e7": .number(ms[1]),
          "one_stream_ms_per_1e7": .number(ms[0]),
        ])
      ])
  }
}
