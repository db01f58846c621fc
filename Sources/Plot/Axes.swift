// One plot area with its own title, axis labels, scales, limits and series.

/// A single plot inside a `Figure`: the place series are added to.
///
/// Create axes through `Figure`'s subscript (`figure[0, 1]`); set `title`, `xLabel`,
/// `yLabel`, scales and limits, then add series (`line`, `scatter`, `contour`, …). Nothing
/// is drawn until the figure is rendered or written.
public final class Axes {
  /// The title above the plot area.
  public var title: String = ""
  /// The label under the x axis.
  public var xLabel: String = ""
  /// The label left of the y axis (drawn rotated).
  public var yLabel: String = ""
  /// Linear or log10 x axis.
  public var xScale: Scale = .linear
  /// Linear or log10 y axis.
  public var yScale: Scale = .linear
  /// Explicit x limits; nil means automatic (data range plus 5 % padding).
  public var xLimits: ClosedRange<Double>?
  /// Explicit y limits; nil means automatic (data range plus 5 % padding).
  public var yLimits: ClosedRange<Double>?
  /// Where the legend goes; `.best` covers the fewest data points.
  public var legendPosition: LegendPosition = .best
  /// Whether light grid lines are drawn at the major ticks.
  public var showsGrid: Bool = true
  /// Whether one data unit has the same length on both axes (for paths on a surface).
  public var equalAspect: Bool = false

  var series: [Series] = []
  private var nextColorIndex = 0

  /// The geometry of the last render: plot-area rectangle and data limits.
  public internal(set) var layout: AxesLayout?

  init() {}

  /// The next colour of the Okabe–Ito cycle for this axes.
  func nextColor() -> Color {
    defer { nextColorIndex += 1 }
    return Color.okabeIto(nextColorIndex)
  }

  func add(_ kind: Series.Kind, label: String?, color: Color) {
    series.append(Series(kind: kind, label: label, color: color))
  }

  /// Where a data point lands in image pixels after the last render, or nil before the
  /// first render or when the point cannot be shown (non-positive value on a log axis).
  ///
  /// The result is continuous: pixel `(i, j)` covers `[i, i+1) × [j, j+1)`.
  public func pixel(forData point: DataPoint) -> (x: Double, y: Double)? {
    guard let layout else { return nil }
    guard let px = layout.x.pixel(point.x), let py = layout.y.pixel(point.y) else { return nil }
    return (px, py)
  }
}

/// Where an axes was drawn: its plot area in pixels and the data ranges of its axes.
public struct AxesLayout: Sendable {
  /// The x axis: data limits, scale, and the pixel span (left to right).
  public var x: AxisMapping
  /// The y axis: data limits, scale, and the pixel span (bottom to top).
  public var y: AxisMapping
  /// The plot area in pixels: `left`, `top`, `right`, `bottom` (continuous coordinates).
  public var plotArea: (left: Double, top: Double, right: Double, bottom: Double) {
    (x.start, y.end, x.end, y.start)
  }
}
