// The legend: a framed list of samples and labels, placed where it hides the least data.
//
// `.best` tries nine places inside the plot area (corners first, as matplotlib does) and
// counts how many sampled data points each would cover; the first place with the fewest
// wins, so the choice is deterministic. When every one of the nine covers data, it also
// slides the box along the four edges and through the middle in small steps and takes a
// place that covers strictly fewer points. `.below` lays the entries out in columns under
// the x axis label, outside the data.

struct Legend {
  enum Sample {
    case line(LineStyle, width: Double, marker: Marker?)
    case marker(Marker, alpha: Double)
    case patch(alpha: Double, edge: Bool)
  }

  struct Entry {
    var label: String
    var color: Color
    var sample: Sample
  }

  let entries: [Entry]
  let text: TextRenderer
  let fonts: FontSizes
  let padding = 10.0
  let sampleLength = 34.0

  init(axes: Axes, text: TextRenderer, fonts: FontSizes) {
    self.text = text
    self.fonts = fonts
    entries = axes.series.compactMap { s in
      guard let label = s.label, !label.isEmpty else { return nil }
      let sample: Sample
      switch s.kind {
      case .line(_, _, let style, let width, let marker):
        sample = .line(style, width: width, marker: marker)
      case .horizontalLine(_, let style, let width), .verticalLine(_, let style, let width):
        sample = .line(style, width: width, marker: nil)
      case .contour(_, _, _, _, _, let width):
        sample = .line(.solid, width: width, marker: nil)
      case .scatter(_, _, _, let alpha, let marker):
        sample = .marker(marker, alpha: Swift.max(alpha, 0.6))
      case .band(_, _, _, let alpha, let edgeWidth):
        sample = .patch(alpha: alpha, edge: edgeWidth > 0)
      case .histogram(_, _, let alpha), .bars(_, _, let alpha):
        sample = .patch(alpha: alpha, edge: false)
      default:
        return nil
      }
      return Entry(label: label, color: s.color, sample: sample)
    }
  }

  var rowHeight: Double { (text.lineHeight(size: fonts.legend) * 1.5).rounded() }

  /// Space between two columns of entries.
  let columnGap = 24.0

  /// The width of one column: sample, gap, widest label.
  var columnWidth: Double {
    sampleLength + 10 + (entries.map { text.width($0.label, size: fonts.legend) }.max() ?? 0)
  }

  /// The most columns (at most one per entry) whose legend is no wider than `width`.
  func columnsFitting(width: Double) -> Int {
    let fit = Int(((width - 2 * padding + columnGap) / (columnWidth + columnGap)).rounded(.down))
    return Swift.max(1, Swift.min(entries.count, fit))
  }

  /// The framed box for the entries in `columns` columns, filled row by row.
  func size(columns: Int = 1) -> (width: Double, height: Double) {
    let rows = (entries.count + columns - 1) / columns
    return (
      (2 * padding + Double(columns) * columnWidth + Double(columns - 1) * columnGap).rounded(),
      (2 * padding - 6 + rowHeight * Double(rows)).rounded()
    )
  }

