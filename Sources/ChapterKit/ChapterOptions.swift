import ArgumentParser

/// The options every chapter takes, shared through `@OptionGroup var chapter: ChapterOptions`.
///
/// ```
/// --seed N       the seed of every random draw in the run (default 42): same seed, same
///                numbers, same figure bytes
/// --quick        small sizes, for tests and CI (seconds in a debug build)
/// --output DIR   where figures go, as DIR/<chapter>/*.png plus summary.json (default Figures)
/// --json         print the run's summary as JSON on stdout instead of the readable report
/// ```
public struct ChapterOptions: ParsableArguments, Sendable {
  /// The seed of the run's generator.
  @Option(help: "Seed of every random draw (same seed ⇒ same numbers and figures).")
  public var seed: UInt64 = 42

  /// Small sizes for tests and CI.
  @Flag(help: "Small sizes: runs in seconds (what the tests and CI use).")
  public var quick = false

  /// The folder that receives `<chapter>/…png` and `<chapter>/summary.json`.
  @Option(help: "Folder for figures; they go to <output>/<chapter>/.")
  public var output = "Figures"

  /// Print the summary as JSON on stdout instead of the report.
  @Flag(help: "Print the summary as JSON on stdout (the report is not printed).")
  public var json = false

  /// Required by `ParsableArguments`; use `ChapterOptions.parse(_:)` to get values.
  public init() {}
}
