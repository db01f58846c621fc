import ArgumentParser
import ChapterKit
import MonteCarlo

/// The `monte-carlo` command: six experiments on estimating expectations by sampling.
struct MonteCarloChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "monte-carlo",
    abstract: "3.5 Monte Carlo (蒙特卡洛法): estimating expectations by averaging random samples.",
    discussion: """
      Experiments: (1) π from darts with a running 95% interval; (2) the 1/√N law for π and
      a 5-D integral; (3) how often a 95% interval contains the truth; (4) variance
      reduction by importance sampling and antithetic variates; (5) random-walk Metropolis
      on a banana-shaped density, and the effect of the proposal width; (6) Monte Carlo
      dropout: a mean prediction and a spread that widens away from the data.
      """)

  @OptionGroup var chapter: ChapterOptions

  @Option(
    parsing: .unconditional,
    help:
      "Darts for the π estimate of experiment 1, 2…\(maximumSamples) (default 1000000, quick 20000)."
  )
  var samples: Int?

  @Option(
    parsing: .unconditional,
    help: "Repeated estimates in the coverage experiment 3, 1…\(maximumRepeats) (default 1000).")
  var repeats: Int = 1000

  @Option(
    name: .customLong("proposal-width"), parsing: .unconditional,
    help: ArgumentHelp(
      "Metropolis proposal standard deviation for experiment 5's featured chain, "
        + "\(formatNumber(proposalWidths.lowerBound))…\(formatNumber(proposalWidths.upperBound)) (default 2)."
    ))
  var proposalWidth: Double = 2

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Run only these experiments, e.g. 1,5 (default all six). Without --output a subset "
        + "writes to \(ChapterOptions.explorationDirectory)/, not among the course's figures."))
  var experiments: String?

  /// The most darts: 10⁷ (ten times the full run) take about 0.1 s in a release build and
  /// 1.6 s in a debug build.
  static let maximumSamples = 10_000_000
  /// The most repeats: each draws 1,185 estimates' worth of darts (about 1.2·10⁷ at the
  /// bound, a few seconds in a debug build); 10,000 already pin the coverage to ±0.004.
  static let maximumRepeats = 10_000
  /// Proposal widths the chain can use: below 10⁻³ a chain of a few thousand steps does not
  /// move measurably (its trace is constant to rounding, so it has no ESS); above 10³ it
  /// accepts almost nothing. Both ends still run and show the failure.
  static let proposalWidths = 1e-3...1e3

  func validate() throws {
    if let samples, !(2...Self.maximumSamples).contains(samples) {
      throw ValidationError(
        "--samples must lie in 2…\(Self.maximumSamples) (a standard error needs two darts), "
          + "got \(samples)")
    }
    guard (1...Self.maximumRepeats).contains(repeats) else {
      throw ValidationError("--repeats must lie in 1…\(Self.maximumRepeats), got \(repeats)")
    }
    guard Self.proposalWidths.contains(proposalWidth) else {
      throw ValidationError(
        "--proposal-width must lie in \(formatNumber(Self.proposalWidths.lowerBound))…"
          + "\(formatNumber(Self.proposalWidths.upperBound)), got \(proposalWidth)")
    }
    _ = try selectedExperiments()
  }

  /// The experiments to run, 1…6.
  func selectedExperiments() throws -> Set<Int> {
    guard let experiments else { return Set(1...6) }
    let numbers = try parseIntegers(experiments, option: "experiments")
    if let bad = numbers.first(where: { !(1...6).contains($0) }) {
      throw ValidationError("--experiments: \(bad) is not an experiment; they are 1…6")
    }
    return Set(numbers)
  }

  func run() throws {
    let selected = try selectedExperiments()
    let run = try ChapterRun(
      chapter: "monte-carlo", title: "3.5 Monte Carlo (蒙特卡洛法)", options: chapter,
      exploring: selected.count < 6)
    let sizes = ExperimentSizes(quick: chapter.quick, samples: samples, repeats: repeats)

    if selected.contains(1) { run.summary["pi"] = try runDartsExperiment(run: run, sizes: sizes) }
    if selected.contains(2) {
      let rate = try runRateExperiment(run: run, sizes: sizes)
      run.summary["slope"] = .number(rate.piSlope)
      run.summary["slope_5d"] = .number(rate.boxSlope)
      run.summary["rate"] = rate.json
    }
    if selected.contains(3) {
      let coverage = try runCoverageExperiment(run: run, sizes: sizes)
      run.summary["coverage"] = .number(coverage.coverage)
      run.summary["coverage_detail"] = coverage.json
    }
    if selected.contains(4) {
      run.summary["variance_ratios"] = try runVarianceReductionExperiment(run: run, sizes: sizes)
    }
    if selected.contains(5) {
      run.summary["mcmc"] = try runMetropolisExperiment(
        run: run, sizes: sizes, featuredWidth: proposalWidth)
      run.summary["burn_in"] = try runBurnInExperiment(run: run, sizes: sizes)
    }
    if selected.contains(6) {
      run.summary["mc_dropout"] = try runMCDropoutExperiment(run: run, sizes: sizes)
    }
    try run.finish()
  }
}
