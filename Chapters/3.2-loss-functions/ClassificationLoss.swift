// Experiment 4: why classifiers are trained with cross-entropy, not squared error.
//
// A logistic-regression classifier p = σ(x·w + b) starts from weights pointing the wrong
// way, so it is confidently wrong about most points. With cross-entropy the gradient with
// respect to the score is σ(f) − y, close to −1 for such a point: full force. With the
// squared error on p it is 2(σ(f) − y)·σ(f)(1 − σ(f)), and the factor σ(1 − σ) ≈ e^−|f|
// all but switches the gradient off exactly where the model is most wrong.

import ChapterKit
import Foundation
import Layers
import Losses
import NumericsCore
import Optimizers
import Plot

/// The objective a classifier is trained with.
enum ClassifierLoss: String, CaseIterable {
  case squaredErrorOnSigmoid = "MSE on σ(f)"
  case crossEntropy = "cross-entropy"

  /// The loss of the logits `f` (`n × 1`) against 0/1 targets, and ∂L/∂f.
  func evaluate(logits f: Matrix, targets: Matrix) -> LossResult {
    switch self {
    case .crossEntropy:
      return binaryCrossEntropy(logits: f, targets: targets)
    case .squaredErrorOnSigmoid:
      let p = sigmoid(f)
      let result = meanSquaredError(predicted: p, expected: targets)
      // Chain rule through p = σ(f): ∂L/∂f = ∂L/∂p · σ(f)(1 − σ(f)).
      return LossResult(value: result.value, gradient: result.gradient * p * (1 - p))
    }
  }
}

/// What one training run recorded at every step (before the step's update).
struct TrainingTrace {
  var loss: [Double] = []
  var gradientNorm: [Double] = []
  var accuracy: [Double] = []

  /// The first step whose accuracy reached `level`, or nil.
  func firstStep(reaching level: Double) -> Int? { accuracy.firstIndex { $0 >= level } }
}

/// Full-batch gradient descent on a linear model f = x·w + b from a given start, through the
/// course's training loop: a one-layer network, plain SGD, and the rows in order (no random
/// numbers drawn). The trace is taken before each step's update, from the gradients the
/// loop is about to apply.
func trainClassifier(
  features: Matrix, targets: Matrix, loss: ClassifierLoss, start: [Double], rate: Double,
  steps: Int
) throws -> TrainingTrace {
  var network = Sequential([
    Dense(weights: Matrix(column: Array(start.dropLast())), bias: [[start.last ?? 0]])
  ])
  var trace = TrainingTrace()
  var hooks = TrainingHooks<NoRandomness>()
  hooks.transformGradients = { gradients, network, _, _ in
    let (gw, gb) = (gradients[0][0], gradients[0][1][0, 0])
    let f = network.predict(features)
    let correct = (0..<f.rows).filter { (f[$0, 0] > 0 ? 1.0 : 0.0) == targets[$0, 0] }.count
    trace.gradientNorm.append((gw.norm() * gw.norm() + gb * gb).squareRoot())
    trace.accuracy.append(Double(correct) / Double(f.rows))
  }
  var configuration = TrainingConfiguration(
    epochs: steps, batchSize: features.rows, batching: .inOrder)
  configuration.evaluatesTrainingSet = false
  var sgd = SGD(learningRate: rate)
  var none = NoRandomness()
  do {
    trace.loss = try train(
      &network, on: Examples(inputs: features, values: targets),
      loss: { output, targets in
        guard case .values(let y) = targets else { preconditionFailure("0/1 targets expected") }
        return loss.evaluate(logits: output, targets: y)
      }, configuration: configuration, optimizer: &sgd, hooks: hooks, using: &none
    ).stepLosses
  } catch .diverged(let step, let value) {
    throw ChapterError.diverged(step: step, loss: value)
  }
  return trace
}

