import ChapterKit
import Foundation
import Plot

/// The learning curve (accuracy against labelled images) and the cost panels (training
/// time and steps to the best validation epoch).
func saveOverviewFigures(_ curve: LearningCurve, run: ChapterRun) throws {
  let sizes = curve.sizes.map(Double.init)
  let linear = curve.points[.linear] ?? []
  let mlp = curve.points[.mlp] ?? []
  let colors: [CurveModel: Color] = [.linear: .orange, .mlp: .blue]
  let markers: [CurveModel: Marker] = [.linear: .square, .mlp: .circle]

  let title = learningCurveTitle(mlp: mlp, linear: linear)
  let figure = Figure(width: 1200, height: 760, title: title)
  let axes = figure[0, 0]
  axes.title = "为什么需要深度学习？ Test accuracy at the best validation epoch"
  axes.xLabel = "labelled training images (log scale)"
  axes.yLabel = "test accuracy"
  axes.xScale = .log
  for model in CurveModel.allCases {
    let points = curve.points[model] ?? []
    axes.line(
      x: sizes, y: points.map(\.testAccuracy), label: model.displayName, color: colors[model],
      marker: markers[model])
  }
  axes.legendPosition = .lowerRight
  try run.save(
    figure, name: "learning-curve",
    caption: "Test accuracy of softmax regression (orange squares) and the 784-256-128-10 MLP "
      + "(blue circles) trained on the first n of \(curve.sizes.last ?? 0) labelled Fashion-MNIST "
      + "images, each stopped at its best epoch on \(curve.validationCount) held-out validation "
      + "images. With few labels the two are close; the MLP's lead grows with the data.")

  let cost = Figure(
    width: 1400, height: 640, rows: 1, columns: 2,
    title: costTitle(mlp: mlp, linear: linear))
  let time = cost[0, 0]
  time.title = "Training time (all epochs run)"
  time.xLabel = "labelled training images (log scale)"
  time.yLabel = "seconds (log scale)"
  time.xScale = .log
  time.yScale = .log
  let steps = cost[0, 1]
  steps.title = "Optimizer steps to the best validation epoch"
  steps.xLabel = "labelled training images (log scale)"
  steps.yLabel = "steps (log scale)"
  steps.xScale = .log
  steps.yScale = .log
  for model in CurveModel.allCases {
    let points = curve.points[model] ?? []
    time.line(
      x: sizes, y: points.map { max($0.seconds, 1e-4) }, label: model.displayName,
      color: colors[model], marker: markers[model])
    steps.line(
      x: sizes, y: points.map { Double(max($0.stepsToBest, 1)) }, label: model.displayName,
      color: colors[model], marker: markers[model])
  }
  // Runs still improving when their epoch budget ended did not converge: mark them.
  let unfinished = CurveModel.allCases.flatMap { curve.points[$0] ?? [] }.filter { !$0.converged }
  if !unfinished.isEmpty {
    steps.scatter(
      x: unfinished.map { Double($0.size) }, y: unfinished.map { Double(max($0.stepsToBest, 1)) },
      label: "still improving when its epoch budget ended", color: .grey, size: 18, alpha: 0.35)
  }
  time.legendPosition = .upperLeft
  steps.legendPosition = .lowerRight
  try run.save(
    cost, name: "cost",
    caption: "Left: wall-clock training time of each run (release build; it varies with the "
      + "machine). Right: Adam steps (batch 128) until the epoch with the best validation "
      + "accuracy; grey discs mark runs whose budget of epochs ended while they were still "
      + "improving. Orange squares: softmax regression; blue circles: the MLP.")
}

/// A title that states what the learning curve shows, from the numbers.
private func learningCurveTitle(mlp: [CurvePoint], linear: [CurvePoint]) -> String {
  let gaps = zip(mlp, linear).map { 100 * ($0.testAccuracy - $1.testAccuracy) }
  guard let first = gaps.first, let last = gaps.last, let small = mlp.first, let big = mlp.last
  else { return "Learning curve" }
  let verb = last > first + 1 ? "grows" : "does not grow"
  return "The MLP's lead \(verb) with the labels: \(formatNumber(first, digits: 2)) points at "
    + "\(small.size) images, \(formatNumber(last, digits: 2)) at \(big.size)"
}

/// A title that states the cost comparison, from the numbers.
private func costTitle(mlp: [CurvePoint], linear: [CurvePoint]) -> String {
  guard let big = mlp.last, let small = linear.last, small.seconds > 0 else { return "Cost" }
  let ratio = formatNumber(big.seconds / small.seconds, digits: 2)
  let both = zip(mlp, linear).filter { $0.converged && $1.converged }
  let fewer = !both.isEmpty && both.allSatisfy { $0.stepsToBest < $1.stepsToBest }
  return "At \(big.size) images the MLP trains \(ratio)× longer"
    + (fewer ? "; where both converge it needs fewer steps" : "")
}
