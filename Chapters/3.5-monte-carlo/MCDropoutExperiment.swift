import ChapterKit
import Foundation
import Layers
import NumericsCore
import Optimizers
import Plot

// Experiment 6: Monte Carlo dropout (Gal and Ghahramani, 2016). A regression network trained
// with dropout is a distribution over sub-networks, one per dropout mask. Leaving dropout on
// at test time and averaging T stochastic forward passes is a Monte Carlo estimate of that
// distribution's mean prediction,
//   mean(x) ≈ (1/T) Σ_t f(x; mask_t),
// and the spread of the passes, sd(x), measures how much the sub-networks disagree. They
// agree where they were all trained on data and disagree away from it. The spread is not a
// calibrated interval: its size is set by the dropout rate, not by the data alone.

/// The noisy function the network learns: sin x observed with Gaussian noise.
private func dropoutTruth(_ x: Double) -> Double { sin(x) }
/// The standard deviation of the observation noise.
private let dropoutNoiseSD = 0.15
/// Where the training inputs lie: two intervals with a gap between them.
private let dropoutDataRegions: [ClosedRange<Double>] = [-3 ... -1, 1...3]
/// The test inputs cover a wider range than the data.
private let dropoutTestRange: ClosedRange<Double> = -6...6

private func inDataRegion(_ x: Double) -> Bool { dropoutDataRegions.contains { $0.contains(x) } }

/// The mean and sample standard deviation of each column of a `passes × points` table.
private func passStatistics(_ passes: [[Double]]) -> (mean: [Double], sd: [Double]) {
  let t = Double(passes.count)
  let points = passes[0].count
  var mean = [Double](repeating: 0, count: points)
  var sd = [Double](repeating: 0, count: points)
  for j in 0..<points {
    var sum = 0.0
    for pass in passes { sum += pass[j] }
    let m = sum / t
    var squares = 0.0
    for pass in passes { squares += (pass[j] - m) * (pass[j] - m) }
    mean[j] = m
    sd[j] = passes.count > 1 ? (squares / (t - 1)).squareRoot() : 0
  }
  return (mean, sd)
}

/// Runs `passes` stochastic forward passes (dropout on) at every input in `xs`, each pass
/// with one mask shared by all the inputs: pass t is one sampled sub-network f(·; mask_t),
/// so its predictions across x form a curve.
///
/// The Dropout layer itself draws a fresh mask for every row of a batch (as in training), so
/// the network's own training-mode forward would give every test point its own sub-network.
/// The per-point mean and spread would be the same, but the passes would not be curves;
/// here the dropout layers are applied by hand with a `1 × width` mask broadcast down the rows.
/// - Returns: `passes` arrays of `xs.count` predictions.
private func dropoutPasses<G: RandomNumberGenerator>(
  _ network: Sequential, at xs: [Double], passes: Int, using rng: inout G
) -> [[Double]] {
  let input = Matrix(rows: xs.count, columns: 1, elements: xs)
  return (0..<passes).map { _ in
    var h = input
    for layer in network.layers {
      if let dropout = layer as? Dropout {
        let keep = 1 / (1 - dropout.rate)
        let mask = Matrix(
          rows: 1, columns: h.columns,
          elements: (0..<h.columns).map { _ in rng.nextUniform() >= dropout.rate ? keep : 0 })
        h = h * mask
      } else {
        h = layer.forward(h, mode: .inference, using: &rng).output
      }
    }
    return (0..<xs.count).map { h[$0, 0] }
  }
}

/// `count` independent stochastic passes at the single input `x`, as one batch: the inputs
/// are stacked `count` times and the Dropout layer draws a mask per row, so every row is an
/// independent sub-network (the cheap way to get many passes at one point).
private func dropoutDraws<G: RandomNumberGenerator>(
  _ network: Sequential, at x: Double, count: Int, using rng: inout G
) -> [Double] {
  let input = Matrix(rows: count, columns: 1, elements: [Double](repeating: x, count: count))
  let output = network.forward(input, mode: .training, using: &rng).output
  return (0..<count).map { output[$0, 0] }
}

