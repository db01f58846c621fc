// Draws one axes: grid, series (clipped to the plot area), frame, ticks, labels, title,
// colorbar and legend, in that order so that marks sit above the grid and text above all.

import Foundation

struct AxesRenderer {
  let plan: AxesPlan
  let canvas: Canvas
  let text: TextRenderer
  let fonts: FontSizes

  static let frameColor = Color(red: 64, green: 64, blue: 64)
  static let gridColor = Color(red: 228, green: 228, blue: 228)
  static let minorGridColor = Color(red: 243, green: 243, blue: 243)

  var area: Rect { plan.area }

  func draw() {
    drawTitle()
    if case .imageGrid = plan.mode {
      for s in plan.axes.series {
        if case .imageGrid(let spec) = s.kind { drawImageGrid(spec) }
      }
      return
    }
    if plan.axes.showsGrid, case .cartesian = plan.mode { drawGrid() }
    canvas.setClip(
      left: Int(area.left), top: Int(area.top), right: Int(area.right),
      bottom: Int(area.bottom))
    let ordered = plan.axes.series.enumerated().sorted {
      ($0.element.layer, $0.offset) < ($1.element.layer, $1.offset)
    }
    for (_, s) in ordered { drawSeries(s) }
    canvas.resetClip()
    drawFrame()
    drawTicks()
    drawAxisLabels()
    if let spec = plan.colorbarHeatmap { drawColorbar(spec) }
    drawLegend()
  }

  private func drawTitle() {
    guard !plan.axes.title.isEmpty else { return }
    text.draw(
      plan.axes.title, on: canvas, x: (area.left + area.right) / 2, y: area.top - 12,
      size: fonts.title, color: .darkGrey, horizontal: .center, vertical: .bottom)
  }

  /// The pixel column (or row) whose centre is nearest to a continuous coordinate.
  private func snap(_ p: Double) -> Int { Int(p.rounded(.down)) }

  private func drawGrid() {
    let left = Int(area.left)
    let right = Int(area.right)
    let top = Int(area.top)
    let bottom = Int(area.bottom)
    // Categories (bars) need no vertical grid lines.
    let verticalLines = plan.axes.categoryLabels == nil
    // Minor grid lines only while they are few (up to three decades), else they turn
    // into a hatching that competes with the data.
    let xMinor = plan.xTicks.minor.count <= 24 ? plan.xTicks.minor : []
    let yMinor = plan.yTicks.minor.count <= 24 ? plan.yTicks.minor : []
    for (values, color) in [
      (xMinor, AxesRenderer.minorGridColor),
      (plan.xTicks.major, AxesRenderer.gridColor),
    ] where verticalLines {
      for v in values {
        guard let p = plan.xMapping.pixel(v) else { continue }
        let c = snap(p)
        guard c > left, c < right - 1 else { continue }
        canvas.fillRect(left: c, top: top, right: c + 1, bottom: bottom, color: color)
      }
    }
    for (values, color) in [
      (yMinor, AxesRenderer.minorGridColor),
      (plan.yTicks.major, AxesRenderer.gridColor),
    ] {
      for v in values {
        guard let p = plan.yMapping.pixel(v) else { continue }
        let r = snap(p)
        guard r > top, r < bottom - 1 else { continue }
        canvas.fillRect(left: left, top: r, right: right, bottom: r + 1, color: color)
      }
    }
  }

  private func drawFrame() {
    let l = Int(area.left)
    let t = Int(area.top)
    let r = Int(area.right)
    let b = Int(area.bottom)
    let color = AxesRenderer.frameColor
    canvas.fillRect(left: l - 1, top: t - 1, right: r + 1, bottom: t, color: color)
    canvas.fillRect(left: l - 1, top: b, right: r + 1, bottom: b + 1, color: color)
    canvas.fillRect(left: l - 1, top: t - 1, right: l, bottom: b + 1, color: color)
    canvas.fillRect(left: r, top: t - 1, right: r + 1, bottom: b + 1, color: color)
  }

