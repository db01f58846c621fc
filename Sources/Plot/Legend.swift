// The legend: a framed list of samples and labels, placed where it hides the least data.
//
// `.best` tries nine places inside the plot area (corners first, as matplotlib does) and
// counts how many sampled data points each would cover; the first place with the fewest
// wins, so the choice is deterministic.

struct Legend {
  enum Sample {
    case line(LineStyle, width: Double, marker: Marker?)
    case marker(Marker, alpha: Double)
    case patch(alpha: Double)
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
      case .band(_, _, _, let alpha), .histogram(_, _, let alpha), .bars(_, _, let alpha):
        sample = .patch(alpha: alpha)
      default:
        return nil
      }
      return Entry(label: label, color: s.color, sample: sample)
    }
  }

  var rowHeight: Double { (text.lineHeight(size: fonts.legend) * 1.5).rounded() }

  var size: (width: Double, height: Double) {
    let widest = entries.map { text.width($0.label, size: fonts.legend) }.max() ?? 0
    return (
      (2 * padding + sampleLength + 10 + widest).rounded(),
      (2 * padding - 6 + rowHeight * Double(entries.count)).rounded()
    )
  }

  /// The top-left corner of the legend for the axes' `legendPosition`.
  func origin(in plan: AxesPlan, occupied: [Point]) -> Point {
    let (w, h) = size
    let a = plan.area
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
    case .outsideRight:
      return Point(x: a.right + plan.colorbarWidth + 16, y: a.top)
    case .best, .none:
      let candidates = [
        Point(x: right, y: top), Point(x: left, y: top), Point(x: left, y: bottom),
        Point(x: right, y: bottom), Point(x: right, y: midY), Point(x: left, y: midY),
        Point(x: midX, y: bottom), Point(x: midX, y: top), Point(x: midX, y: midY),
      ]
      var best = candidates[0]
      var bestCount = Int.max
      for c in candidates {
        let box = Rect(left: c.x - 4, top: c.y - 4, right: c.x + w + 4, bottom: c.y + h + 4)
        let count = occupied.reduce(0) { $0 + (box.contains($1) ? 1 : 0) }
        if count < bestCount {
          bestCount = count
          best = c
        }
      }
      return best
    }
  }

  func draw(on canvas: Canvas, at origin: Point) {
    let (w, h) = size
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
      let centerY = Double(t) + padding - 3 + rowHeight * (Double(k) + 0.5)
      let x0 = Double(l) + padding
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
      case .patch(let alpha):
        let half = (rowHeight * 0.32).rounded()
        canvas.fillRect(
          left: Int(x0), top: Int(centerY - half), right: Int(x1), bottom: Int(centerY + half),
          color: entry.color, opacity: Swift.max(alpha, 0.35))
      }
      text.draw(
        entry.label, on: canvas, x: x1 + 10, y: centerY, size: fonts.legend, color: .darkGrey,
        horizontal: .left, vertical: .middle)
    }
  }
}