private func sampleSD(_ values: [Double]) -> Double {
  passStatistics(values.map { [$0] }).sd[0]
}

private func average(_ values: [Double]) -> Double {
  values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
}

/// Runs experiment 6 and returns its summary object.
func runMCDropoutExperiment(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("6. Monte Carlo dropout")
  var rng = run.makeGenerator(for: "mc-dropout")

  // Training data: uniform on the two intervals, y = sin x + noise.
  let n = sizes.dropoutTrainingPoints
  let trainX = (0..<n).map { i -> Double in
    let region = dropoutDataRegions[i % dropoutDataRegions.count]
    return rng.nextUniform(in: region.lowerBound, region.upperBound)
  }
  let trainY = trainX.map { dropoutTruth($0) + dropoutNoiseSD * rng.nextNormal() }
  let width = sizes.dropoutHiddenUnits
  var network = Sequential.multilayerPerceptron(
    sizes: [1, width, width, 1], activation: .relu, dropout: sizes.dropoutRate, using: &rng)
  var adam = Adam(learningRate: sizes.dropoutLearningRate)
  let history: [Double]
  do {
    history = try trainRegressor(
      &network, inputs: Matrix(rows: n, columns: 1, elements: trainX),
      targets: Matrix(rows: n, columns: 1, elements: trainY), epochs: sizes.dropoutEpochs,
      batchSize: sizes.dropoutBatchSize, optimizer: &adam, using: &rng)
  } catch .diverged(let step, let loss) {
    throw ChapterError.diverged(step: step, loss: loss)
  }
  let trainingMSE = history.last ?? .nan

  // T passes at every test point.
  let grid = (0..<sizes.dropoutGridPoints).map { i in
    dropoutTestRange.lowerBound + Double(i)
      * (dropoutTestRange.upperBound - dropoutTestRange.lowerBound)
      / Double(sizes.dropoutGridPoints - 1)
  }
  let passes = dropoutPasses(network, at: grid, passes: sizes.dropoutPasses, using: &rng)
  let (mean, sd) = passStatistics(passes)
  let deterministic = network.predict(Matrix(rows: grid.count, columns: 1, elements: grid))
  let inside = grid.indices.filter { inDataRegion(grid[$0]) }
  let gap = grid.indices.filter { abs(grid[$0]) < 1 }
  let beyond = grid.indices.filter { abs(grid[$0]) > 3 }
  let sdInside = average(inside.map { sd[$0] })
  // "Outside" is beyond the data on either side; the gap between the two intervals is
  // reported on its own, because there the spread does not grow (see the lesson).
  let sdOutside = average(beyond.map { sd[$0] })

  run.say(
    "network \(network), trained with Adam for \(sizes.dropoutEpochs) epochs on \(n) points; "
      + "T = \(sizes.dropoutPasses) passes with dropout on at \(grid.count) test points")
  run.table(
    header: ["region", "test points", "mean sd of passes", "mean |MC mean − truth|"],
    rows: [
      ("inside the data (1 ≤ |x| ≤ 3)", inside), ("gap (|x| < 1)", gap),
      ("beyond the data (|x| > 3)", beyond),
    ].map { name, indices in
      [
        name, String(indices.count), formatNumber(average(indices.map { sd[$0] }), digits: 3),
        formatNumber(average(indices.map { abs(mean[$0] - dropoutTruth(grid[$0])) }), digits: 3),
      ]
    })
  run.say(
    "sd beyond / sd inside = \(formatNumber(sdOutside / sdInside, digits: 3)); training MSE "
      + "(dropout off) \(formatNumber(trainingMSE, digits: 3)), noise variance "
      + "\(formatNumber(dropoutNoiseSD * dropoutNoiseSD, digits: 3))")

  // The MC mean is itself an average of T draws: its standard error is sd/√T.
  let probes = [2.0, 5.0]
  let referenceSD = probes.map { x in
    sampleSD(dropoutDraws(network, at: x, count: sizes.dropoutReferencePasses, using: &rng))
  }
  var measuredSE: [[Double]] = probes.map { _ in [] }
  for t in sizes.dropoutPassCounts {
    for (p, x) in probes.enumerated() {
      // `dropoutSERepeats` independent T-pass means at x; their spread is the actual SE.
      let draws = dropoutDraws(network, at: x, count: t * sizes.dropoutSERepeats, using: &rng)
      let means = (0..<sizes.dropoutSERepeats).map { r in
        average(Array(draws[(r * t)..<((r + 1) * t)]))
      }
      measuredSE[p].append(sampleSD(means))
    }
  }
  run.table(
    header: ["passes T", "SE of MC mean at x=2", "sd/√T at x=2", "SE at x=5", "sd/√T at x=5"],
    rows: sizes.dropoutPassCounts.indices.map { i in
      let root = Double(sizes.dropoutPassCounts[i]).squareRoot()
      return [
        String(sizes.dropoutPassCounts[i]), formatNumber(measuredSE[0][i], digits: 3),
        formatNumber(referenceSD[0] / root, digits: 3), formatNumber(measuredSE[1][i], digits: 3),
        formatNumber(referenceSD[1] / root, digits: 3),
      ]
    })

  let figure = Figure(
    width: 1400, height: 1100, rows: 2, columns: 2,
    title: "MC dropout: \(sizes.dropoutPasses) passes with dropout on disagree away from the data")
  drawPredictionPanel(
    figure[0, 0], grid: grid, mean: mean, sd: sd, deterministic: deterministic,
    noiseVariance: trainingMSE, trainX: trainX, trainY: trainY, passes: passes)
  drawSpreadPanel(figure[0, 1], grid: grid, sd: sd, sdInside: sdInside)
  drawStandardErrorPanel(
    figure[1, 0], passCounts: sizes.dropoutPassCounts.map(Double.init), probes: probes,
    measured: measuredSE, referenceSD: referenceSD, repeats: sizes.dropoutSERepeats)
  drawHistoryPanel(figure[1, 1], history: history)
  try run.save(
    figure, name: "mc-dropout",
    caption: "A 1-\(width)-\(width)-1 ReLU network with dropout \(sizes.dropoutRate) trained on "
      + "sin x + noise for 1 ≤ |x| ≤ 3; T = \(sizes.dropoutPasses) passes with dropout on. The "
      + "spread of the passes (sd) is \(formatNumber(sdOutside / sdInside, digits: 3))× larger "
      + "beyond the data (|x| > 3) than on it; the MC mean's standard error falls like sd/√T.")

  return [
    "passes": .number(Double(sizes.dropoutPasses)), "sd_inside": .number(sdInside),
    "sd_outside": .number(sdOutside), "ratio": .number(sdOutside / sdInside),
    "sd_gap": .number(average(gap.map { sd[$0] })),
    "mean_error_inside_gap_beyond": .numbers(
      [inside, gap, beyond].map { ix in average(ix.map { abs(mean[$0] - dropoutTruth(grid[$0])) }) }
    ),
    "training_mse": .number(trainingMSE), "dropout_rate": .number(sizes.dropoutRate),
    "se_passes": .numbers(sizes.dropoutPassCounts.map(Double.init)),
    "se_measured_x5": .numbers(measuredSE[1]),
    "se_predicted_x5": .numbers(
      sizes.dropoutPassCounts.map { referenceSD[1] / Double($0).squareRoot() }),
  ]
}