  private func drawTicks() {
    let color = AxesRenderer.frameColor
    let b = Int(area.bottom)
    let l = Int(area.left)
    let length = Int(tickLength)
    // Minor ticks: short marks only.
    for v in plan.xTicks.minor {
      guard let p = plan.xMapping.pixel(v), p >= area.left, p <= area.right else { continue }
      let c = Swift.min(Int(area.right), snap(p))
      canvas.fillRect(
        left: c, top: b + 1, right: c + 1, bottom: b + 1 + length / 2 + 1, color: color)
    }
    for v in plan.yTicks.minor {
      guard let p = plan.yMapping.pixel(v), p >= area.top, p <= area.bottom else { continue }
      let r = Swift.min(Int(area.bottom), snap(p))
      canvas.fillRect(left: l - 2 - length / 2, top: r, right: l - 1, bottom: r + 1, color: color)
    }
    // Major ticks with labels, thinned so that no two labels overlap.
    var xCenters: [Double] = []
    var xWidths: [Double] = []
    var xIndices: [Int] = []
    for (k, v) in plan.xTicks.major.enumerated() {
      guard let p = plan.xMapping.pixel(v), p >= area.left - 0.5, p <= area.right + 0.5
      else { continue }
      let c = Swift.max(Int(area.left) - 1, Swift.min(Int(area.right), snap(p)))
      canvas.fillRect(left: c, top: b + 1, right: c + 1, bottom: b + 1 + length, color: color)
      xCenters.append(Double(c) + 0.5)
      xWidths.append(text.width(plan.xTicks.labels[k], size: fonts.tick))
      xIndices.append(k)
    }
    if plan.showXTickLabels {
      let keep = Ticks.thinned(
        centers: xCenters, extents: xWidths, gap: 10,
        preferring: xIndices.firstIndex { plan.xTicks.major[$0] == 0 })
      for i in keep {
        text.draw(
          plan.xTicks.labels[xIndices[i]], on: canvas, x: xCenters[i],
          y: area.bottom + 1 + tickLength + textGap, size: fonts.tick, color: .darkGrey,
          horizontal: .center, vertical: .top)
      }
    }
    var yCenters: [Double] = []
    var yIndices: [Int] = []
    for (k, v) in plan.yTicks.major.enumerated() {
      guard let p = plan.yMapping.pixel(v), p >= area.top - 0.5, p <= area.bottom + 0.5
      else { continue }
      let r = Swift.max(Int(area.top) - 1, Swift.min(Int(area.bottom), snap(p)))
      canvas.fillRect(left: l - 1 - length, top: r, right: l - 1, bottom: r + 1, color: color)
      yCenters.append(Double(r) + 0.5)
      yIndices.append(k)
    }
    if plan.showYTickLabels {
      let height = text.lineHeight(size: fonts.tick)
      let keep = Ticks.thinned(
        centers: yCenters, extents: yCenters.map { _ in height }, gap: 6,
        preferring: yIndices.firstIndex { plan.yTicks.major[$0] == 0 })
      for i in keep {
        text.draw(
          plan.yTicks.labels[yIndices[i]], on: canvas,
          x: area.left - 1 - tickLength - textGap, y: yCenters[i], size: fonts.tick,
          color: .darkGrey, horizontal: .right, vertical: .middle)
      }
    }
  }

  private func drawAxisLabels() {
    if !plan.axes.xLabel.isEmpty {
      var y = area.bottom + 1 + tickLength + textGap + 8
      if plan.showXTickLabels { y += text.lineHeight(size: fonts.tick) }
      text.draw(
        plan.axes.xLabel, on: canvas, x: (area.left + area.right) / 2, y: y, size: fonts.label,
        color: .darkGrey, horizontal: .center, vertical: .top)
    }
    if !plan.axes.yLabel.isEmpty {
      let x =
        area.left - 1 - tickLength - textGap - plan.yTickLabelWidth - 10
        - text.lineHeight(size: fonts.label) / 2
      text.draw(
        plan.axes.yLabel, on: canvas, x: x, y: (area.top + area.bottom) / 2, size: fonts.label,
        color: .darkGrey, rotated: true)
    }
  }

  private func drawLegend() {
    let legend = Legend(axes: plan.axes, text: text, fonts: fonts)
    guard !legend.entries.isEmpty, plan.axes.legendPosition != .none else { return }
    let origin = legend.origin(in: plan, occupied: occupiedPoints())
    let columns = plan.axes.legendPosition == .below ? plan.belowLegendColumns : 1
    legend.draw(on: canvas, at: origin, columns: columns)
  }
}

extension Series {
  /// Drawing order: filled areas first, then lines and points, then text.
  var layer: Int {
    switch kind {
    case .heatmap, .imageGrid: return 0
    case .band, .histogram, .bars: return 1
    case .contour: return 2
    case .horizontalLine, .verticalLine: return 3
    case .line, .scatter: return 4
    case .text, .arrow: return 5
    }
  }
}