  /// The top-left corner of the legend for the axes' `legendPosition`.
  func origin(in plan: AxesPlan, occupied: [Point]) -> Point {
    let a = plan.area
    switch plan.axes.legendPosition {
    case .below:
      let w = size(columns: plan.belowLegendColumns).width
      let x = ((a.left + a.right - w) / 2).rounded()
      let fitted = Swift.max(plan.cell.left + 4, Swift.min(x, plan.cell.right - 4 - w))
      return Point(x: fitted.rounded(), y: (a.bottom + plan.belowLegendOffset).rounded())
    case .outsideRight:
      return Point(x: a.right + plan.colorbarWidth + 16, y: a.top)
    default:
      break
    }
    let (w, h) = size()
    let inset = 10.0
    let left = a.left + inset
    let right = a.right - inset - w
    let top = a.top + inset
    let bottom = a.bottom - inset - h
    let midX = ((a.left + a.right - w) / 2).rounded()
    let midY = ((a.top + a.bottom - h) / 2).rounded()
    switch plan.axes.legendPosition {
    case .upperLeft: return Point(x: left, y: top)
    case .upperRight: return Point(x: right, y: top)
    case .lowerLeft: return Point(x: left, y: bottom)
    case .lowerRight: return Point(x: right, y: bottom)
    default:
      func covered(_ c: Point) -> Int {
        let box = Rect(left: c.x - 4, top: c.y - 4, right: c.x + w + 4, bottom: c.y + h + 4)
        return occupied.reduce(0) { $0 + (box.contains($1) ? 1 : 0) }
      }
      let candidates = [
        Point(x: right, y: top), Point(x: left, y: top), Point(x: left, y: bottom),
        Point(x: right, y: bottom), Point(x: right, y: midY), Point(x: left, y: midY),
        Point(x: midX, y: bottom), Point(x: midX, y: top), Point(x: midX, y: midY),
      ]
      var best = candidates[0]
      var bestCount = Int.max
      for c in candidates {
        let count = covered(c)
        if count < bestCount {
          bestCount = count
          best = c
        }
      }
      guard bestCount > 0, right > left, bottom > top else { return best }
      // Every standard place hides data: slide along the top and bottom edges, then the
      // sides and the middle row, in twelve steps each.
      let steps = 12
      let xs = (0...steps).map { (left + (right - left) * Double($0) / Double(steps)).rounded() }
      let ys = (0...steps).map { (top + (bottom - top) * Double($0) / Double(steps)).rounded() }
      let slides =
        xs.map { Point(x: $0, y: top) } + xs.map { Point(x: $0, y: bottom) }
        + ys.map { Point(x: left, y: $0) } + ys.map { Point(x: right, y: $0) }
        + xs.map { Point(x: $0, y: midY) }
      for c in slides {
        let count = covered(c)
        if count < bestCount {
          bestCount = count
          best = c
        }
      }
      return best
    }
  }

  func draw(on canvas: Canvas, at origin: Point, columns: Int = 1) {
    let (w, h) = size(columns: columns)
    let l = Int(origin.x)
    let t = Int(origin.y)
    let border = Color(red: 204, green: 204, blue: 204)
    canvas.fillRect(
      left: l, top: t, right: l + Int(w), bottom: t + Int(h), color: .white, opacity: 0.88)
    canvas.fillRect(left: l, top: t, right: l + Int(w), bottom: t + 1, color: border)
    canvas.fillRect(
      left: l, top: t + Int(h) - 1, right: l + Int(w), bottom: t + Int(h), color: border)
    canvas.fillRect(left: l, top: t, right: l + 1, bottom: t + Int(h), color: border)
    canvas.fillRect(
      left: l + Int(w) - 1, top: t, right: l + Int(w), bottom: t + Int(h), color: border)
    for (k, entry) in entries.enumerated() {
      let (row, column) = k.quotientAndRemainder(dividingBy: columns)
      let centerY = Double(t) + padding - 3 + rowHeight * (Double(row) + 0.5)
      let x0 = Double(l) + padding + Double(column) * (columnWidth + columnGap)
      let x1 = x0 + sampleLength
      switch entry.sample {
      case .line(let style, let width, let marker):
        canvas.stroke(
          [Point(x: x0, y: centerY), Point(x: x1, y: centerY)], width: Swift.min(width, 4),
          color: entry.color, style: style)
        if let marker {
          canvas.fill(
            polygons: markerPolygons(marker, center: Point(x: (x0 + x1) / 2, y: centerY), size: 8),
            color: entry.color)
        }
      case .marker(let marker, let alpha):
        canvas.fill(
          polygons: markerPolygons(marker, center: Point(x: (x0 + x1) / 2, y: centerY), size: 9),
          color: entry.color, opacity: alpha)
      case .patch(let alpha, let edge):
        let half = (rowHeight * 0.32).rounded()
        let (top, bottom) = (Int(centerY - half), Int(centerY + half))
        canvas.fillRect(
          left: Int(x0), top: top, right: Int(x1), bottom: bottom, color: entry.color,
          opacity: Swift.max(alpha, 0.35))
        if edge {
          canvas.fillRect(
            left: Int(x0), top: top, right: Int(x1), bottom: top + 1, color: entry.color)
          canvas.fillRect(
            left: Int(x0), top: bottom - 1, right: Int(x1), bottom: bottom, color: entry.color)
        }
      }
      text.draw(
        entry.label, on: canvas, x: x1 + 10, y: centerY, size: fonts.legend, color: .darkGrey,
        horizontal: .left, vertical: .middle)
    }
  }
}
