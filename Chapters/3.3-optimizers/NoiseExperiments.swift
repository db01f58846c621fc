// 5. Mini-batch noise on a small classifier; 6. AdamW against Adam with L2.

import ChapterKit
import Foundation
import Layers
import NumericsCore
import Optimizers
import Plot

/// The learning rates of the classifier runs (batch 32, 16 tanh units).
private func classifierRate(_ kind: OptimizerKind) -> Double {
  switch kind {
  case .sgd: 0.5
  case .momentum, .nesterov: 0.05
  case .adagrad: 0.1
  case .rmsprop: 0.005
  case .adam, .adamw: 0.01
  case .adadelta: 1
  }
}

private struct ClassifierSetup {
  var trainingSet: Examples
  var testSet: Examples
  var epochs: Int
  var seeds: Int
  let batchSize = 32
  let hidden = 16

  init(_ run: ChapterRun) {
    var rng = run.makeGenerator(for: "moons")
    let quick = run.options.quick
    trainingSet = makeMoons(count: quick ? 160 : 400, noise: 0.2, using: &rng)
    testSet = makeMoons(count: 400, noise: 0.2, using: &rng)
    epochs = quick ? 8 : 60
    seeds = quick ? 3 : 5
  }

  /// Trains a fresh network with `makeOptimizer()` under seed `seed`.
  func run(
    _ chapterRun: ChapterRun, seed: Int, makeOptimizer: () -> any Optimizer,
    observe: (([Matrix], [Matrix]) -> Void)? = nil
  ) throws -> TrainingRecord {
    var rng = chapterRun.makeGenerator(for: "classifier-seed-\(seed)")
    var network = makeMoonsNetwork(hidden: hidden, using: &rng)
    var optimizer = makeOptimizer()
    do {
      return try trainMoons(
        &network, optimizer: &optimizer, data: trainingSet, test: testSet, epochs: epochs,
        batchSize: batchSize, using: &rng, observe: observe)
    } catch .diverged(let step, let loss) {
      throw ChapterError.diverged(step: step, loss: loss)
    }
  }
}

/// Mean and sample standard deviation across runs, per epoch (NumericsCore's statistics).
private func meanAndSpread(_ curves: [[Double]]) -> (mean: [Double], std: [Double]) {
  let columns = curves[0].indices.map { e in curves.map { $0[e] } }
  return (columns.map { mean($0) }, columns.map { $0.count > 1 ? standardDeviation($0) : 0 })
}

func noise(_ run: ChapterRun) throws {
  run.section("5. Mini-batch noise: a one-hidden-layer classifier on two moons")
  let setup = ClassifierSetup(run)
  var checkRNG = run.makeGenerator(for: "gradient-check")
  let checkNetwork = makeMoonsNetwork(hidden: 5, using: &checkRNG)
  let check = gradientCheck(checkNetwork, on: setup.trainingSet.rows(Array(0..<6)))
  run.say("backward pass vs central differences: worst relative error \(formatNumber(check))")
  run.say(
    "\(setup.trainingSet.count) training points, batch \(setup.batchSize), \(setup.epochs) "
      + "epochs, \(setup.seeds) seeds (initialisation and batch order)")

  let kinds: [OptimizerKind] = [
    .sgd, .momentum, .nesterov, .adagrad, .rmsprop, .adam, .adamw, .adadelta,
  ]
  var rows: [[String]] = []
  var record: [String: JSONValue] = [:]
  var curves: [(kind: OptimizerKind, lr: Double, mean: [Double], std: [Double])] = []
  for kind in kinds {
    let lr = classifierRate(kind)
    let records = try (0..<setup.seeds).map { seed in
      try setup.run(run, seed: seed) { kind.makeOptimizer(Hyperparameters(learningRate: lr)) }
    }
    let (mean, std) = meanAndSpread(records.map(\.losses))
    curves.append((kind, lr, mean, std))
    let accuracy = records.map(\.accuracy).reduce(0, +) / Double(records.count)
    rows.append([
      kind.rawValue, formatNumber(lr), formatNumber(mean[mean.count - 1]),
      formatNumber(std[std.count - 1]), formatNumber(accuracy, digits: 3),
    ])
    record[kind.rawValue] = [
      "learning_rate": .number(lr), "final_loss_mean": .number(mean[mean.count - 1]),
      "final_loss_std": .number(std[std.count - 1]), "test_accuracy": .number(accuracy),
    ]
  }
  let figure = drawNoiseFigure(curves, seeds: setup.seeds)
  run.table(
    header: ["optimizer", "lr", "final loss (mean)", "± std over seeds", "test accuracy"],
    rows: rows)
  run.summary["noise"] = [
    "gradient_check_max_relative_error": .number(check), "seeds": .number(Double(setup.seeds)),
    "epochs": .number(Double(setup.epochs)), "optimizers": .object(record),
  ]
  try run.save(
    figure, name: "minibatch-noise",
    caption: "Training loss per epoch of a 2–16–2 tanh network on two moons, mini-batches of "
      + "32, one panel per optimizer: mean over seeds with a ±1 standard-deviation band; the "
      + "thin grey lines are the other seven optimizers' means, for comparison.")
}

