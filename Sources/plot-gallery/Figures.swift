// The gallery's figures: each one exercises a kind of series the course uses.

import Foundation
import NumericsCore
import Plot

func linesFigure() -> Figure {
  let figure = Figure(title: "Training curves")
  let ax = figure.axes
  ax.title = "Loss per epoch (mean ± 95 % CI over 5 seeds)"
  ax.xLabel = "epoch"
  ax.yLabel = "cross-entropy loss"
  let epochs = (0...40).map(Double.init)
  let train = epochs.map { 2.3 * exp(-$0 / 8) + 0.15 }
  let validation = epochs.map { 2.3 * exp(-$0 / 9) + 0.3 + 0.0004 * $0 * $0 }
  ax.band(
    x: epochs, lower: validation.map { $0 - 0.12 }, upper: validation.map { $0 + 0.12 },
    color: .okabeIto(1), alpha: 0.2)
  ax.line(x: epochs, y: train, label: "training")
  ax.line(x: epochs, y: validation, label: "validation", style: .dashed)
  ax.line(
    x: stride(from: 0.0, through: 40, by: 5).map { $0 },
    y: stride(from: 0.0, through: 40, by: 5).map { 1.9 * exp(-$0 / 10) + 0.4 },
    label: "baseline (every 5 epochs)", style: .dotted, marker: .circle)
  ax.horizontalLine(y: 0.15, label: "Bayes error", color: .grey)
  ax.arrow(from: (28, 1.4), to: (23.5, 0.62), text: "overfitting starts")
  return figure
}

func logScalesFigure() -> Figure {
  let figure = Figure(rows: 1, columns: 2, title: "Log scales")
  let left = figure[0, 0]
  left.title = "Gradient norm per layer (vanishing gradients)"
  left.xLabel = "layer (from output)"
  left.yLabel = "‖∇W‖"
  left.yScale = .log
  let layers = (1...20).map(Double.init)
  left.line(x: layers, y: layers.map { pow(0.25, $0) }, label: "sigmoid", marker: .circle)
  left.line(x: layers, y: layers.map { pow(0.8, $0) }, label: "tanh", marker: .square)
  left.line(
    x: layers, y: layers.map { 0.9 + 0.01 * sin($0) }, label: "ReLU + He init", marker: .triangle)
  let right = figure[0, 1]
  right.title = "Monte Carlo error follows 1/√N"
  right.xLabel = "samples N"
  right.yLabel = "absolute error"
  right.xScale = .log
  right.yScale = .log
  var rng = GalleryRandom(seed: 7)
  let sizes = (1...24).map { pow(10, 1 + Double($0) * 0.2) }
  right.scatter(
    x: sizes, y: sizes.map { 1.6 / $0.squareRoot() * exp(0.3 * rng.normal()) },
    label: "measured error")
  right.line(x: sizes, y: sizes.map { 1.6 / $0.squareRoot() }, label: "1.6 / √N", style: .dashed)
  return figure
}

func contourFigure() -> Figure {
  let figure = Figure(rows: 1, columns: 2, title: "Optimizer paths over contour lines")
  // Rosenbrock with log-spaced levels.
  let xs = linearlySpaced(from: -2, to: 2, count: 161)
  let ys = linearlySpaced(from: -1, to: 3, count: 161)
  let rosenbrock = ys.map { y in xs.map { x in pow(1 - x, 2) + 100 * pow(y - x * x, 2) } }
  let left = figure[0, 0]
  left.title = "Rosenbrock function (log-spaced levels)"
  left.xLabel = "x₁"
  left.yLabel = "x₂"
  left.contour(x: xs, y: ys, values: rosenbrock, levels: .logSpaced(14))
  var path: [(Double, Double)] = [(-1.5, 2.5)]
  var momentum: [(Double, Double)] = [(-1.5, 2.5)]
  var (px, py) = (-1.5, 2.5)
  var (mx, my) = (-1.5, 2.5)
  var (vx, vy) = (0.0, 0.0)
  for _ in 0..<3000 {
    let gx = -2 * (1 - px) - 400 * px * (py - px * px)
    let gy = 200 * (py - px * px)
    px -= 0.001 * gx
    py -= 0.001 * gy
    path.append((px, py))
    let hx = -2 * (1 - mx) - 400 * mx * (my - mx * mx)
    let hy = 200 * (my - mx * mx)
    vx = 0.9 * vx - 0.0002 * hx
    vy = 0.9 * vy - 0.0002 * hy
    mx += vx
    my += vy
    momentum.append((mx, my))
  }
  left.line(
    x: momentum.map(\.0), y: momentum.map(\.1), label: "momentum (β = 0.9)",
    color: .okabeIto(0), width: 3.5)
  left.line(
    x: path.map(\.0), y: path.map(\.1), label: "gradient descent", color: .okabeIto(1),
    width: 1.8)
  left.scatter(
    x: [1], y: [1], label: "minimum (1, 1)", color: .black, size: 10, alpha: 1, marker: .plus)
  // A quadratic bowl with automatic levels and a grey colour.
  let right = figure[0, 1]
  right.title = "Ill-conditioned quadratic (automatic levels)"
  right.xLabel = "w₁"
  right.yLabel = "w₂"
  right.equalAspect = true
  let gx = linearlySpaced(from: -3, to: 3, count: 81)
  let gy = linearlySpaced(from: -3, to: 3, count: 81)
  right.contour(
    x: gx, y: gy, values: gy.map { y in gx.map { x in 0.5 * x * x + 4 * y * y } },
    levels: .automatic(10), color: .grey)
  var q: [(Double, Double)] = [(-2.8, 1.5)]
  for _ in 0..<25 {
    let (x, y) = q[q.count - 1]
    q.append((x - 0.2 * x, y - 0.2 * 8 * y))
  }
  right.line(x: q.map(\.0), y: q.map(\.1), label: "SGD, lr = 0.2", marker: .circle)
  return figure
}

func scatterFigure() -> Figure {
  let figure = Figure(title: "GAN samples on a ring of eight Gaussians")
  let ax = figure.axes
  ax.xLabel = "x₁"
  ax.yLabel = "x₂"
  ax.equalAspect = true
  var rng = GalleryRandom(seed: 3)
  var realX: [Double] = []
  var realY: [Double] = []
  var fakeX: [Double] = []
  var fakeY: [Double] = []
  for k in 0..<800 {
    let angle = Double(k % 8) * .pi / 4
    realX.append(2 * cos(angle) + 0.1 * rng.normal())
    realY.append(2 * sin(angle) + 0.1 * rng.normal())
    let mode = Double([0, 1, 2][k % 3]) * .pi / 4
    fakeX.append(2 * cos(mode) + 0.25 * rng.normal())
    fakeY.append(2 * sin(mode) + 0.25 * rng.normal())
  }
  ax.scatter(x: realX, y: realY, label: "real data", size: 5, alpha: 0.5)
  ax.scatter(
    x: fakeX, y: fakeY, label: "generator (mode collapse)", size: 5, alpha: 0.5, marker: .triangle)
  ax.text("3 of 8 modes covered", at: (-0.9, 0))
  return figure
}
