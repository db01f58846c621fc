// Antialiased polygon filling by exact horizontal coverage on sub-sampled scanlines.
//
// Each pixel row is cut by `subRows` horizontal scanlines. On each scanline the polygon's
// edge crossings are found and sorted, and the spans where the winding number is non-zero
// add their exact horizontal overlap with every pixel (1/subRows per scanline). The result
// is a coverage in 0...1 per pixel: smooth edges at any slope and sub-pixel position.
//
// Several polygons that make up one shape (the quads and joins of a stroked polyline) are
// rasterized together: each is turned counter-clockwise and all edges share one scanline
// pass with the non-zero winding rule, which gives exactly their union. Overlaps therefore
// neither darken a translucent stroke nor leave light seams where short segments meet.
// Edges enter an active list sorted by their top end, so a long polyline costs time in
// proportion to the edges each scanline actually crosses.

import Foundation

/// A point in continuous pixel coordinates (pixel `(i, j)` covers `[i, i+1) × [j, j+1)`).
struct Point: Equatable {
  var x: Double
  var y: Double

  static func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }
  static func - (a: Point, b: Point) -> Point { Point(x: a.x - b.x, y: a.y - b.y) }
  static func * (a: Point, s: Double) -> Point { Point(x: a.x * s, y: a.y * s) }
  var length: Double { (x * x + y * y).squareRoot() }
}

/// Per-pixel coverage of a shape over a rectangle of the canvas.
struct CoverageMask {
  let left: Int
  let top: Int
  let width: Int
  let height: Int
  private(set) var coverage: [Float]
  private static let subRows = 5

  /// A mask over the canvas pixels `[left, right) × [top, bottom)`.
  init(left: Int, top: Int, right: Int, bottom: Int) {
    self.left = left
    self.top = top
    width = Swift.max(0, right - left)
    height = Swift.max(0, bottom - top)
    coverage = [Float](repeating: 0, count: width * height)
  }

  /// One polygon edge, oriented so that `y0 < y1`; `winding` remembers the original
  /// direction.
  private struct Edge {
    var x0: Double
    var y0: Double
    var y1: Double
    var slope: Double
    var winding: Int
  }

  /// Rasterizes the union of `polygons` (each made counter-clockwise first, so that where
  /// they overlap the non-zero winding rule counts the area once).
  mutating func add(polygons: [[Point]]) {
    guard width > 0, height > 0 else { return }
    var edges: [Edge] = []
    for polygon in polygons where polygon.count >= 3 {
      guard polygon.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { continue }
      var area = 0.0
      var previous = polygon[polygon.count - 1]
      for current in polygon {
        area += previous.x * current.y - current.x * previous.y
        previous = current
      }
      let flip = area < 0
      previous = polygon[polygon.count - 1]
      for current in polygon {
        defer { previous = current }
        guard previous.y != current.y else { continue }
        let (a, b) = previous.y < current.y ? (previous, current) : (current, previous)
        var winding = previous.y < current.y ? 1 : -1
        if flip { winding = -winding }
        edges.append(
          Edge(x0: a.x, y0: a.y, y1: b.y, slope: (b.x - a.x) / (b.y - a.y), winding: winding))
      }
    }
    guard !edges.isEmpty else { return }
    edges.sort { $0.y0 < $1.y0 }
    let minY = edges[0].y0
    let maxY = edges.map(\.y1).max()!
    let row0 = Swift.max(top, Int(minY.rounded(.down)))
    let row1 = Swift.min(top + height, Int(maxY.rounded(.up)))
    guard row1 > row0 else { return }
    var rowCoverage = [Double](repeating: 0, count: width)
    var active: [Int] = []
    var nextEdge = 0
    var crossings: [(x: Double, winding: Int)] = []
    let weight = 1 / Double(CoverageMask.subRows)
    for row in row0..<row1 {
      var touched = false
      for sub in 0..<CoverageMask.subRows {
        let y = Double(row) + (Double(sub) + 0.5) * weight
        while nextEdge < edges.count && edges[nextEdge].y0 <= y {
          active.append(nextEdge)
          nextEdge += 1
        }
        active.removeAll { edges[$0].y1 <= y }
        crossings.removeAll(keepingCapacity: true)
        for index in active where edges[index].y0 <= y {
          let e = edges[index]
          crossings.append((e.x0 + (y - e.y0) * e.slope, e.winding))
        }
        guard crossings.count >= 2 else { continue }
        crossings.sort { $0.x < $1.x }
        var winding = 0
        for k in 0..<(crossings.count - 1) {
          winding += crossings[k].winding
          guard winding != 0 else { continue }
          addSpan(from: crossings[k].x, to: crossings[k + 1].x, weight: weight, into: &rowCoverage)
          touched = true
        }
      }
      guard touched else { continue }
      let base = (row - top) * width
      for column in 0..<width where rowCoverage[column] > 0 {
        coverage[base + column] = Float(Swift.min(1, rowCoverage[column]))
        rowCoverage[column] = 0
      }
    }
  }