func classificationLosses(_ run: ChapterRun) throws {
  run.section("4. Classification: squared error on a sigmoid vs cross-entropy")
  var rng = run.makeGenerator(for: "classification")
  let perClass = run.options.quick ? 50 : 100
  let steps = run.options.quick ? 400 : 1500
  let rate = 0.5
  // Two Gaussian clouds, class 1 around (1.5, 1), class 0 around (−1.5, −1).
  var rows = [[Double]]()
  var labels = [Double]()
  for label in [0.0, 1.0] {
    let sign = label == 1 ? 1.0 : -1.0
    for _ in 0..<perClass {
      rows.append([sign * 1.5 + rng.nextNormal(), sign * 1.0 + rng.nextNormal()])
      labels.append(label)
    }
  }
  let features = Matrix(rows)
  let targets = Matrix(column: labels)
  // The start points the wrong way: most points get a confident, wrong score.
  let start = [-4.0, -3, 0]
  let traces = try ClassifierLoss.allCases.map {
    try trainClassifier(
      features: features, targets: targets, loss: $0, start: start, rate: rate, steps: steps)
  }
  let (mse, ce) = (traces[0], traces[1])
  run.say(
    "\(2 * perClass) points, start w = (\(formatNumber(start[0])), \(formatNumber(start[1]))), "
      + "b = \(formatNumber(start[2])); learning rate \(formatNumber(rate)), \(steps) steps.")
  func describe(_ step: Int?) -> String { step.map { "\($0)" } ?? "not within \(steps)" }
  run.table(
    header: [
      "loss", "gradient norm at start", "accuracy at start", "steps to 90% accuracy",
      "final accuracy",
    ],
    rows: zip(ClassifierLoss.allCases, traces).map { loss, trace in
      [
        loss.rawValue, formatNumber(trace.gradientNorm[0]), formatNumber(trace.accuracy[0]),
        describe(trace.firstStep(reaching: 0.9)), formatNumber(trace.accuracy.last ?? .nan),
      ]
    })
  let ratio = ce.gradientNorm[0] / mse.gradientNorm[0]
  run.say("at the start, cross-entropy's gradient is \(formatNumber(ratio)) times larger")

  let figure = Figure(
    width: 1500, height: 600, rows: 1, columns: 3,
    title: "Logistic regression from a badly wrong start: MSE on σ(f) vs cross-entropy")
  // Steps counted from 1 on a log axis: the interesting part is the first few hundred.
  let stepAxis = (1...steps).map(Double.init)
  let panels: [(String, String, KeyPath<TrainingTrace, [Double]>)] = [
    ("Training loss (each its own)", "loss", \.loss),
    ("Gradient norm ‖∇(w, b)‖", "gradient norm (log scale)", \.gradientNorm),
    ("Training accuracy", "accuracy", \.accuracy),
  ]
  for (column, (title, yLabel, path)) in panels.enumerated() {
    let ax = figure[0, column]
    ax.title = title
    ax.xLabel = "gradient-descent step (log scale)"
    ax.xScale = .log
    ax.yLabel = yLabel
    if column == 1 { ax.yScale = .log }
    for (i, (loss, trace)) in zip(ClassifierLoss.allCases, traces).enumerated() {
      ax.line(
        x: stepAxis, y: trace[keyPath: path], label: loss.rawValue, color: [Color.blue, .red][i])
    }
  }
  figure[0, 2].yLimits = 0...1
  // One legend for the three panels (the same two series in each), under the middle one:
  // inside any panel it would cover a curve somewhere.
  for (column, axes) in figure.allAxes.enumerated() {
    axes.legendPosition = column == 1 ? .below : .none
  }
  let ceSteps = describe(ce.firstStep(reaching: 0.9))
  let mseSteps = describe(mse.firstStep(reaching: 0.9))
  let caption =
    "Logistic regression started with the weights pointing the wrong way. Cross-entropy's "
    + "gradient is largest when the model is most wrong and it reaches 90% accuracy in "
    + "\(ceSteps) steps; the squared error on the sigmoid output starts with a gradient "
    + "\(formatNumber(ratio)) times smaller and needs \(mseSteps) steps."
  try run.save(figure, name: "classification-losses", caption: caption)
  run.summary["ce_gradient_at_start"] = .number(ce.gradientNorm[0])
  run.summary["mse_gradient_at_start"] = .number(mse.gradientNorm[0])
  run.summary["gradient_ratio_at_start"] = .number(ratio)
  run.summary["ce_steps_to_90_percent"] =
    ce.firstStep(reaching: 0.9).map { .number(Double($0)) } ?? .null
  run.summary["mse_steps_to_90_percent"] =
    mse.firstStep(reaching: 0.9).map { .number(Double($0)) } ?? .null
  run.summary["accuracy_at_start"] = .number(ce.accuracy.first ?? .nan)
  run.summary["ce_final_accuracy"] = .number(ce.accuracy.last ?? .nan)
  run.summary["mse_final_accuracy"] = .number(mse.accuracy.last ?? .nan)
  run.summary["classification_steps"] = .number(Double(steps))
}
