// Stroking lines as filled polygons: segments become quads, joins become discs.
//
// Drawing a thick line as one filled shape (instead of libgd's thick antialiased lines,
// which band) gives even edges at every angle. Dash patterns are walked along the
// polyline's arc length so a dash continues smoothly around corners.

import Foundation

extension LineStyle {
  /// On/off lengths in units of the line width (nil: solid). Dots are drawn as discs.
  var dashPattern: [Double]? {
    switch self {
    case .solid: return nil
    case .dashed: return [3.7, 1.8]
    case .dotted: return [0.001, 2.0]
    case .dashDot: return [4.0, 1.6, 0.001, 1.6]
    }
  }
}

extension Canvas {
  /// Strokes a polyline with round joins and butt ends (round ends for dots).
  func stroke(
    _ points: [Point], width: Double, color: Color, style: LineStyle = .solid,
    opacity: Double = 1
  ) {
    fill(
      polygons: strokePolygons(points, width: width, style: style), color: color, opacity: opacity)
  }

  /// Strokes several polylines as one shape (they do not darken where they overlap).
  func stroke(
    polylines: [[Point]], width: Double, color: Color, style: LineStyle = .solid,
    opacity: Double = 1
  ) {
    let polygons = polylines.flatMap { strokePolygons($0, width: width, style: style) }
    fill(polygons: polygons, color: color, opacity: opacity)
  }
}

/// The polygons whose union is the stroked polyline.
func strokePolygons(_ points: [Point], width: Double, style: LineStyle) -> [[Point]] {
  let clean = points.filter { $0.x.isFinite && $0.y.isFinite }
  guard let pattern = style.dashPattern else {
    return solidStrokePolygons(clean, width: width, roundEnds: false)
  }
  let unit = Swift.max(1, width)
  let lengths = pattern.map { $0 * unit }
  var polygons: [[Point]] = []
  var patternIndex = 0
  var remaining = lengths[0]
  var current: [Point] = []
  var drawing = true
  if clean.count == 1 { return [circlePolygon(center: clean[0], radius: width / 2)] }
  for k in 0..<Swift.max(0, clean.count - 1) {
    var a = clean[k]
    let b = clean[k + 1]
    if drawing && current.isEmpty { current.append(a) }
    var segmentLeft = (b - a).length
    while segmentLeft > 0 {
      let step = Swift.min(segmentLeft, remaining)
      let direction = (b - a) * (1 / segmentLeft)
      let next = a + direction * step
      if drawing { current.append(next) }
      segmentLeft -= step
      remaining -= step
      a = next
      if remaining <= 1e-9 {
        if drawing {
          polygons += solidStrokePolygons(current, width: width, roundEnds: style == .dotted)
          current = []
        } else {
          current = [a]
        }
        drawing.toggle()
        patternIndex = (patternIndex + 1) % lengths.count
        remaining = lengths[patternIndex]
        if drawing { current = [a] }
      }
    }
  }
  if drawing && current.count >= 2 {
    polygons += solidStrokePolygons(current, width: width, roundEnds: style == .dotted)
  }
  return polygons
}

/// Quads for every segment and discs at interior vertices (and at the ends if asked).
func solidStrokePolygons(_ points: [Point], width: Double, roundEnds: Bool) -> [[Point]] {
  let half = width / 2
  var polygons: [[Point]] = []
  guard !points.isEmpty else { return [] }
  if points.count == 1 || points.allSatisfy({ $0 == points[0] }) {
    return roundEnds ? [circlePolygon(center: points[0], radius: half)] : []
  }
  for k in 0..<(points.count - 1) {
    let a = points[k]
    let b = points[k + 1]
    let d = b - a
    let length = d.length
    guard length > 1e-12 else { continue }
    let normal = Point(x: -d.y / length * half, y: d.x / length * half)
    polygons.append([a + normal, b + normal, b - normal, a - normal])
  }
  // Discs only where the direction changes enough for a gap to show (or at round ends);
  // thin lines need none.
  if width > 1.6 {
    for k in 1..<(points.count - 1) {
      polygons.append(circlePolygon(center: points[k], radius: half))
    }
  }
  if roundEnds {
    polygons.append(circlePolygon(center: points[0], radius: half))
    polygons.append(circlePolygon(center: points[points.count - 1], radius: half))
  }
  return polygons
}

/// The filled outline of a marker centred on `center` with diameter `size`.
func markerPolygons(_ marker: Marker, center c: Point, size: Double) -> [[Point]] {
  let r = size / 2
  switch marker {
  case .circle:
    return [circlePolygon(center: c, radius: r)]
  case .square:
    let h = r * 0.9
    return [
      [
        Point(x: c.x - h, y: c.y - h), Point(x: c.x + h, y: c.y - h),
        Point(x: c.x + h, y: c.y + h), Point(x: c.x - h, y: c.y + h),
      ]
    ]
  case .triangle:
    let h = r * 1.15
    return [
      [
        Point(x: c.x, y: c.y - h), Point(x: c.x + h * 0.866, y: c.y + h * 0.5),
        Point(x: c.x - h * 0.866, y: c.y + h * 0.5),
      ]
    ]
  case .diamond:
    let h = r * 1.2
    return [
      [
        Point(x: c.x, y: c.y - h), Point(x: c.x + h * 0.75, y: c.y),
        Point(x: c.x, y: c.y + h), Point(x: c.x - h * 0.75, y: c.y),
      ]
    ]
  case .plus:
    let w = Swift.max(1.2, size / 5)
    return solidStrokePolygons(
      [Point(x: c.x - r, y: c.y), Point(x: c.x + r, y: c.y)], width: w, roundEnds: false)
      + solidStrokePolygons(
        [Point(x: c.x, y: c.y - r), Point(x: c.x, y: c.y + r)], width: w, roundEnds: false)
  case .cross:
    let w = Swift.max(1.2, size / 5)
    let h = r * 0.8
    return solidStrokePolygons(
      [Point(x: c.x - h, y: c.y - h), Point(x: c.x + h, y: c.y + h)], width: w,
      roundEnds: false)
      + solidStrokePolygons(
        [Point(x: c.x - h, y: c.y + h), Point(x: c.x + h, y: c.y - h)], width: w,
        roundEnds: false)
  }
}