  /// Adds the overlap of `[x0, x1]` with each pixel column of the mask, times `weight`.
  private func addSpan(from x0: Double, to x1: Double, weight: Double, into row: inout [Double]) {
    let start = Swift.max(x0, Double(left))
    let end = Swift.min(x1, Double(left + width))
    guard end > start else { return }
    let first = Int(start.rounded(.down))
    let last = Swift.min(left + width - 1, Int(end.rounded(.down)))
    if first == last {
      row[first - left] += (end - start) * weight
      return
    }
    row[first - left] += (Double(first + 1) - start) * weight
    if last > first + 1 {
      for column in (first + 1)..<last { row[column - left] += weight }
    }
    if last > first { row[last - left] += (end - Double(last)) * weight }
  }

  /// Blends `color` into the canvas with weight `coverage · opacity`.
  func composite(onto canvas: Canvas, color: Color, opacity: Double) {
    for row in 0..<height {
      for column in 0..<width {
        let value = coverage[row * width + column]
        if value > 0.002 {
          canvas.blend(
            x: left + column, y: top + row, color: color, weight: Double(value) * opacity)
        }
      }
    }
  }
}

extension Canvas {
  /// Fills the union of `polygons` with antialiased edges, clipped to the clip rectangle.
  func fill(polygons: [[Point]], color: Color, opacity: Double = 1) {
    var minX = Double.infinity
    var maxX = -Double.infinity
    var minY = Double.infinity
    var maxY = -Double.infinity
    for polygon in polygons {
      for p in polygon where p.x.isFinite && p.y.isFinite {
        minX = Swift.min(minX, p.x)
        maxX = Swift.max(maxX, p.x)
        minY = Swift.min(minY, p.y)
        maxY = Swift.max(maxY, p.y)
      }
    }
    guard minX <= maxX, minY <= maxY else { return }
    let left = Swift.max(clipLeft, Int(Swift.max(-1e6, minX).rounded(.down)))
    let right = Swift.min(clipRight, Int(Swift.min(1e6, maxX).rounded(.up)) + 1)
    let top = Swift.max(clipTop, Int(Swift.max(-1e6, minY).rounded(.down)))
    let bottom = Swift.min(clipBottom, Int(Swift.min(1e6, maxY).rounded(.up)) + 1)
    guard right > left, bottom > top else { return }
    var mask = CoverageMask(left: left, top: top, right: right, bottom: bottom)
    mask.add(polygons: polygons)
    mask.composite(onto: self, color: color, opacity: opacity)
  }
}

/// A regular polygon approximating a circle, fine enough to look round at its size.
func circlePolygon(center: Point, radius: Double) -> [Point] {
  let count = Swift.max(8, Swift.min(64, Int(radius * 5)))
  return (0..<count).map { k in
    let angle = 2 * Double.pi * Double(k) / Double(count)
    return Point(x: center.x + radius * cos(angle), y: center.y + radius * sin(angle))
  }
}
