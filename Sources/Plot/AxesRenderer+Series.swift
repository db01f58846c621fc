// Drawing lines, points, bands, bars, reference lines and annotations.

import Foundation

extension AxesRenderer {
  func drawSeries(_ s: Series) {
    switch s.kind {
    case .line(let x, let y, let style, let width, let marker):
      let runs = mappedRuns(x, y)
      let clip = expandedArea(by: width + 20)
      let polylines = runs.flatMap { clipPolyline($0, to: clip) }
      canvas.stroke(polylines: polylines, width: width, color: s.color, style: style)
      if let marker {
        let size = Swift.max(6, width * 3.2)
        for run in runs {
          for p in run where clip.contains(p) {
            canvas.fill(polygons: markerPolygons(marker, center: p, size: size), color: s.color)
          }
        }
      }
    case .scatter(let x, let y, let size, let alpha, let marker):
      let clip = expandedArea(by: size)
      for run in mappedRuns(x, y) {
        for p in run where clip.contains(p) {
          canvas.fill(
            polygons: markerPolygons(marker, center: p, size: size), color: s.color,
            opacity: alpha)
        }
      }
    case .band(let x, let lower, let upper, let alpha, let edgeWidth):
      drawBand(x: x, lower: lower, upper: upper, color: s.color, alpha: alpha)
      if edgeWidth > 0 {
        let clip = expandedArea(by: edgeWidth + 20)
        let edges = (mappedRuns(x, lower) + mappedRuns(x, upper)).flatMap {
          clipPolyline($0, to: clip)
        }
        canvas.stroke(polylines: edges, width: edgeWidth, color: s.color)
      }
    case .histogram(let values, let bins, let alpha):
      guard let h = HistogramBins(values: values, bins: bins) else { return }
      for (k, count) in h.counts.enumerated() where count > 0 {
        fillBar(
          from: h.edges[k], to: h.edges[k + 1], height: Double(count), color: s.color, alpha: alpha)
      }
    case .bars(_, let heights, let alpha):
      for (k, height) in heights.enumerated() where height.isFinite {
        fillBar(
          from: Double(k) - 0.36, to: Double(k) + 0.36, height: height, color: s.color,
          alpha: alpha)
      }
    case .horizontalLine(let y, let style, let width):
      guard let p = plan.yMapping.pixel(y) else { return }
      canvas.stroke(
        [Point(x: area.left, y: p), Point(x: area.right, y: p)], width: width, color: s.color,
        style: style)
    case .verticalLine(let x, let style, let width):
      guard let p = plan.xMapping.pixel(x) else { return }
      canvas.stroke(
        [Point(x: p, y: area.top), Point(x: p, y: area.bottom)], width: width, color: s.color,
        style: style)
    case .text(let string, let point, let size):
      guard let p = plan.pixel(point.x, point.y) else { return }
      text.draw(
        string, on: canvas, x: p.x, y: p.y, size: size * fonts.annotation / 14, color: s.color,
        horizontal: .left, vertical: .middle)
    case .arrow(let from, let to, let label):
      drawArrow(from: from, to: to, label: label, color: s.color)
    case .contour(let x, let y, let values, let levels, let colored, let width):
      drawContour(
        x: x, y: y, values: values, levels: levels, colored: colored, width: width,
        color: s.color)
    case .heatmap(let spec):
      drawHeatmap(spec)
    case .imageGrid:
      break
    }
  }

  /// The plot area grown by `margin` pixels on every side.
  func expandedArea(by margin: Double) -> Rect {
    Rect(
      left: area.left - margin, top: area.top - margin, right: area.right + margin,
      bottom: area.bottom + margin)
  }