/// Small multiples, one panel per optimizer: eight overlapping bands in two panels could
/// not be told apart, one band per panel can. The other optimizers' means stay in grey.
private func drawNoiseFigure(
  _ curves: [(kind: OptimizerKind, lr: Double, mean: [Double], std: [Double])], seeds: Int
) -> Figure {
  let figure = Figure(
    width: 1600, height: 840, rows: 2, columns: 4,
    title: "Training loss on two moons, mean ± 1 standard deviation over \(seeds) seeds",
    sharedY: true)
  let highest = curves.map { zip($0.mean, $0.std).map { $0 + $1 }.max() ?? 1 }.max() ?? 1
  for (index, curve) in curves.enumerated() {
    let axes = figure[index / 4, index % 4]
    axes.title = "\(curve.kind.displayName), lr \(formatNumber(curve.lr))"
    axes.xLabel = "epoch"
    if index % 4 == 0 { axes.yLabel = "training cross-entropy" }
    let epochs = curve.mean.indices.map(Double.init)
    for (other, context) in curves.enumerated() where other != index {
      axes.line(
        x: epochs, y: context.mean, label: other == (index == 0 ? 1 : 0) ? "other optimizers" : nil,
        color: .lightGrey, width: 1.5)
    }
    let c = color(of: curve.kind)
    axes.band(
      x: epochs, lower: zip(curve.mean, curve.std).map { max($0 - $1, 0) },
      upper: zip(curve.mean, curve.std).map { $0 + $1 }, label: "± 1 sd", color: c, alpha: 0.2,
      edgeWidth: 1)
    axes.line(x: epochs, y: curve.mean, label: "mean", color: c)
    axes.yLimits = 0...(highest * 1.05)
    axes.legendPosition = index == 0 ? .upperRight : .none
  }
  return figure
}

