// Geometry shared by the figure and axes renderers.

/// A rectangle in continuous pixel coordinates.
struct Rect {
  var left: Double
  var top: Double
  var right: Double
  var bottom: Double

  var width: Double { right - left }
  var height: Double { bottom - top }

  func contains(_ p: Point) -> Bool {
    p.x >= left && p.x <= right && p.y >= top && p.y <= bottom
  }
  func intersects(_ other: Rect) -> Bool {
    left < other.right && other.left < right && top < other.bottom && other.top < bottom
  }
}

/// Space reserved around a plot area for ticks, labels, title, colorbar, legend.
struct Margins {
  var left: Double = 0
  var top: Double = 0
  var right: Double = 0
  var bottom: Double = 0
}

/// Text sizes in pixels for a figure.
struct FontSizes {
  var figureTitle: Double
  var title: Double
  var label: Double
  var tick: Double
  var legend: Double
  var annotation: Double

  init(scale: Double) {
    figureTitle = (24 * scale).rounded()
    title = (20 * scale).rounded()
    label = (17 * scale).rounded()
    tick = (14 * scale).rounded()
    legend = (15 * scale).rounded()
    annotation = (14 * scale).rounded()
  }
}

/// Tick marks are this long, outside the plot area.
let tickLength = 5.0
/// Gap between a tick mark and its label, and between other stacked text.
let textGap = 5.0
