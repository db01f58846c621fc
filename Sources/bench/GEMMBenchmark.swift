import CBLAS
import ChapterKit
import NumericsCore

/// Square matrix products `C = A · B` through `matmul` (allocating and in place), next to
/// a direct `cblas_dgemm` call on raw buffers: the same library, minus our wrapper.
///
/// A product of two `n × n` matrices takes `2n³` floating-point operations (n³ multiplies,
/// n³ adds), so the rate is `2n³ / t`.
struct GEMMBenchmark: BenchmarkSection {
  let key = "gemm"
  let title = "GEMM: C = A·B, n×n float64, GFLOP/s; ratios are speed relative to cblas_dgemm"

  func run(_ settings: BenchSettings) -> SectionResult {
    let sizes = settings.quick ? [64, 256] : [64, 128, 256, 512, 1024]
    var rows: [[String]] = []
    var records: [JSONValue] = []
    for n in sizes {
      let r = measure(n: n, settings: settings)
      rows.append([
        "\(n)", fixed(r.matmul, 2), fixed(r.inPlace, 2), fixed(r.cblas, 2),
        fixed(r.matmulSpeedRatio, 3), fixed(r.inPlaceSpeedRatio, 3),
      ])
      records.append(
        .object([
          "n": .number(Double(n)),
          "matmul_gflops": .number(r.matmul),
          "inplace_gflops": .number(r.inPlace),
          "cblas_gflops": .number(r.cblas),
          "matmul_over_cblas": .number(r.matmulSpeedRatio),
          "inplace_over_cblas": .number(r.inPlaceSpeedRatio),
        ]))
    }
    return SectionResult(
      header: ["n", "matmul", "matmul(into:)", "cblas_dgemm", "matmul/cblas", "into/cblas"],
      rows: rows, records: records)
  }

  /// GFLOP/s of the three ways to multiply, and their speed relative to cblas_dgemm
  /// (`Measurement.speedRatio`: > 1 means faster than the reference).
  private struct Rates {
    let matmul: Double
    let inPlace: Double
    let cblas: Double
    let matmulSpeedRatio: Double
    let inPlaceSpeedRatio: Double
  }

  /// Measures the three ways to multiply two `n × n` matrices, interleaved.
  private func measure(n: Int, settings: BenchSettings) -> Rates {
    var rng = Xoshiro256StarStar(seed: UInt64(n))
    let a = Matrix.uniform(rows: n, columns: n, in: -1, 1, using: &rng)
    let b = Matrix.uniform(rows: n, columns: n, in: -1, 1, using: &rng)
    var allocated = Matrix.zeros(rows: 0, columns: 0)
    var reused = Matrix.zeros(rows: n, columns: n)

    // The reference: the same operands copied to raw buffers, no Swift in between.
    let rawA = UnsafeMutableBufferPointer<Double>.allocate(capacity: n * n)
    let rawB = UnsafeMutableBufferPointer<Double>.allocate(capacity: n * n)
    let rawC = UnsafeMutableBufferPointer<Double>.allocate(capacity: n * n)
    defer {
      rawA.deallocate()
      rawB.deallocate()
      rawC.deallocate()
    }
    _ = rawA.initialize(from: a.elements)
    _ = rawB.initialize(from: b.elements)
    rawC.initialize(repeating: 0)
    let dimension = Int32(n)

    let times = measureInterleaved(
      [
        { allocated = matmul(a, b) },
        { matmul(a, b, into: &reused) },
        {
          cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, dimension, dimension, dimension,
            1, rawA.baseAddress, dimension, rawB.baseAddress, dimension,
            0, rawC.baseAddress, dimension)
        },
      ], targetSeconds: settings.targetSeconds)

    // All three computed the same product; a mismatch means the benchmark is broken.
    let probe = (n / 3) * n + n / 2
    let agree =
      abs(allocated.elements[probe] - rawC[probe]) <= 1e-9 * Double(n)
      && abs(reused.elements[probe] - rawC[probe]) <= 1e-9 * Double(n)
    precondition(agree, "GEMM n=\(n): matmul and cblas_dgemm disagree at element \(probe)")

    let flops = 2 * Double(n) * Double(n) * Double(n)
    let statistic = settings.statistic
    return Rates(
      matmul: flops / times[0].seconds(statistic) / 1e9,
      inPlace: flops / times[1].seconds(statistic) / 1e9,
      cblas: flops / times[2].seconds(statistic) / 1e9,
      matmulSpeedRatio: times[0].speedRatio(to: times[2], statistic),
      inPlaceSpeedRatio: times[1].speedRatio(to: times[2], statistic))
  }
}