  /// Pixel positions of the points, split into runs wherever a point cannot be shown
  /// (NaN, ±inf, or non-positive on a log axis): a line breaks there.
  func mappedRuns(_ x: [Double], _ y: [Double]) -> [[Point]] {
    var runs: [[Point]] = []
    var current: [Point] = []
    for (a, b) in zip(x, y) {
      if let p = plan.pixel(a, b) {
        current.append(p)
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }

  private func drawBand(x: [Double], lower: [Double], upper: [Double], color: Color, alpha: Double)
  {
    var polygons: [[Point]] = []
    var top: [Point] = []
    var bottom: [Point] = []
    func flush() {
      if top.count >= 2 { polygons.append(top + bottom.reversed()) }
      top = []
      bottom = []
    }
    for k in x.indices {
      if let a = plan.pixel(x[k], upper[k]), let b = plan.pixel(x[k], lower[k]) {
        top.append(a)
        bottom.append(b)
      } else {
        flush()
      }
    }
    flush()
    let clip = expandedArea(by: 50)
    let clamped = polygons.map { polygon in
      polygon.map {
        Point(
          x: Swift.min(clip.right, Swift.max(clip.left, $0.x)),
          y: Swift.min(clip.bottom, Swift.max(clip.top, $0.y)))
      }
    }
    for polygon in clamped { canvas.fill(polygons: [polygon], color: color, opacity: alpha) }
  }

  /// A bar from the baseline (0, or the bottom edge on a log axis) to `height`.
  private func fillBar(from x0: Double, to x1: Double, height: Double, color: Color, alpha: Double)
  {
    guard let left = plan.xMapping.pixel(x0), let right = plan.xMapping.pixel(x1) else { return }
    let base = plan.yMapping.pixel(0) ?? area.bottom + 2
    guard let top = plan.yMapping.pixel(height) else { return }
    let clip = expandedArea(by: 4)
    let y0 = Swift.min(clip.bottom, Swift.max(clip.top, base))
    let y1 = Swift.min(clip.bottom, Swift.max(clip.top, top))
    // A hairline gap between neighbouring bars keeps them apart.
    let gap = Swift.min(0.5, (right - left) * 0.1)
    canvas.fill(
      polygons: [
        [
          Point(x: left + gap, y: y0), Point(x: right - gap, y: y0), Point(x: right - gap, y: y1),
          Point(x: left + gap, y: y1),
        ]
      ], color: color, opacity: alpha)
  }

  private func drawArrow(from: DataPoint, to: DataPoint, label: String?, color: Color) {
    guard let a = plan.pixel(from.x, from.y), let b = plan.pixel(to.x, to.y) else { return }
    let d = b - a
    let length = d.length
    if length > 1 {
      let u = d * (1 / length)
      let normal = Point(x: -u.y, y: u.x)
      let head = Swift.min(14, length * 0.5)
      let base = b - u * head
      canvas.stroke([a, base + u * 1], width: 1.6, color: color)
      canvas.fill(
        polygons: [[b, base + normal * (head * 0.38), base - normal * (head * 0.38)]],
        color: color)
    }
    if let label, !label.isEmpty {
      text.draw(
        label, on: canvas, x: a.x - (d.x >= 0 ? 4 : -4), y: a.y + (d.y >= 0 ? -2 : 2),
        size: fonts.annotation, color: color, horizontal: d.x >= 0 ? .right : .left,
        vertical: d.y >= 0 ? .bottom : .top)
    }
  }

  private func drawContour(
    x: [Double], y: [Double], values: [[Double]], levels choice: ContourLevels, colored: Bool,
    width: Double, color: Color
  ) {
    let levels = MarchingSquares.levels(choice, values: values)
    let clip = expandedArea(by: width + 4)
    for (k, level) in levels.enumerated() {
      let lines = MarchingSquares.lines(x: x, y: y, values: values, level: level)
      let polylines = lines.flatMap { line -> [[Point]] in
        var runs: [[Point]] = []
        var current: [Point] = []
        for point in line {
          if let p = plan.pixel(point.x, point.y) {
            current.append(p)
          } else if !current.isEmpty {
            runs.append(current)
            current = []
          }
        }
        if !current.isEmpty { runs.append(current) }
        return runs.flatMap { clipPolyline($0, to: clip) }
      }
      let t = levels.count > 1 ? Double(k) / Double(levels.count - 1) : 0.5
      let levelColor = colored ? Colormap.viridis.color(at: 0.05 + 0.8 * t) : color
      canvas.stroke(polylines: polylines, width: width, color: levelColor)
    }
  }

  /// Sample points of the drawn data, for placing the legend where it hides least.
  func occupiedPoints() -> [Point] {
    var points: [Point] = []
    func sample(_ run: [Point]) {
      guard let first = run.first else { return }
      points.append(first)
      for (a, b) in zip(run, run.dropFirst()) {
        // Points far outside the plot can make the length huge (or infinite): clamp in
        // floating point before converting, so Int() cannot overflow.
        let steps = Int(Swift.min(200, ((b - a).length / 6).rounded(.down)).clamped())
        if steps > 0 {
          for s in 1...steps { points.append(a + (b - a) * (Double(s) / Double(steps + 1))) }
        }
        points.append(b)
      }
    }
    for s in plan.axes.series {
      switch s.kind {
      case .line(let x, let y, _, _, _):
        mappedRuns(x, y).forEach(sample)
      case .scatter(let x, let y, _, _, _):
        points += mappedRuns(x, y).joined()
      case .band(let x, let lower, let upper, _, _):
        mappedRuns(x, lower).forEach(sample)
        mappedRuns(x, upper).forEach(sample)
        let middle = zip(lower, upper).map { ($0 + $1) / 2 }
        mappedRuns(x, middle).forEach(sample)
      case .histogram(let values, let bins, _):
        if let h = HistogramBins(values: values, bins: bins) {
          for (k, count) in h.counts.enumerated() {
            let center = (h.edges[k] + h.edges[k + 1]) / 2
            for f in stride(from: 0.0, through: 1.0, by: 0.1) {
              if let p = plan.pixel(center, Double(count) * f) { points.append(p) }
            }
          }
        }
      case .bars(_, let heights, _):
        for (k, height) in heights.enumerated() {
          for f in stride(from: 0.0, through: 1.0, by: 0.1) {
            if let p = plan.pixel(Double(k), height * f) { points.append(p) }
          }
        }
      case .text(_, let point, _):
        if let p = plan.pixel(point.x, point.y) { points.append(p) }
      case .arrow(let from, let to, _):
        if let a = plan.pixel(from.x, from.y), let b = plan.pixel(to.x, to.y) { sample([a, b]) }
      case .horizontalLine(let y, _, _):
        if let p = plan.yMapping.pixel(y) {
          sample([Point(x: area.left, y: p), Point(x: area.right, y: p)])
        }
      case .verticalLine(let x, _, _):
        if let p = plan.xMapping.pixel(x) {
          sample([Point(x: p, y: area.top), Point(x: p, y: area.bottom)])
        }
      default:
        break
      }
    }
    return points
  }
}

/// Splits a polyline into the runs inside `rect` (Liang–Barsky clipping per segment), so
/// that points far outside never reach the rasterizer or the dash walker.
func clipPolyline(_ points: [Point], to rect: Rect) -> [[Point]] {
  guard points.count >= 2 else { return points.filter(rect.contains).map { [$0] } }
  var runs: [[Point]] = []
  var current: [Point] = []
  for (a, b) in zip(points, points.dropFirst()) {
    let d = b - a
    var t0 = 0.0
    var t1 = 1.0
    var visible = true
    for (p, q) in [
      (-d.x, a.x - rect.left), (d.x, rect.right - a.x), (-d.y, a.y - rect.top),
      (d.y, rect.bottom - a.y),
    ] {
      if p == 0 {
        if q < 0 { visible = false }
      } else {
        let r = q / p
        if p < 0 { t0 = Swift.max(t0, r) } else { t1 = Swift.min(t1, r) }
      }
    }
    if !visible || t0 > t1 {
      if !current.isEmpty { runs.append(current) }
      current = []
      continue
    }
    let start = a + d * t0
    let end = a + d * t1
    if current.isEmpty || t0 > 0 {
      if !current.isEmpty { runs.append(current) }
      current = [start]
    }
    current.append(end)
    if t1 < 1 {
      runs.append(current)
      current = []
    }
  }
  if !current.isEmpty { runs.append(current) }
  return runs
}

extension Double {
  /// `self` with NaN mapped to 0 and negatives to 0: a safe count for `Int(_:)`.
  fileprivate func clamped() -> Double { self.isNaN || self < 0 ? 0 : self }
}
