// Antialiased polygon filling by exact horizontal coverage on sub-sampled scanlines.
//
// Each pixel row is cut by `subRows` horizontal scanlines. On each scanline the polygon's
// edge crossings are found and sorted, and the spans where the winding number is non-zero
// add their exact horizontal overlap with every pixel (1/subRows per scanline). The result
// is a coverage in 0...1 per pixel: smooth edges at any slope and sub-pixel position.
//
// Several polygons that make up one shape (the quads and joins of a stroked polyline) are
// merged with `max`, an approximation of their union that keeps overlaps from darkening a
// translucent stroke.

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

  /// Adds one polygon (any winding; self-intersections use the non-zero rule).
  mutating func add(polygon: [Point]) {
    guard polygon.count >= 3, width > 0, height > 0 else { return }
    var minX = Double.infinity
    var maxX = -Double.infinity
    var minY = Double.infinity
    var maxY = -Double.infinity
    for p in polygon {
      guard p.x.isFinite, p.y.isFinite else { return }
      minX = Swift.min(minX, p.x)
      maxX = Swift.max(maxX, p.x)
      minY = Swift.min(minY, p.y)
      maxY = Swift.max(maxY, p.y)
    }
    let row0 = Swift.max(top, Int(minY.rounded(.down)))
    let row1 = Swift.min(top + height, Int(maxY.rounded(.up)))
    let col0 = Swift.max(left, Int(minX.rounded(.down)))
    let col1 = Swift.min(left + width, Int(maxX.rounded(.up)) + 1)
    guard row1 > row0, col1 > col0 else { return }
    var rowCoverage = [Double](repeating: 0, count: col1 - col0)
    var crossings: [(x: Double, winding: Int)] = []
    let weight = 1 / Double(CoverageMask.subRows)
    for row in row0..<row1 {
      for index in rowCoverage.indices { rowCoverage[index] = 0 }
      for sub in 0..<CoverageMask.subRows {
        let y = Double(row) + (Double(sub) + 0.5) * weight
        crossings.removeAll(keepingCapacity: true)
        var previous = polygon[polygon.count - 1]
        for current in polygon {
          if (previous.y <= y && current.y > y) || (current.y <= y && previous.y > y) {
            let t = (y - previous.y) / (current.y - previous.y)
            let x = previous.x + t * (current.x - previous.x)
            crossings.append((x, current.y > previous.y ? 1 : -1))
          }
          previous = current
        }
        guard crossings.count >= 2 else { continue }
        crossings.sort { $0.x < $1.x }
        var winding = 0
        for k in 0..<(crossings.count - 1) {
          winding += crossings[k].winding
          guard winding != 0 else { continue }
          addSpan(
            from: crossings[k].x, to: crossings[k + 1].x, firstColumn: col0, weight: weight,
            into: &rowCoverage)
        }
      }
      let base = (row - top) * width - left
      for (offset, value) in rowCoverage.enumerated() where value > 0 {
        let index = base + col0 + offset
        coverage[index] = Swift.max(coverage[index], Float(Swift.min(1, value)))
      }
    }
  }

  /// Adds the overlap of `[x0, x1]` with each pixel column, times `weight`.
  private func addSpan(
    from x0: Double, to x1: Double, firstColumn: Int, weight: Double,
    into row: inout [Double]
  ) {
    let start = Swift.max(x0, Double(firstColumn))
    let end = Swift.min(x1, Double(firstColumn + row.count))
    guard end > start else { return }
    let first = Int(start.rounded(.down))
    let last = Swift.min(firstColumn + row.count - 1, Int(end.rounded(.down)))
    if first == last {
      row[first - firstColumn] += (end - start) * weight
      return
    }
    row[first - firstColumn] += (Double(first + 1) - start) * weight
    if last > first + 1 {
      for column in (first + 1)..<last { row[column - firstColumn] += weight }
    }
    row[last - firstColumn] += (end - Double(last)) * weight
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
    for polygon in polygons { mask.add(polygon: polygon) }
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
