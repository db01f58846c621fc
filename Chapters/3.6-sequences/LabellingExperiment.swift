import ChapterKit
import Foundation
import NumericsCore
import Plot
import Sequences

// Experiment 3, the labelling problem: tag every element of a given sequence with its
// hidden state. A hidden Markov model with known parameters (a sticky chain: stay with
// probability 0.9; state s emits N(s, σ²)) generates the data; four decoders label it:
//   per-step    argmax_s p(x_t | s)                 — looks at x_t alone
//   filtered    argmax_s P(s_t | x_0 … x_t)         — the past only (forward pass)
//   posterior   argmax_s P(s_t | x_0 … x_{T−1})     — past and future (forward–backward)
//   Viterbi     argmax over whole paths P(s, x)     — the single best labelling
// Labelling uses the whole sequence, in both directions; it is not forecasting.

private let stay = 0.9

/// Accuracy of the four decoders on one generated sequence.
private struct Accuracies {
  var perStep: Double
  var filtered: Double
  var posterior: Double
  var viterbi: Double
}

private func decode(
  states s: Int, noise: Double, steps: Int, rng: inout Xoshiro256StarStar
)
  -> Accuracies
{
  let model = HiddenMarkovModel.sticky(states: s, stay: stay)
  let emissions = GaussianEmissions(means: (0..<s).map(Double.init), standardDeviation: noise)
  let truth = model.sampleStates(length: steps, using: &rng)
  let table = emissions.logLikelihoods(of: emissions.sample(states: truth, using: &rng))
  func accuracy(_ labels: [Int]) -> Double {
    Double(zip(labels, truth).filter { $0 == $1 }.count) / Double(steps)
  }
  return Accuracies(
    perStep: accuracy(table.rowArgmax()),
    filtered: accuracy(model.filtered(logEmissions: table).rowArgmax()),
    posterior: accuracy(model.posteriors(logEmissions: table).rowArgmax()),
    viterbi: accuracy(model.viterbi(logEmissions: table).states))
}

/// Runs experiment 3 and returns its summary.
func runLabellingExperiment(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("3. Labelling: decoding the hidden states of an HMM")
  var rng = run.makeGenerator(for: "hmm")
  let fixedStates = 4
  let fixedNoise = 0.5
  let byNoise = sizes.noiseLevels.map {
    decode(states: fixedStates, noise: $0, steps: sizes.hmmSteps, rng: &rng)
  }
  let byStates = sizes.stateCounts.map {
    decode(states: $0, noise: fixedNoise, steps: sizes.hmmSteps, rng: &rng)
  }
  func rows(_ labels: [String], _ results: [Accuracies]) -> [[String]] {
    zip(labels, results).map { label, r in
      [label]
        + [r.perStep, r.filtered, r.posterior, r.viterbi].map {
          formatNumber(100 * $0, digits: 3) + "%"
        }
    }
  }
  let header = ["", "per-step", "filtered (past)", "posterior (both ways)", "Viterbi"]
  run.say("S = \(fixedStates) states, stay \(stay), \(sizes.hmmSteps) steps; accuracy against σ:")
  run.table(
    header: ["σ"] + header.dropFirst(),
    rows: rows(sizes.noiseLevels.map { formatNumber($0) }, byNoise))
  run.say("σ = \(fixedNoise); accuracy against the number of states S:")
  run.table(
    header: ["S"] + header.dropFirst(), rows: rows(sizes.stateCounts.map(String.init), byStates))

  try drawAccuracy(
    run: run, noise: sizes.noiseLevels, byNoise: byNoise, states: sizes.stateCounts,
    byStates: byStates, fixedStates: fixedStates, fixedNoise: fixedNoise)
  try drawDecoding(run: run, rng: &rng)
  let long = runLongSequence(steps: sizes.longSteps, rng: &rng)
  run.say(
    "\(sizes.longSteps) steps in log space: log p(x) = \(formatNumber(long.logLikelihood, digits: 8))"
      + " (finite); Viterbi accuracy \(formatNumber(100 * long.viterbiAccuracy, digits: 3))%; in "
      + "probability space the forward sum underflows to 0 at step \(long.underflowStep)")

  func series(_ results: [Accuracies]) -> JSONValue {
    [
      "per_step": .numbers(results.map(\.perStep)), "filtered": .numbers(results.map(\.filtered)),
      "posterior": .numbers(results.map(\.posterior)), "viterbi": .numbers(results.map(\.viterbi)),
    ]
  }
  let at = sizes.noiseLevels.firstIndex(of: 0.5) ?? 0
  return [
    "stay": .number(stay), "steps": .number(Double(sizes.hmmSteps)),
    "noise_levels": .numbers(sizes.noiseLevels),
    "states_for_noise_sweep": .number(Double(fixedStates)),
    "by_noise": series(byNoise),
    "state_counts": .numbers(sizes.stateCounts.map(Double.init)),
    "noise_for_state_sweep": .number(fixedNoise), "by_states": series(byStates),
    "at_noise_half": [
      "per_step": .number(byNoise[at].perStep), "filtered": .number(byNoise[at].filtered),
      "posterior": .number(byNoise[at].posterior), "viterbi": .number(byNoise[at].viterbi),
    ],
    "long": [
      "steps": .number(Double(sizes.longSteps)), "log_likelihood": .number(long.logLikelihood),
      "viterbi_accuracy": .number(long.viterbiAccuracy),
      "probability_space_underflow_step": .number(Double(long.underflowStep)),
    ],
  ]
}

