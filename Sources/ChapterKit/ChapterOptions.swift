import ArgumentParser

/// The options every chapter takes, shared through `@OptionGroup var chapter: ChapterOptions`.
///
/// ```
/// --seed N       the seed of every random draw in the run (default 42): same seed, same
///                numbers, same figure bytes
/// --quick        small sizes, for tests and CI (seconds in a debug build)
/// --output DIR   where figures go, as DIR/<chapter>/*.png plus summary.json (default Figures;
///                Explorations for an explore or calculator run, see `explorationDirectory`)
/// --json         print the run's summary as JSON on stdout instead of the readable report
/// ```
public struct ChapterOptions: ParsableArguments, Sendable {
  /// The seed of the run's generator.
  @Option(
    parsing: .unconditional,
    help:
      "Seed of every random draw, 0…18446744073709551615 (same seed ⇒ same numbers and figures).",
    transform: parseSeed)
  public var seed: UInt64 = 42

  /// Small sizes for tests and CI.
  @Flag(help: "Small sizes: runs in seconds (what the tests and CI use).")
  public var quick = false

  /// The folder given with `--output`, if any; `ChapterRun` picks the default.
  @Option(
    name: .customLong("output"),
    help: ArgumentHelp(
      "Folder for figures; they go to <output>/<chapter>/ (default Figures; explore runs: "
        + "\(explorationDirectory)).", valueName: "output"))
  public var outputOption: String?

  /// Print the summary as JSON on stdout instead of the report.
  @Flag(help: "Print the summary as JSON on stdout (the report is not printed).")
  public var json = false

  /// Where a full run's figures go when `--output` is not given: the committed figure set.
  public static let courseDirectory = "Figures"

  /// Where an exploration (a student's own settings: explore mode, a subset of experiments)
  /// writes when `--output` is not given: never into `Figures/`, whose files are the course's
  /// committed figure set and the gallery's input. `.gitignore` lists this folder.
  public static let explorationDirectory = "Explorations"

  /// The output folder of this run: `--output`, or the default for a course run or an
  /// exploration.
  public func output(exploring: Bool) -> String {
    outputOption ?? (exploring ? Self.explorationDirectory : Self.courseDirectory)
  }

  /// Required by `ParsableArguments`; use `ChapterOptions.parse(_:)` to get values.
  public init() {}

  public func validate() throws {
    if let outputOption, outputOption.trimmingWhitespace().isEmpty {
      throw ValidationError("--output: the folder name is empty")
    }
  }
}

/// `--seed` as typed: a whole number in 0…2⁶⁴−1, with a message that says so for `-1`, `1.5`
/// or `x` (ArgumentParser would read `-1` as an unknown flag and report a missing value).
private func parseSeed(_ text: String) throws -> UInt64 {
  guard let seed = UInt64(text.trimmingWhitespace()) else {
    throw ValidationError(
      "--seed: '\(text)' is not a seed; seeds are whole numbers 0…18446744073709551615")
  }
  return seed
}
