// Figure helpers shared by the experiments: contour backgrounds and paths over them.

import Foundation
import Optimizers
import Plot

/// The colour of optimizer `kind`, the same in every figure of the chapter.
func color(of kind: OptimizerKind) -> Color {
  Color.okabeIto(OptimizerKind.allCases.firstIndex(of: kind) ?? 0)
}

/// Light grey contour lines: visible, but quieter than the paths drawn over them.
let contourColor = Color(red: 175, green: 175, blue: 175)

/// Draws `function`'s contour lines over `window` and each path over them, with the start,
/// the end and the minimisers marked.
func drawPaths(
  on axes: Axes, function: TestFunction, paths: [(label: String, path: Trajectory)],
  window: (x: ClosedRange<Double>, y: ClosedRange<Double>), colors: [Color]? = nil,
  labelMarkers: Bool = true
) {
  let n = 120
  let xs = (0..<n).map {
    window.x.lowerBound + Double($0) * (window.x.upperBound - window.x.lowerBound) / Double(n - 1)
  }
  let ys = (0..<n).map {
    window.y.lowerBound + Double($0) * (window.y.upperBound - window.y.lowerBound) / Double(n - 1)
  }
  let values = ys.map { y in xs.map { x in function.value(x, y) } }
  // Bowls with a minimum of 0 read best with log-spaced levels (Rosenbrock's valley would
  // otherwise be one blank band); the saddle goes negative, so it gets even spacing.
  let levels: ContourLevels = function == .saddle ? .automatic(14) : .logSpaced(16)
  axes.contour(x: xs, y: ys, values: values, levels: levels, color: contourColor, width: 1)
  axes.xLimits = window.x
  axes.yLimits = window.y
  axes.xLabel = "x"
  axes.yLabel = "y"
  for (index, entry) in paths.enumerated() {
    let color = colors?[index] ?? Color.okabeIto(index)
    let points = visiblePart(of: entry.path.points, window: window)
    axes.line(
      x: points.map(\.x), y: points.map(\.y), label: entry.label, color: color, width: 2,
      marker: points.count <= 80 ? .circle : nil)
  }
  // Start and minimum in a neutral grey, so that no optimizer's colour (one is black)
  // collides with them.
  let starts = paths.map(\.path.points[0])
  axes.scatter(
    x: starts.map(\.x), y: starts.map(\.y), label: labelMarkers ? "start" : nil,
    color: .grey, size: 10, alpha: 1, marker: .circle)
  for (index, entry) in paths.enumerated() {
    let end = entry.path.end
    guard window.x.contains(end.x) && window.y.contains(end.y) else { continue }
    axes.scatter(
      x: [end.x], y: [end.y], label: labelMarkers && index == 0 ? "end" : nil,
      color: colors?[index] ?? Color.okabeIto(index), size: 11, alpha: 1, marker: .square)
  }
  let minima = function.minimizers
  if !minima.isEmpty {
    axes.scatter(
      x: minima.map(\.x), y: minima.map(\.y), label: labelMarkers ? "minimum" : nil,
      color: .grey, size: 14, alpha: 1, marker: .cross)
  }
}

/// The path up to (and including) its first point more than 100 window-widths away: the
/// rest is far off the figure, and pixel coordinates of 10¹⁵⁰ help no one.
func visiblePart(
  of points: [TestFunction.Point], window: (x: ClosedRange<Double>, y: ClosedRange<Double>)
) -> [TestFunction.Point] {
  let (spanX, spanY) = (
    window.x.upperBound - window.x.lowerBound, window.y.upperBound - window.y.lowerBound
  )
  let box = (
    x: (window.x.lowerBound - 100 * spanX)...(window.x.upperBound + 100 * spanX),
    y: (window.y.lowerBound - 100 * spanY)...(window.y.upperBound + 100 * spanY)
  )
  guard let exit = points.firstIndex(where: { !box.x.contains($0.x) || !box.y.contains($0.y) })
  else { return points }
  return Array(points[..<exit])
}
