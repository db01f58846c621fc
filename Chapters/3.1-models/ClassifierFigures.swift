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
    caption: "Confusion matrix on the test set (row = true class, in % of that class, one "
      + "decimal, zeros blank). The colours span the off-diagonal cells, so the confusions "
      + "show; the diagonal, correct answers, saturates at the top of the scale. Shirts, "
      + "T-shirts, pullovers and coats are mistaken for one another.")
  try run.save(
    predictionGrid(result), name: "test-predictions",
    caption: "The first 40 test images with the predicted class; vermilion captions are errors "
      + "and name the true class in brackets.")
  if let trained = result.network.layers.first as? Dense, let initial = result.initialFirstLayer {
    try run.save(
      firstLayerWeights(initial: initial, trained: trained), name: "first-layer-weights",
      caption: "The incoming weights of 16 first-layer units as 28×28 images (top), and what "
        + "training added to their random initial values (bottom): outlines of tops, trousers "
        + "and shoes appear in the change, hidden under the initial noise.")
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
  // Room below the curves for the legend, so that it covers no data.
  let values: [Double] = (reports + result.linearReports).flatMap { report -> [Double] in
    [report.training.accuracy] + (report.test.map { [$0.accuracy] } ?? [])
  }
  let lowest = 100 * (values.min() ?? 0.8)
  let highest = 100 * (values.max() ?? 1)
  accuracy.yLimits = max(0, (lowest / 5).rounded(.down) * 5 - 10)...min(100, max(90, highest + 1))
  accuracy.legendPosition = .lowerRight
  if result.epochsAtTenthRate > 0 {
    let start = Double(reports.count - result.epochsAtTenthRate) + 0.5
    for axes in [loss, accuracy] {
      axes.verticalLine(
        x: start, label: axes === loss ? "learning rate ÷ 10 from here" : nil, color: .grey,
        style: .dotted)
    }
  }
  if reports.count == 1 {
    loss.xLimits = 0...2
    accuracy.xLimits = 0...2
  }
  return figure
}

/// The confusion matrix in % of each true class. The diagonal (70–98%) would take the whole
/// colour scale and make every confusion look like zero, so the scale spans the
/// off-diagonal cells only and the diagonal saturates at its top; every non-zero cell is
/// written with one decimal, and zeros are left blank.
private func confusionFigure(_ confusion: ConfusionMatrix, classNames: [String]) -> Figure {
  let percents = confusion.rowNormalized.map { $0.map { 100 * $0 } }
  let offDiagonal = percents.indices.flatMap { r in
    percents[r].indices.filter { $0 != r }.map { percents[r][$0] }
  }
  let top = max(1, (offDiagonal.max() ?? 1).rounded(.up))
  let labels = percents.map { row in
    row.map { $0 == 0 ? "" : String(format: "%.1f", $0) }
  }
  let figure = Figure(
    width: 1200, height: 1000,
    title: "深度学习模型: shirts, T-shirts, pullovers and coats are confused with one another")
  let axes = figure.axes
  axes.title = "% of each true class (row) predicted as each class (column)"
  axes.xLabel = "predicted class"
  axes.yLabel = "true class"
  axes.heatmap(
    values: percents, colormap: .viridis, colorbar: true, rowLabels: classNames,
    columnLabels: classNames, annotate: true, range: 0...top, cellLabels: labels,
    colorbarLabel: "% of the true class (off-diagonal scale; the diagonal saturates)")
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
    title: "First \(count) test images: predicted class (green = right, vermilion = wrong, "
      + "true class in brackets); \(wrong) wrong")
  figure.axes.imageGrid(
    images: images, imageWidth: FashionMNIST.imageWidth, imageHeight: FashionMNIST.imageHeight,
    columns: 8, colormap: .grey, captions: captions)
  return figure
}

private func firstLayerWeights(initial: Dense, trained: Dense) -> Figure {
  let units = min(16, trained.outputSize)
  let change = trained.weights - initial.weights
  let figure = Figure(
    width: 1400, height: 900, rows: 2, columns: 1,
    title:
      "What the first layer looks for: the weights into hidden units 1–\(units) as 28×28 images")
  let top = figure[0, 0]
  top.title = "after training (grey = 0, white = positive, black = negative)"
  top.imageGrid(
    images: (0..<units).map { unitImage(trained.weights, unit: $0) },
    imageWidth: FashionMNIST.imageWidth, imageHeight: FashionMNIST.imageHeight, columns: 8,
    colormap: .grey, captions: (0..<units).map { Caption("unit \($0 + 1)") })
  let bottom = figure[1, 0]
  bottom.title = "what training added to the random start (trained − initial weights)"
  bottom.imageGrid(
    images: (0..<units).map { unitImage(change, unit: $0) },
    imageWidth: FashionMNIST.imageWidth, imageHeight: FashionMNIST.imageHeight, columns: 8,
    colormap: .grey, captions: (0..<units).map { Caption("unit \($0 + 1)") })
  return figure
}

/// Column `unit` of a `784 × units` weight matrix as an image in [0, 1] with 0.5 = 0.
///
/// Each image has its own symmetric scale (±3 standard deviations of its weights, clipped),
/// so a unit with small weights is as readable as one with large weights; zero stays grey.
private func unitImage(_ weights: Matrix, unit: Int) -> [Double] {
  let column = weights.column(unit)
  let n = Double(column.count)
  let mean = column.reduce(0, +) / n
  let spread = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
  let scale = max(3 * spread, 1e-12)
  return column.map { min(1, max(0, 0.5 + 0.5 * $0 / scale)) }
}
