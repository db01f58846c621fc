import ChapterKit
import Datasets
import Layers
import NumericsCore
import Plot

/// The four figures of part 1.
func saveClassifierFigures(_ result: ClassifierResult, run: ChapterRun) throws {
  try run.save(
    trainingCurves(result), name: "training-curves",
    caption: "Loss and accuracy on the training and test sets after each epoch. The gap "
      + "between the two curves is what the network memorised rather than learned.")
  try run.save(
    confusionFigure(result.final.confusion, classNames: result.test.classNames),
    name: "confusion-matrix",
    caption: "Confusion matrix on the test set (row = true class, in % of that class). "
      + "Shirts, T-shirts, pullovers and coats are mistaken for one another.")
  try run.save(
    predictionGrid(result), name: "test-predictions",
    caption: "The first 40 test images with the predicted class; red captions are errors "
      + "and name the true class in brackets.")
  if let first = result.network.layers.first as? Dense {
    try run.save(
      firstLayerWeights(first), name: "first-layer-weights",
      caption: "The incoming weights of 32 hidden units of the first layer, as 28×28 images "
        + "(grey = 0, white = positive, black = negative): each unit is a pixel template.")
  }
}

private func trainingCurves(_ result: ClassifierResult) -> Figure {
  let reports = result.reports
  let figure = Figure(
    width: 1400, height: 600, rows: 1, columns: 2,
    title: "Fashion-MNIST: an MLP learning, epoch by epoch")
  let epochs = reports.map { Double($0.epoch) }
  let marker: Marker? = reports.count <= 30 ? .circle : nil
  let loss = figure[0, 0]
  loss.title = "Cross-entropy loss"
  loss.xLabel = "epoch"
  loss.yLabel = "mean loss"
  loss.line(
    x: epochs, y: reports.map(\.training.loss), label: "training set", color: .okabeIto(0),
    marker: marker)
  loss.line(
    x: epochs, y: reports.map { $0.test?.loss ?? .nan }, label: "test set", color: .okabeIto(1),
    marker: marker)
  loss.legendPosition = .upperRight

  let accuracy = figure[0, 1]
  accuracy.title = "Accuracy"
  accuracy.xLabel = "epoch"
  accuracy.yLabel = "accuracy (%)"
  accuracy.line(
    x: epochs, y: reports.map { 100 * $0.training.accuracy }, label: "training set",
    color: .okabeIto(0), marker: marker)
  accuracy.line(
    x: epochs, y: reports.map { 100 * ($0.test?.accuracy ?? .nan) }, label: "test set",
    color: .okabeIto(1), marker: marker)
  accuracy.line(
    x: epochs,
    y: reports.indices.map { i in
      100
        * (result.linearReports.indices.contains(i)
          ? result.linearReports[i].test?.accuracy ?? .nan : .nan)
    }, label: "test set, no hidden layer", color: .okabeIto(2), style: .dashed, marker: marker)
  accuracy.horizontalLine(y: 88.3, label: "benchmark MLP 256-128-100 (88.3%)", color: .grey)
  accuracy.horizontalLine(
    y: 83.5, label: "human, crowd-sourced (83.5%)", color: .okabeIto(4), style: .dotted)
  accuracy.legendPosition = .best
  if reports.count == 1 {
    loss.xLimits = 0...2
    accuracy.xLimits = 0...2
  }
  return figure
}

private func confusionFigure(_ confusion: ConfusionMatrix, classNames: [String]) -> Figure {
  let figure = Figure(
    width: 1200, height: 1000, title: "Test set: true class (rows) vs predicted class (columns)")
  let axes = figure.axes
  axes.xLabel = "predicted class"
  axes.yLabel = "true class"
  axes.heatmap(
    values: confusion.rowNormalized.map { $0.map { 100 * $0 } }, colormap: .viridis,
    colorbar: true, rowLabels: classNames, columnLabels: classNames, annotate: true,
    range: 0...100)
  return figure
}

private func predictionGrid(_ result: ClassifierResult) -> Figure {
  let count = min(40, result.test.count)
  let names = result.test.classNames
  let images = (0..<count).map { result.test.features.row($0) }
  let captions = (0..<count).map { i -> Caption in
    let predicted = result.final.predictions[i]
    let truth = result.test.labels[i]
    return predicted == truth
      ? Caption(names[predicted], color: .green)
      : Caption("\(names[predicted]) (\(names[truth]))", color: .red)
  }
  let wrong = captions.filter { $0.color == .red }.count
  let figure = Figure(
    width: 1400, height: 1000,
    title: "First \(count) test images: predicted class (green = right, red = wrong, "
      + "true class in brackets); \(wrong) wrong")
  figure.axes.imageGrid(
    images: images, imageWidth: FashionMNIST.imageWidth, imageHeight: FashionMNIST.imageHeight,
    columns: 8, colormap: .grey, captions: captions)
  return figure
}

private func firstLayerWeights(_ layer: Dense) -> Figure {
  let units = min(32, layer.outputSize)
  let weights = layer.weights
  // One symmetric scale for all units, so that grey means 0 in every image and the
  // images can be compared with each other.
  var scale = 0.0
  for j in 0..<units {
    for i in 0..<weights.rows { scale = max(scale, abs(weights[i, j])) }
  }
  let images = (0..<units).map { j in
    (0..<weights.rows).map { i in 0.5 + 0.5 * weights[i, j] / max(scale, 1e-12) }
  }
  let figure = Figure(
    width: 1400, height: 760,
    title: "What the first layer looks for: weights into hidden units 1–\(units)")
  figure.axes.imageGrid(
    images: images, imageWidth: FashionMNIST.imageWidth, imageHeight: FashionMNIST.imageHeight,
    columns: 8, colormap: .grey,
    captions: (0..<units).map { Caption("unit \($0 + 1)") })
  return figure
}
