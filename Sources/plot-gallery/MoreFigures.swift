// More gallery figures: heatmaps, images, histograms, shared axes, edge cases, Unicode.

import Foundation
import NumericsCore
import Plot

func heatmapFigure() -> Figure {
  let figure = Figure(rows: 1, columns: 2, title: "Heatmaps")
  let classes = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal"]
  var rng = GalleryRandom(seed: 11)
  let confusion = (0..<6).map { r in
    (0..<6).map { c in
      r == c
        ? Double(80 + Int(rng.uniform() * 15)) : Double(Int(rng.uniform() * rng.uniform() * 14))
    }
  }
  let left = figure[0, 0]
  left.title = "Confusion matrix"
  left.xLabel = "predicted"
  left.yLabel = "true"
  left.heatmap(values: confusion, rowLabels: classes, columnLabels: classes, annotate: true)
  let right = figure[0, 1]
  right.title = "Discriminator output D(x)"
  right.xLabel = "x₁"
  right.yLabel = "x₂"
  let xs = linearlySpaced(from: -3, to: 3, count: 60)
  let ys = linearlySpaced(from: -3, to: 3, count: 60)
  let values = ys.map { y in xs.map { x in 1 / (1 + exp(-(x * x + y * y - 2.5))) } }
  right.heatmap(x: -3...3, y: -3...3, values: values)
  right.contour(x: xs, y: ys, values: values, levels: .explicit([0.5]), color: .white, width: 2)
  return figure
}

func imageGridFigure() -> Figure {
  let figure = Figure(width: 1200, height: 800, rows: 1, columns: 2, title: "Image grids")
  var rng = GalleryRandom(seed: 5)
  var images: [[Double]] = []
  var captions: [Caption] = []
  let names = ["ring", "blob", "bar", "cross"]
  for k in 0..<16 {
    let kind = k % 4
    var image = [Double](repeating: 0, count: 28 * 28)
    for y in 0..<28 {
      for x in 0..<28 {
        let dx = Double(x) - 13.5
        let dy = Double(y) - 13.5
        let r = (dx * dx + dy * dy).squareRoot()
        let value: Double
        switch kind {
        case 0: value = exp(-pow(r - 8, 2) / 4)
        case 1: value = exp(-r * r / 40)
        case 2: value = abs(dx) < 3 ? 1 : 0
        default: value = abs(dx) < 2.5 || abs(dy) < 2.5 ? 0.9 : 0
        }
        image[y * 28 + x] = Swift.min(1, Swift.max(0, value + 0.08 * rng.normal()))
      }
    }
    images.append(image)
    let predicted = k == 5 || k == 10 ? names[(kind + 1) % 4] : names[kind]
    captions.append(Caption(predicted, color: predicted == names[kind] ? .green : .red))
  }
  let left = figure[0, 0]
  left.title = "Predictions (green right, red wrong)"
  left.imageGrid(images: images, imageWidth: 28, imageHeight: 28, columns: 4, captions: captions)
  let right = figure[0, 1]
  right.title = "Generated samples (viridis)"
  right.imageGrid(
    images: Array(images.prefix(12)), imageWidth: 28, imageHeight: 28, columns: 4,
    colormap: .viridis)
  return figure
}

func histogramFigure() -> Figure {
  let figure = Figure(rows: 1, columns: 2, title: "Histograms and bars")
  var rng = GalleryRandom(seed: 9)
  let left = figure[0, 0]
  left.title = "Weights before and after L2 regularisation"
  left.xLabel = "weight value"
  left.yLabel = "count"
  left.histogram(values: (0..<4000).map { _ in 0.8 * rng.normal() }, bins: 40, label: "no penalty")
  left.histogram(
    values: (0..<4000).map { _ in 0.3 * rng.normal() }, bins: 40, label: "L2, λ = 0.01")
  let right = figure[0, 1]
  right.title = "Test accuracy by optimizer"
  right.yLabel = "accuracy"
  right.yLimits = 0...1
  right.bars(
    labels: ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"],
    heights: [0.81, 0.86, 0.87, 0.83, 0.88, 0.89])
  right.horizontalLine(y: 0.1, label: "chance (10 classes)", color: .grey)
  return figure
}

func sharedFigure() -> Figure {
  let figure = Figure(
    rows: 2, columns: 2, title: "Learning-rate sweep (shared axes)", sharedX: true, sharedY: true)
  let rates = [0.001, 0.01, 0.1, 1.0]
  for (k, rate) in rates.enumerated() {
    let ax = figure[k / 2, k % 2]
    ax.title = "learning rate \(rate)"
    if k / 2 == 1 { ax.xLabel = "step" }
    if k % 2 == 0 { ax.yLabel = "loss" }
    let steps = (0..<200).map(Double.init)
    let loss = steps.map { s -> Double in
      rate >= 1 ? 1 + 0.5 * sin(s / 3) + s / 200 : exp(-rate * 30 * s / 200) + 0.05
    }
    ax.line(x: steps, y: loss, label: "loss", color: .okabeIto(k))
  }
  return figure
}

func robustnessFigure() -> Figure {
  let figure = Figure(rows: 2, columns: 2, title: "Edge cases: NaN, ±inf, empty, constant")
  let a = figure[0, 0]
  a.title = "NaN and inf break the line"
  let xs = (0..<30).map(Double.init)
  a.line(
    x: xs, y: xs.map { $0 == 10 ? .nan : $0 == 20 ? .infinity : sin($0 / 4) },
    label: "sin with gaps", marker: .circle)
  let b = figure[0, 1]
  b.title = "Empty series"
  b.line(x: [], y: [], label: "nothing")
  let c = figure[1, 0]
  c.title = "Constant series"
  c.line(x: xs, y: xs.map { _ in 3 }, label: "y = 3")
  let d = figure[1, 1]
  d.title = "Log axis drops values ≤ 0"
  d.yScale = .log
  d.line(x: xs, y: xs.map { $0 - 5 }, label: "x − 5")
  return figure
}

func unicodeFigure() -> Figure {
  let figure = Figure(title: "损失函数 — Unicode labels: α, β, ∇, σ, π")
  let ax = figure.axes
  ax.title = "Huber loss L_δ(r) for several δ"
  ax.xLabel = "residual r = y − ŷ"
  ax.yLabel = "loss (损失)"
  let r = linearlySpaced(from: -3, to: 3, count: 241)
  for delta in [0.5, 1.0, 2.0] {
    ax.line(
      x: r, y: r.map { abs($0) <= delta ? 0.5 * $0 * $0 : delta * (abs($0) - 0.5 * delta) },
      label: "δ = \(delta)")
  }
  ax.line(x: r, y: r.map { 0.5 * $0 * $0 }, label: "½ r² (MSE)", color: .grey, style: .dotted)
  ax.text("Huber: ∇L is bounded by δ", at: (-0.9, 3.6))
  ax.legendPosition = .outsideRight
  return figure
}