private func drawPredictionPanel(
  _ axes: Axes, grid: [Double], mean: [Double], sd: [Double], deterministic: Matrix,
  noiseVariance: Double, trainX: [Double], trainY: [Double], passes: [[Double]]
) {
  axes.title = "Prediction: MC mean and ±2 sd of \(passes.count) passes"
  axes.xLabel = "x"
  axes.yLabel = "y"
  axes.xLimits = dropoutTestRange
  // The legend has eight entries: it goes under the plot, so the y range is the data's.
  axes.yLimits = -2.5...2.5
  for (k, region) in dropoutDataRegions.enumerated() {
    axes.band(
      x: [region.lowerBound, region.upperBound], lower: [-2.5, -2.5], upper: [2.5, 2.5],
      label: k == 0 ? "data region" : nil, color: .lightGrey, alpha: 0.5)
  }
  // The wide band is drawn as the two strips outside the narrow one, so that no two fills
  // overlap and each region has the colour its legend entry shows.
  let total = sd.map { ($0 * $0 + noiseVariance).squareRoot() }
  for side in [1.0, -1.0] {
    axes.band(
      x: grid, lower: zip(mean, sd).map { $0 + side * 2 * $1 },
      upper: zip(mean, total).map { $0 + side * 2 * $1 },
      label: side > 0 ? "±2√(sd² + σ̂²) (adds the noise)" : nil, color: .orange, alpha: 0.25)
  }
  axes.band(
    x: grid, lower: zip(mean, sd).map { $0 - 2 * $1 }, upper: zip(mean, sd).map { $0 + 2 * $1 },
    label: "±2 sd of the passes", color: .blue, alpha: 0.3)
  for (k, pass) in passes.prefix(3).enumerated() {
    axes.line(
      x: grid, y: pass, label: k == 0 ? "3 single passes" : nil, color: .grey, width: 1)
  }
  axes.scatter(x: trainX, y: trainY, label: "training data", color: .darkGrey, size: 4, alpha: 0.6)
  axes.line(x: grid, y: grid.map(dropoutTruth), label: "truth sin x", color: .black, style: .dashed)
  axes.line(x: grid, y: mean, label: "MC mean (dropout on)", color: .blue)
  axes.line(
    x: grid, y: (0..<grid.count).map { deterministic[$0, 0] }, label: "dropout off (deterministic)",
    color: .green, style: .dotted, width: 1.5)
  axes.legendPosition = .below
}

