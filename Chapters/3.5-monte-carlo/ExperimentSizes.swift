import Foundation

// How big each experiment is, in full and in quick mode. Quick mode has to run in a few
// seconds in a debug build and still show every effect robustly (the chapter test checks
// the fitted slope and the coverage in quick mode on several seeds).

/// The sizes of the six experiments.
struct ExperimentSizes {
  /// Experiment 1: darts for the π estimate; darts drawn in the scatter plot.
  var darts: Int
  var dartsShown: Int
  /// Experiment 2: sample sizes N (log-spaced) and independent repeats at each N.
  var rateSampleSizes: [Int]
  var rateRepeats: Int
  /// Experiment 3: repeated estimates, and the N of each, for the coverage count.
  var coverageRepeats: Int
  var coverageSamples: Int
  var coverageSampleSizes: [Int]
  /// Experiment 4: function evaluations per estimate, and repeated estimates per method.
  var reductionEvaluations: Int
  var reductionRepeats: Int
  /// Experiment 5: chains per width, kept steps per chain, burn-in, the widths swept.
  var chainsPerWidth: Int
  var chainSteps: Int
  var chainBurnIn: Int
  var proposalWidths: [Double]
  /// Experiment 6: training points, hidden width, dropout rate, epochs and batch size of the
  /// network; stochastic passes T and test points; passes for the reference spread, the
  /// pass counts of the standard-error check and the repeated T-pass means at each.
  var dropoutTrainingPoints: Int
  var dropoutHiddenUnits: Int
  var dropoutRate: Double
  var dropoutEpochs: Int
  var dropoutLearningRate: Double
  var dropoutBatchSize: Int
  var dropoutPasses: Int
  var dropoutGridPoints: Int
  var dropoutReferencePasses: Int
  var dropoutPassCounts: [Int]
  var dropoutSERepeats: Int

  init(quick: Bool, samples: Int?, repeats: Int) {
    darts = samples ?? (quick ? 20_000 : 1_000_000)
    dartsShown = min(darts, 3000)
    rateSampleSizes = logSpacedIntegers(from: 10, to: quick ? 3000 : 100_000, perDecade: 4)
    rateRepeats = quick ? 40 : 200
    coverageRepeats = repeats
    coverageSamples = 1000
    coverageSampleSizes = [5, 10, 20, 50, 100, 1000]
    reductionEvaluations = 1000
    reductionRepeats = quick ? 200 : 10_000
    chainsPerWidth = quick ? 2 : 4
    chainSteps = quick ? 4000 : 50_000
    chainBurnIn = quick ? 200 : 2000
    proposalWidths = [0.03, 0.1, 0.3, 0.6, 1, 2, 4, 10]
    dropoutTrainingPoints = quick ? 60 : 200
    dropoutHiddenUnits = quick ? 32 : 64
    dropoutRate = 0.1
    dropoutEpochs = quick ? 200 : 300
    dropoutLearningRate = 0.01
    dropoutBatchSize = quick ? 30 : 32
    dropoutPasses = quick ? 20 : 100
    dropoutGridPoints = quick ? 121 : 241
    dropoutReferencePasses = quick ? 500 : 5000
    dropoutPassCounts = quick ? [1, 2, 5, 10, 20] : [1, 2, 5, 10, 20, 50, 100]
    dropoutSERepeats = quick ? 50 : 200
  }
}

/// Integers spaced evenly on a log scale, `perDecade` per factor of ten, without repeats,
/// from `start` to `end` inclusive. An `end` below `start` gives just `[end]` (two darts
/// have no checkpoints from ten on, but still a final estimate).
func logSpacedIntegers(from start: Int, to end: Int, perDecade: Int) -> [Int] {
  precondition(start > 0 && end > 0 && perDecade > 0, "logSpacedIntegers: bad range")
  guard end > start else { return [end] }
  var values: [Int] = []
  var exponent = 0.0
  while true {
    // Compared as a Double first: near Int.max the rounded value would not convert.
    let scaled = (Double(start) * pow10(exponent / Double(perDecade))).rounded()
    if scaled > Double(end) { break }
    let value = Int(scaled)
    if values.last != value { values.append(value) }
    exponent += 1
  }
  if values.last != end { values.append(end) }
  return values
}

/// 10ˣ.
func pow10(_ x: Double) -> Double { exp(x * log(10)) }