func weightDecay(_ run: ChapterRun) throws {
  run.section("6. AdamW against Adam with L2 weight decay")
  let setup = ClassifierSetup(run)
  let lr = 0.01
  let lambda = 0.1
  struct Variant {
    var name: String
    var make: () -> any Optimizer
  }
  let variants = [
    Variant(name: "Adam, no decay") { Adam(learningRate: lr) },
    Variant(name: "Adam + L2 (λ = \(formatNumber(lambda)))") {
      Adam(learningRate: lr, weightDecay: lambda)
    },
    Variant(name: "AdamW (λ = \(formatNumber(lambda)))") {
      AdamW(learningRate: lr, weightDecay: lambda)
    },
  ]
  let figure = Figure(
    width: 1800, height: 600, rows: 1, columns: 3,
    title: "Adam + L2 against AdamW, lr \(formatNumber(lr)), λ \(formatNumber(lambda)), mean "
      + "over \(setup.seeds) seeds")
  let lossAxes = figure[0, 0]
  lossAxes.title = "Training loss"
  lossAxes.yScale = .log
  lossAxes.xLabel = "epoch"
  lossAxes.yLabel = "training cross-entropy (no penalty)"
  let normAxes = figure[0, 1]
  normAxes.title = "Size of the parameters"
  normAxes.xLabel = "epoch"
  normAxes.yLabel = "‖θ‖ (all weights and biases)"
  var rows: [[String]] = []
  var record: [String: JSONValue] = [:]
  let variantColors = [color(of: .adam), Color.okabeIto(1), color(of: .adamw)]
  // For Adam + L2: a running estimate of v̂ (the same EMA Adam keeps) of every weight, so
  // we can see how unevenly the L2 term is rescaled.
  var secondMoments: [Matrix] = []
  var observedSteps = 0
  for (index, variant) in variants.enumerated() {
    var records: [TrainingRecord] = []
    for seed in 0..<setup.seeds {
      let observe: (([Matrix], [Matrix]) -> Void)? =
        index == 1 && seed == 0
        ? { gradients, parameters in
          if secondMoments.isEmpty { secondMoments = gradients.map { .zeros(like: $0) } }
          for slot in gradients.indices {
            // Adam + L2 sees g + λ·w: exactly the gradient whose square it averages.
            let total = gradients[slot] + parameters[slot] * lambda
            secondMoments[slot] = secondMoments[slot] * 0.999 + (total * total) * 0.001
          }
          observedSteps += 1
        } : nil
      records.append(try setup.run(run, seed: seed, makeOptimizer: variant.make, observe: observe))
    }
    let losses = meanAndSpread(records.map(\.losses)).mean
    let norms = meanAndSpread(records.map(\.norms)).mean
    let epochs = losses.indices.map(Double.init)
    let c = variantColors[index]
    lossAxes.line(x: epochs, y: losses, label: variant.name, color: c)
    normAxes.line(x: epochs, y: norms, label: variant.name, color: c)
    let accuracy = records.map(\.accuracy).reduce(0, +) / Double(records.count)
    rows.append([
      variant.name, formatNumber(losses[losses.count - 1]), formatNumber(norms[norms.count - 1]),
      formatNumber(accuracy, digits: 3),
    ])
    let key = ["adam", "adam_l2", "adamw"][index]
    record[key] = [
      "final_loss": .number(losses[losses.count - 1]),
      "final_norm": .number(norms[norms.count - 1]), "test_accuracy": .number(accuracy),
    ]
  }
  lossAxes.legendPosition = .upperRight
  normAxes.legendPosition = .upperLeft

  // Adam + L2 divides the decay term λ·w by √v̂ like the rest of the gradient, so the
  // relative shrink it causes per step is lr·λ/(√v̂ + ε): different for every parameter,
  // and large where the loss gradient is small (√v̂ ≈ λ|w|, shrink ≈ lr/|w|). AdamW's
  // shrink is lr·λ for every parameter. v̂ is re-computed here with Adam's own β2 from the
  // first seed's run (Adam keeps its state private).
  let correction = 1 - pow(0.999, Double(observedSteps))
  let rates = secondMoments.flatMap { $0.elements }.map { v in
    log10(lr * lambda / ((v / correction).squareRoot() + 1e-8))
  }
  let histogramAxes = figure[0, 2]
  histogramAxes.title = "Effective decay per step, per parameter"
  histogramAxes.xLabel = "log10(relative shrink per step)"
  histogramAxes.yLabel = "parameters"
  histogramAxes.histogram(
    values: rates, bins: 30, label: "Adam + L2: lr·λ/√v̂", color: variantColors[1])
  histogramAxes.verticalLine(
    x: log10(lr * lambda), label: "AdamW: lr·λ for all", color: variantColors[2], style: .solid,
    width: 3)
  // The free stretch lies between AdamW's line and the histogram, not in a corner.
  histogramAxes.legendPosition = .best
  histogramAxes.xLimits = (log10(lr * lambda) - 0.3)...((rates.max() ?? 0) + 0.3)
  let spread = (rates.max() ?? 0) - (rates.min() ?? 0)
  let median = rates.sorted()[rates.count / 2]
  run.table(header: ["variant", "final loss", "‖θ‖", "test accuracy"], rows: rows)
  run.say(
    "Adam + L2 rescales the decay of each parameter by 1/√v̂: its effective shrink per step "
      + "spans \(formatNumber(spread, digits: 2)) decades across the \(rates.count) parameters "
      + "(median \(formatNumber(pow(10, median)))); AdamW shrinks every one by lr·λ = "
      + "\(formatNumber(lr * lambda)) per step.")
  record["l2_effective_decay_decades"] = .number(spread)
  record["l2_effective_decay_median"] = .number(pow(10, median))
  record["learning_rate"] = .number(lr)
  record["lambda"] = .number(lambda)
  run.summary["weight_decay"] = .object(record)
  try run.save(
    figure, name: "adamw-vs-adam-l2",
    caption: "Same λ, different regularisers: Adam + L2 divides each parameter's decay by its "
      + "gradient RMS, AdamW shrinks every parameter by the same lr·λ per step.")
}
