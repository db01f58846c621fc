import ChapterKit
import NumericsCore

/// Element-wise addition of two vectors of `count` doubles: allocating `a + b`, in place
/// `a += b`, and a raw pointer loop `a[i] += b[i]` as the machine's reference.
///
/// Bytes are counted as the algorithm needs them: read two arrays, write one, 8 bytes
/// each, `24 · count` per operation. (The hardware may move more, e.g. reading the
/// destination's cache lines before writing them; that cost is real but not counted.)
/// At 10⁷ elements (240 MB touched) the data cannot stay in cache, so the rate
/// approaches the memory bandwidth; at 10⁶ (24 MB) part of it fits in a 32 MB L3.
///
/// The allocating `a + b` also pays for its fresh destination: its cache lines must be
/// fetched before they are written, and a third array competes for the cache. At 10⁷
/// elements (80 MB, above the 32 MB that glibc can keep in its heap, see
/// AllocatorTuning.swift) every result is a new `mmap` that page-faults in 4 KB pages;
/// NumPy asks for transparent huge pages there and faults far less. Training loops use
/// the in-place forms for this reason.
struct ElementwiseBenchmark: BenchmarkSection {
  let key = "elementwise"
  let title = "Element-wise add, float64, GB/s (24 bytes per element: read 2, write 1)"

  func run(_ settings: BenchSettings) -> SectionResult {
    let counts = settings.quick ? [1_000_000] : [1_000_000, 10_000_000]
    var rows: [[String]] = []
    var records: [JSONValue] = []
    for count in counts {
      let (allocating, inPlace, raw) = measure(count: count, settings: settings)
      rows.append([
        "\(count)", fixed(allocating, 2), fixed(inPlace, 2), fixed(raw, 2),
        fixed(inPlace / raw, 3),
      ])
      records.append(
        .object([
          "count": .number(Double(count)),
          "add_gbps": .number(allocating),
          "inplace_add_gbps": .number(inPlace),
          "raw_loop_gbps": .number(raw),
        ]))
    }
    return SectionResult(
      header: ["elements", "a + b", "a += b", "raw loop", "(a += b)/raw"],
      rows: rows, records: records)
  }

  private func measure(count: Int, settings: BenchSettings) -> (Double, Double, Double) {
    var rng = Xoshiro256StarStar(seed: UInt64(count))
    let b = Matrix.uniform(rows: 1, columns: count, using: &rng)
    var a = Matrix.uniform(rows: 1, columns: count, using: &rng)
    var sum = Matrix.zeros(rows: 0, columns: 0)
    let rawA = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
    let rawB = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
    defer {
      rawA.deallocate()
      rawB.deallocate()
    }
    _ = rawA.initialize(from: a.elements)
    _ = rawB.initialize(from: b.elements)

    let times = measureInterleaved(
      [
        { sum = a + b },
        { a += b },
        {
          for i in 0..<count { rawA[i] += rawB[i] }
        },
      ], targetSeconds: settings.targetSeconds)
    precondition(sum.count == count && a.isFinite, "element-wise benchmark: wrong result")

    let bytes = 24 * Double(count)
    let statistic = settings.statistic
    return (
      bytes / times[0].seconds(statistic) / 1e9, bytes / times[1].seconds(statistic) / 1e9,
      bytes / times[2].seconds(statistic) / 1e9
    )
  }
}