private func drawSpreadPanel(_ axes: Axes, grid: [Double], sd: [Double], sdInside: Double) {
  axes.title = "Spread of the passes: it grows beyond the data"
  axes.xLabel = "x"
  axes.yLabel = "sd of the T predictions"
  axes.xLimits = dropoutTestRange
  let top = (sd.max() ?? 1) * 1.3
  axes.yLimits = 0...top
  for (k, region) in dropoutDataRegions.enumerated() {
    axes.band(
      x: [region.lowerBound, region.upperBound], lower: [0, 0], upper: [top, top],
      label: k == 0 ? "data region" : nil, color: .lightGrey, alpha: 0.5)
  }
  axes.line(x: grid, y: sd, label: "sd(x)", color: .blue)
  axes.horizontalLine(y: sdInside, label: "mean sd inside the data", color: .grey)
  axes.legendPosition = .below  // as its neighbour's: the two panels stay the same height
}

private func drawStandardErrorPanel(
  _ axes: Axes, passCounts: [Double], probes: [Double], measured: [[Double]],
  referenceSD: [Double], repeats: Int
) {
  axes.title = "The MC mean's standard error falls like 1/√T"
  axes.xLabel = "passes T (log scale)"
  axes.yLabel = "sd of the T-pass mean (log scale)"
  axes.xScale = .log
  axes.yScale = .log
  for (p, x) in probes.enumerated() {
    let color: Color = p == 0 ? .green : .purple
    axes.line(
      x: passCounts, y: measured[p], label: "x = \(formatNumber(x)): measured (\(repeats) repeats)",
      color: color, marker: .circle)
    axes.line(
      x: passCounts, y: passCounts.map { referenceSD[p] / $0.squareRoot() },
      label: "x = \(formatNumber(x)): sd/√T", color: color, style: .dashed)
  }
  axes.legendPosition = .lowerLeft
}

private func drawHistoryPanel(_ axes: Axes, history: [Double]) {
  axes.title = "Training MSE (dropout off) per epoch"
  axes.xLabel = "epoch"
  axes.yLabel = "MSE (log scale)"
  axes.yScale = .log
  axes.line(
    x: history.indices.map { Double($0 + 1) }, y: history, label: "training MSE", color: .blue)
  axes.horizontalLine(
    y: dropoutNoiseSD * dropoutNoiseSD,
    label: "noise variance σ² = \(formatNumber(dropoutNoiseSD * dropoutNoiseSD))")
  axes.legendPosition = .upperRight
}
