import MonteCarlo
import NumericsCore

/// π by darts (chapter 3.5): `estimatePi` with 10⁷ samples on one core, in samples per
/// second. Each dart draws two uniforms from xoshiro256** and tests x² + y² < 1; the loop
/// allocates nothing, so this measures the generator and the loop, which is what a
/// Monte Carlo estimate costs. The NumPy peer (`Benchmarks/peers/pi.py`) does the same
/// work vectorised, in chunks of 10⁶ to bound its memory.
struct PiBenchmark: BenchmarkSection {
  let key = "pi"
  let title = "π by darts, 10⁷ samples, one core"

  func run(_ settings: BenchSettings) -> SectionResult {
    let samples = settings.quick ? 1_000_000 : 10_000_000
    var rng = Xoshiro256StarStar(seed: 1)
    var estimate = 0.0
    let times = measureInterleaved(
      [{ estimate = estimatePi(samples: samples, using: &rng).mean }],
      targetSeconds: settings.targetSeconds)
    // Four standard errors of a 10⁶-dart estimate is about 0.0066: a broken loop fails.
    precondition(abs(estimate - Double.pi) < 0.01, "π benchmark: wrong estimate \(estimate)")
    let seconds = times[0].seconds(settings.statistic)
    let millisecondsPer10M = seconds * 1e3 * 1e7 / Double(samples)
    return SectionResult(
      header: ["samples", "ms per 10⁷", "million samples/s"],
      rows: [
        [
          "\(samples)", fixed(millisecondsPer10M, 1),
          fixed(Double(samples) / seconds / 1e6, 1),
        ]
      ],
      records: [
        .object([
          ("samples", .integer(samples)),
          ("ms_per_1e7", .number(millisecondsPer10M)),
          ("samples_per_second", .number(Double(samples) / seconds)),
        ])
      ])
  }
}
