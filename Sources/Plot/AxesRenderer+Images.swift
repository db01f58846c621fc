// Heatmaps, their colorbar, and image grids: whole-pixel rectangles, no antialiasing
// needed.

import Foundation

extension AxesRenderer {
  func drawHeatmap(_ spec: HeatmapSpec) {
    let range = HeatmapRange(spec: spec)
    let rows = spec.values.count
    let columns = spec.values[0].count
    // Cell edges in data coordinates along each axis, then snapped to whole pixels so
    // neighbouring cells share an edge exactly.
    let xEdges: [Double]
    let yEdges: [Double]
    if let extent = spec.extent {
      let dx = (extent.x.upperBound - extent.x.lowerBound) / Double(columns)
      let dy = (extent.y.upperBound - extent.y.lowerBound) / Double(rows)
      xEdges = (0...columns).map { extent.x.lowerBound + Double($0) * dx }
      yEdges = (0...rows).map { extent.y.lowerBound + Double($0) * dy }
    } else {
      xEdges = (0...columns).map(Double.init)
      yEdges = (0...rows).map(Double.init)
    }
    let xPixels = xEdges.map { plan.xMapping.pixel($0).map { Int($0.rounded()) } }
    let yPixels = yEdges.map { plan.yMapping.pixel($0).map { Int($0.rounded()) } }
    for r in 0..<rows {
      guard let ya = yPixels[r], let yb = yPixels[r + 1] else { continue }
      for c in 0..<columns {
        guard let xa = xPixels[c], let xb = xPixels[c + 1] else { continue }
        let value = spec.values[r][c]
        let color = spec.colormap.color(at: range.fraction(value))
        canvas.fillRect(
          left: Swift.min(xa, xb), top: Swift.min(ya, yb), right: Swift.max(xa, xb),
          bottom: Swift.max(ya, yb), color: color)
        let label = spec.cellLabels.map { $0[r][c] } ?? formatCell(value)
        if spec.annotate, !label.isEmpty {
          let cellWidth = Double(abs(xb - xa))
          let size = Swift.min(fonts.tick, Double(abs(yb - ya)) * 0.45)
          guard size >= 7, text.width(label, size: size) < cellWidth - 2 else { continue }
          text.draw(
            label, on: canvas, x: Double(xa + xb) / 2, y: Double(ya + yb) / 2, size: size,
            color: color.lightness < 0.5 ? .white : .darkGrey, horizontal: .center,
            vertical: .middle)
        }
      }
    }
  }

  /// A cell value in at most four significant digits.
  private func formatCell(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
    if value == value.rounded() && abs(value) < 1e6 { return String(Int(value)) }
    let magnitude = abs(value)
    let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
    var text = String(format: "%.\(decimals)f", magnitude)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return value < 0 ? "−" + text : text
  }

  func drawColorbar(_ spec: HeatmapSpec) {
    let range = HeatmapRange(spec: spec)
    let left = Int(area.right) + 18
    let right = left + 20
    let top = Int(area.top)
    let bottom = Int(area.bottom)
    guard bottom > top else { return }
    for row in top..<bottom {
      let t = (Double(bottom - row) - 0.5) / Double(bottom - top)
      canvas.fillRect(
        left: left, top: row, right: right, bottom: row + 1, color: spec.colormap.color(at: t))
    }
    let frame = AxesRenderer.frameColor
    canvas.fillRect(left: left - 1, top: top - 1, right: right + 1, bottom: top, color: frame)
    canvas.fillRect(left: left - 1, top: bottom, right: right + 1, bottom: bottom + 1, color: frame)
    canvas.fillRect(left: left - 1, top: top - 1, right: left, bottom: bottom + 1, color: frame)
    canvas.fillRect(left: right, top: top - 1, right: right + 1, bottom: bottom + 1, color: frame)
    let intervals = Swift.max(2, Swift.min(8, (bottom - top) / 60))
    let ticks = Ticks.linear(range.lower, range.upper, maxIntervals: intervals)
    for (value, label) in zip(ticks.major, ticks.labels) {
      let y = Double(bottom) - range.fraction(value) * Double(bottom - top)
      guard y >= Double(top) - 0.5, y <= Double(bottom) + 0.5 else { continue }
      let r = Swift.max(top - 1, Swift.min(bottom, Int(y.rounded(.down))))
      canvas.fillRect(
        left: right + 1, top: r, right: right + 1 + Int(tickLength), bottom: r + 1, color: frame)
      text.draw(
        label, on: canvas, x: Double(right + 1) + tickLength + textGap, y: Double(r) + 0.5,
        size: fonts.tick, color: .darkGrey, horizontal: .left, vertical: .middle)
    }
    if let label = spec.colorbarLabel {
      let widest = ticks.labels.map { text.width($0, size: fonts.tick) }.max() ?? 0
      let x =
        Double(right + 1) + tickLength + textGap + widest + 8 + text.ascent(size: fonts.label) / 2
      text.draw(
        label, on: canvas, x: x, y: Double(top + bottom) / 2, size: fonts.label,
        color: .darkGrey, rotated: true)
    }
  }

  func drawImageGrid(_ spec: ImageGridSpec) {
    let count = spec.images.count
    guard count > 0 else { return }
    let columns = Swift.min(spec.columns, count)
    let rows = (count + columns - 1) / columns
    let gap = 8.0
    let captionHeight = spec.captions == nil ? 0 : text.lineHeight(size: fonts.tick) + 8
    let availableWidth = area.width - gap * Double(columns - 1)
    let availableHeight = area.height - gap * Double(rows - 1) - captionHeight * Double(rows)
    let scale = Swift.max(
      0.1,
      Swift.min(
        availableWidth / Double(columns * spec.imageWidth),
        availableHeight / Double(rows * spec.imageHeight)))
    let boxWidth = Swift.max(1, Int(scale * Double(spec.imageWidth)))
    let boxHeight = Swift.max(1, Int(scale * Double(spec.imageHeight)))
    let gridWidth = Double(columns * boxWidth) + gap * Double(columns - 1)
    let gridHeight = Double(rows * boxHeight) + (gap + captionHeight) * Double(rows) - gap
    let x0 = Int((area.left + (area.width - gridWidth) / 2).rounded())
    let y0 = Int((area.top + (area.height - gridHeight) / 2).rounded())
    let border = Color(red: 200, green: 200, blue: 200)
    for (index, image) in spec.images.enumerated() {
      let left = x0 + (index % columns) * (boxWidth + Int(gap))
      let top = y0 + (index / columns) * (boxHeight + Int(gap + captionHeight))
      canvas.fillRect(
        left: left - 1, top: top - 1, right: left + boxWidth + 1, bottom: top + boxHeight + 1,
        color: border)
      for sy in 0..<spec.imageHeight {
        let ya = top + sy * boxHeight / spec.imageHeight
        let yb = top + (sy + 1) * boxHeight / spec.imageHeight
        for sx in 0..<spec.imageWidth {
          let xa = left + sx * boxWidth / spec.imageWidth
          let xb = left + (sx + 1) * boxWidth / spec.imageWidth
          let color = spec.colormap.color(at: image[sy * spec.imageWidth + sx])
          canvas.fillRect(left: xa, top: ya, right: xb, bottom: yb, color: color)
        }
      }
      if let caption = spec.captions?[index] {
        text.draw(
          caption.text, on: canvas, x: Double(left) + Double(boxWidth) / 2,
          y: Double(top + boxHeight) + 5, size: fonts.tick, color: caption.color,
          horizontal: .center, vertical: .top)
      }
    }
  }
}
