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
    help: "Darts for the π estimate of experiment 1 (default 1000000, quick 20000).")
  var samples: Int?

  @Option(
    parsing: .unconditional, help: "Repeated estimates in the coverage experiment 3 (default 1000)."
  )
  var repeats: Int = 1000

  @Option(
    name: .customLong("proposal-width"), parsing: .unconditional,
    help: "Metropolis proposal standard deviation for experiment 5's featured chain.")
  var proposalWidth: Double = 2

  func validate() throws {
    if let samples, samples < 2 {
      throw ValidationError(
        "--samples must be at least 2 (a standard error needs two), got \(samples)")
    }
    if repeats < 1 {
      throw ValidationError("--repeats must be at least 1, got \(repeats)")
    }
    guard proposalWidth.isFinite, proposalWidth > 0 else {
      throw ValidationError(
        "--proposal-width must be a positive finite number, got \(proposalWidth)")
    }
  }

  func run() throws {
    let run = try ChapterRun(
      chapter: "monte-carlo", title: "3.5 Monte Carlo (蒙特卡洛法)", options: chapter)
    let sizes = ExperimentSizes(quick: chapter.quick, samples: samples, repeats: repeats)

    let darts = try runDartsExperiment(run: run, sizes: sizes)
    let rate = try runRateExperiment(run: run, sizes: sizes)
    let coverage = try runCoverageExperiment(run: run, sizes: sizes)
    let reduction = try runVarianceReductionExperiment(run: run, sizes: sizes)
    let mcmc = try runMetropolisExperiment(run: run, sizes: sizes, featuredWidth: proposalWidth)
    let burnIn = try runBurnInExperiment(run: run, sizes: sizes)

    let dropout = try runMCDropoutExperiment(run: run, sizes: sizes)

    run.summary["pi"] = darts
    run.summary["slope"] = .number(rate.piSlope)
    run.summary["slope_5d"] = .number(rate.boxSlope)
    run.summary["rate"] = rate.json
    run.summary["coverage"] = .number(coverage.coverage)
    run.summary["coverage_detail"] = coverage.json
    run.summary["variance_ratios"] = reduction
    run.summary["mcmc"] = mcmc
    run.summary["burn_in"] = burnIn
    run.summary["mc_dropout"] = dropout
    try run.finish()
  }
}