/// 10⁵ steps: the log-space forward pass stays finite; the same recursion on raw
/// probabilities underflows to exactly 0 after a few hundred steps.
private func runLongSequence(
  steps: Int, rng: inout Xoshiro256StarStar
)
  -> (logLikelihood: Double, viterbiAccuracy: Double, underflowStep: Int)
{
  let model = HiddenMarkovModel.sticky(states: 3, stay: stay)
  let emissions = GaussianEmissions(means: [0, 1, 2], standardDeviation: 0.5)
  let truth = model.sampleStates(length: steps, using: &rng)
  let table = emissions.logLikelihoods(of: emissions.sample(states: truth, using: &rng))
  let logLikelihood = model.forward(logEmissions: table).logLikelihood
  let path = model.viterbi(logEmissions: table).states
  let accuracy = Double(zip(path, truth).filter { $0 == $1 }.count) / Double(steps)
  var alpha = (0..<3).map { model.initial[$0] * exp(table[0, $0]) }
  var underflow = steps
  for t in 1..<steps {
    alpha = (0..<3).map { j in
      (0..<3).reduce(0) { $0 + alpha[$1] * model.transition[$1][j] } * exp(table[t, j])
    }
    if alpha.allSatisfy({ $0 == 0 }) {
      underflow = t
      break
    }
  }
  return (logLikelihood, accuracy, underflow)
}

private func drawAccuracy(
  run: ChapterRun, noise: [Double], byNoise: [Accuracies], states: [Int], byStates: [Accuracies],
  fixedStates: Int, fixedNoise: Double
) throws {
  let figure = Figure(
    width: 1400, height: 620, rows: 1, columns: 2,
    title: "Using the whole sequence labels best: posterior ≈ Viterbi > past only > one step")
  func draw(_ axes: Axes, _ x: [Double], _ results: [Accuracies]) {
    axes.line(
      x: x, y: results.map { 100 * $0.perStep }, label: "per-step (x_t alone)", color: .grey,
      marker: .square)
    axes.line(
      x: x, y: results.map { 100 * $0.filtered }, label: "filtered (past only)", color: .orange,
      marker: .triangle)
    axes.line(
      x: x, y: results.map { 100 * $0.posterior }, label: "posterior (past and future)",
      color: .blue, marker: .circle)
    axes.line(
      x: x, y: results.map { 100 * $0.viterbi }, label: "Viterbi (best path)", color: .green,
      style: .dashed, marker: .diamond)
    axes.yLabel = "states labelled correctly (%)"
  }
  let left = figure[0, 0]
  draw(left, noise, byNoise)
  left.title = "Against the noise σ (S = \(fixedStates) states)"
  left.xLabel = "emission noise σ (state means 1 apart)"
  left.legendPosition = .upperRight
  let right = figure[0, 1]
  draw(right, states.map(Double.init), byStates)
  right.title = "Against the number of states (σ = \(formatNumber(fixedNoise)))"
  right.xLabel = "number of hidden states S"
  right.legendPosition = .none  // the same four series as the left panel
  try run.save(
    figure, name: "hmm-accuracy",
    caption: "Share of hidden states recovered by four decoders of a sticky HMM (stay 0.9, "
      + "state s emits N(s, σ²)): per-step ignores the sequence, filtering uses the past, "
      + "posterior decoding and Viterbi use the whole sequence in both directions.")
}

private func drawDecoding(run: ChapterRun, rng: inout Xoshiro256StarStar) throws {
  let steps = 150
  let model = HiddenMarkovModel.sticky(states: 3, stay: stay)
  let emissions = GaussianEmissions(means: [0, 1, 2], standardDeviation: 0.5)
  let truth = model.sampleStates(length: steps, using: &rng)
  let observations = emissions.sample(states: truth, using: &rng)
  let table = emissions.logLikelihoods(of: observations)
  let path = model.viterbi(logEmissions: table).states
  let posterior = model.posteriors(logEmissions: table)
  let correct = zip(path, truth).filter { $0 == $1 }.count
  let figure = Figure(
    width: 1400, height: 900, rows: 2, columns: 1,
    title: "Viterbi recovers \(correct) of \(steps) hidden states from noisy observations",
    sharedX: true)
  let x = (0..<steps).map(Double.init)
  func stepLine(_ values: [Int]) -> (x: [Double], y: [Double]) {
    var xs: [Double] = []
    var ys: [Double] = []
    for (t, v) in values.enumerated() {
      xs += [Double(t) - 0.5, Double(t) + 0.5]
      ys += [Double(v), Double(v)]
    }
    return (xs, ys)
  }
  let top = figure[0, 0]
  top.title = "Observations, true states and the Viterbi path (S = 3, σ = 0.5)"
  top.yLabel = "x_t / state"
  top.scatter(x: x, y: observations, label: "observation x_t", color: .grey, size: 5)
  let t = stepLine(truth)
  // A wide pale band for the truth and a thin line on it for Viterbi: wherever they part,
  // the decoder erred.
  top.line(
    x: t.x, y: t.y, label: "true state", color: Color.blue.mixed(with: .white, fraction: 0.55),
    width: 8)
  let v = stepLine(path)
  top.line(x: v.x, y: v.y, label: "Viterbi path", color: .orange, width: 2)
  top.legendPosition = .outsideRight
  let bottom = figure[1, 0]
  bottom.title = "Posterior P(s_t = j | all observations)"
  bottom.xLabel = "time step t"
  bottom.yLabel = "probability"
  for j in 0..<3 {
    bottom.line(
      x: x, y: posterior.column(j), label: "state \(j)", color: [Color.blue, .green, .purple][j])
  }
  bottom.yLimits = 0...1
  bottom.legendPosition = .outsideRight
  try run.save(
    figure, name: "hmm-decoding",
    caption: "\(steps) steps of a 3-state sticky HMM: observations, the true state path and "
      + "the Viterbi path (top), and the posterior probability of each state (bottom), "
      + "which is uncertain exactly where the decoders err.")
}
