// Lays out the subplot grid and draws every axes.
//
// Layout runs in three steps: each axes finds its data limits (shared across the figure
// when asked) and the space its labels need; margins are aligned per grid row and column
// so plot areas line up like matplotlib's subplots; then every axes draws itself.

import Foundation

struct FigureRenderer {
  let figure: Figure
  let canvas: Canvas

  func draw() {
    let text = TextRenderer(fontPath: figure.fontPath, warn: figure.warn)
    let fonts = FontSizes(scale: figure.fontScale)
    let outer = 10.0
    var top = outer
    if !figure.title.isEmpty {
      text.draw(
        figure.title, on: canvas, x: Double(figure.width) / 2, y: top + 4,
        size: fonts.figureTitle, color: .darkGrey, horizontal: .center, vertical: .top)
      top += 4 + text.lineHeight(size: fonts.figureTitle) + 10
    }
    let rows = figure.rows
    let columns = figure.columns
    let cellWidth = (Double(figure.width) - 2 * outer) / Double(columns)
    let cellHeight = (Double(figure.height) - top - outer) / Double(rows)

    var plans: [AxesPlan] = []
    for row in 0..<rows {
      for column in 0..<columns {
        let cell = Rect(
          left: outer + Double(column) * cellWidth, top: top + Double(row) * cellHeight,
          right: outer + Double(column + 1) * cellWidth,
          bottom: top + Double(row + 1) * cellHeight)
        let axes = figure[row, column]
        plans.append(AxesPlan(axes: axes, cell: cell, warn: figure.warn))
      }
    }
    shareLimits(&plans)
    for index in plans.indices {
      let row = index / columns
      let column = index % columns
      if figure.sharedX && row < rows - 1 { plans[index].showXTickLabels = false }
      if figure.sharedY && column > 0 { plans[index].showYTickLabels = false }
      plans[index].computeTicks()
      plans[index].measureMargins(text: text, fonts: fonts)
    }
    alignMargins(&plans)
    for index in plans.indices {
      plans[index].placePlotArea()
      plans[index].computeTicks()
      AxesRenderer(plan: plans[index], canvas: canvas, text: text, fonts: fonts).draw()
      plans[index].axes.layout = plans[index].layout
    }
  }

  /// With `sharedX`/`sharedY`, every cartesian axes gets the union of the limits.
  private func shareLimits(_ plans: inout [AxesPlan]) {
    let cartesian = plans.indices.filter {
      if case .cartesian = plans[$0].mode { return !plans[$0].axes.series.isEmpty }
      return false
    }
    guard !cartesian.isEmpty else { return }
    if figure.sharedX {
      let lo = cartesian.map { plans[$0].x.0 }.min()!
      let hi = cartesian.map { plans[$0].x.1 }.max()!
      for i in cartesian { plans[i].x = (lo, hi) }
    }
    if figure.sharedY {
      let lo = cartesian.map { plans[$0].y.0 }.min()!
      let hi = cartesian.map { plans[$0].y.1 }.max()!
      for i in cartesian { plans[i].y = (lo, hi) }
    }
  }

  /// Makes margins equal along each grid row (top, bottom) and column (left, right).
  private func alignMargins(_ plans: inout [AxesPlan]) {
    let rows = figure.rows
    let columns = figure.columns
    for row in 0..<rows {
      let indices = (0..<columns).map { row * columns + $0 }
      let top = indices.map { plans[$0].margins.top }.max()!
      let bottom = indices.map { plans[$0].margins.bottom }.max()!
      for i in indices {
        plans[i].margins.top = top
        plans[i].margins.bottom = bottom
      }
    }
    for column in 0..<columns {
      let indices = (0..<rows).map { $0 * columns + column }
      let left = indices.map { plans[$0].margins.left }.max()!
      let right = indices.map { plans[$0].margins.right }.max()!
      for i in indices {
        plans[i].margins.left = left
        plans[i].margins.right = right
      }
    }
  }
}
