import ArgumentParser
import ChapterKit
import Layers
import NumericsCore
import Optimizers

/// `bench`: throughput of the hot paths of NumericsCore, as a table or as JSON.
///
/// Each benchmark is a `BenchmarkSection`: it runs, prints a table, and contributes one
/// top-level key to the JSON document (`"gemm"`, `"elementwise"`, …). Later chapters add
/// a section by appending to `Bench.sections`; nothing else changes. Build in release:
/// a debug build measures the Swift compiler's checks, not the algorithms.
@main
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Benchmarks of the hot paths (GEMM, element-wise arithmetic); release builds only.",
    discussion: """
      Each candidate runs in batches of at least 2 ms for about 0.2 s (0.03 s with \
      --quick) on a monotonic clock, after a warm-up call; the candidates of one \
      measurement run interleaved, batch by batch, so that load from other processes \
      affects them alike. Reported: the best batch (default; what the code costs without \
      interference) or the median batch (--statistic median; with round-by-round ratios).
      """)

  @Flag(help: "Print one JSON document on stdout instead of the tables.")
  var json = false

  @Flag(help: "Fewer sizes and shorter measurements: a smoke test, not a result.")
  var quick = false

  @Option(help: "Which batch time to report: best or median.")
  var statistic: Statistic = .best

  @Option(
    help: ArgumentHelp(
      "Run only these sections (comma-separated).", valueName: "gemm,elementwise"),
    transform: { $0.split(separator: ",").map(String.init) })
  var only: [String]?

  /// Every benchmark, in the order they run and appear in the JSON document.
  static let sections: [any BenchmarkSection] = [
    GEMMBenchmark(), ElementwiseBenchmark(), PiBenchmark(), TrainingStepSection(),
    AdamUpdateSection(), RecurrentStepSection(), GANStepSection(), ConvStepSection(),
    InferenceSection(),
  ]

  @Option(
    help: ArgumentHelp(
      "Only run this many 784-256-10 SGD training steps, untimed, and exit (1...10000): "
        + "for counting allocations per step, e.g. under `valgrind`.", valueName: "n"))
  var steps: Int?

  @Option(
    help: ArgumentHelp(
      "Only run this many GAN steps (the gan_step workload), untimed, and exit (1...100000): "
        + "for profiles and counting allocations per step.", valueName: "n"))
  var ganSteps: Int?

  @Option(help: "Threads for --gan-steps (1...2).")
  var ganThreads = 1

  func validate() throws {
    if let steps, !(1...10_000).contains(steps) {
      throw ValidationError("--steps \(steps) must lie in 1...10000")
    }
    if let ganSteps, !(1...100_000).contains(ganSteps) {
      throw ValidationError("--gan-steps \(ganSteps) must lie in 1...100000")
    }
    if !(1...2).contains(ganThreads) {
      throw ValidationError("--gan-threads \(ganThreads) must be 1 or 2")
    }
    let known = Set(Self.sections.map(\.key))
    for name in only ?? [] where !known.contains(name) {
      throw ValidationError(
        "unknown section '\(name)'; known: \(Self.sections.map(\.key).joined(separator: ", "))")
    }
  }

  func run() throws {
    #if DEBUG
      if !json {
        print("note: this is a debug build; numbers are meaningless (use -c release)\n")
      }
    #endif
    // The executables' allocator settings (ChapterCommand applies the same), so the bench
    // measures what a chapter runs.
    let tuning = AllocatorTuning.keepLargeMatrixStorage()
    if tuning != .applied && !json {
      print("note: malloc tuning \(tuning); matrix allocation may fault in pages\n")
    }
    if let steps {
      var workload = TrainingStepBenchmark(optimizer: SGD(learningRate: 0.01))
      var loss = 0.0
      for _ in 0..<steps { loss = workload.step() }
      print("\(steps) steps, last loss \(loss)")
      return
    }
    if let ganSteps {
      print(
        "\(ganSteps) GAN steps, last generator loss \(GANStepSection.run(steps: ganSteps, threads: ganThreads))"
      )
      return
    }
    let settings = BenchSettings(quick: quick, statistic: statistic)
    var document: [String: JSONValue] = [
      "meta": [
        "statistic": .string(statistic.rawValue),
        "target_seconds": .number(settings.targetSeconds),
        "quick": .bool(quick),
      ]
    ]
    if !json {
      print(
        "Per-call times: \(statistic == .best ? "best batch" : "median batch") of about "
          + "\(settings.targetSeconds) s per candidate, candidates interleaved.\n")
    }
    for section in Self.sections where only?.contains(section.key) ?? true {
      let result = section.run(settings)
      document[section.key] = .array(result.records)
      if !json {
        print(section.title)
        print(formatTable(header: result.header, rows: result.rows))
        print("")
      }
    }
    if json { print(JSONValue.object(document).serialized()) }
  }
}

/// How long and how widely to measure.
struct BenchSettings {
  /// Smaller sizes and shorter measurements.
  let quick: Bool
  /// Which batch time is reported.
  let statistic: Statistic
  /// The time spent measuring each candidate, in seconds.
  var targetSeconds: Double { quick ? 0.03 : 0.2 }
}

/// What one benchmark section produces: a table for people, records for JSON.
struct SectionResult {
  let header: [String]
  let rows: [[String]]
  /// One JSON object per row, with numeric fields (the machine-readable form).
  let records: [JSONValue]
}

/// One group of related measurements; its `key` is its name in the JSON document.
protocol BenchmarkSection: Sendable {
  var key: String { get }
  var title: String { get }
  func run(_ settings: BenchSettings) -> SectionResult
}

extension Statistic: ExpressibleByArgument {}
