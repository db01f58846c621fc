// What an `Axes` remembers about each call such as `line(...)`: plain data, drawn later.
//
// Series are stored, not drawn immediately, because limits, ticks and the legend depend on
// all series together; rendering happens once, in `Figure.render()`.

/// A point in data coordinates.
public typealias DataPoint = (x: Double, y: Double)

/// One thing drawn in an axes.
struct Series {
  enum Kind {
    case line(x: [Double], y: [Double], style: LineStyle, width: Double, marker: Marker?)
    case scatter(x: [Double], y: [Double], size: Double, alpha: Double, marker: Marker)
    case band(x: [Double], lower: [Double], upper: [Double], alpha: Double, edgeWidth: Double)
    case contour(
      x: [Double], y: [Double], values: [[Double]], levels: ContourLevels, colored: Bool,
      width: Double)
    case heatmap(HeatmapSpec)
    case imageGrid(ImageGridSpec)
    case histogram(values: [Double], bins: Int, alpha: Double)
    case bars(labels: [String], heights: [Double], alpha: Double)
    case horizontalLine(y: Double, style: LineStyle, width: Double)
    case verticalLine(x: Double, style: LineStyle, width: Double)
    case text(String, at: DataPoint, size: Double)
    case arrow(from: DataPoint, to: DataPoint, text: String?)
  }

  var kind: Kind
  var label: String?
  var color: Color
}

/// The parameters of `Axes.heatmap`.
struct HeatmapSpec {
  var values: [[Double]]
  var colormap: Colormap
  var colorbar: Bool
  var rowLabels: [String]?
  var columnLabels: [String]?
  var annotate: Bool
  var range: ClosedRange<Double>?
  /// The text of each cell when annotating (an empty string leaves the cell blank); nil
  /// writes each value in at most four significant digits.
  var cellLabels: [[String]]? = nil
  /// What the colour scale measures, written upwards beside the colorbar.
  var colorbarLabel: String? = nil
  /// Data-space rectangle covered by the grid; nil means matrix mode (cells 0..<n, rows
  /// from the top).
  var extent: (x: ClosedRange<Double>, y: ClosedRange<Double>)?
}

/// The parameters of `Axes.imageGrid`.
struct ImageGridSpec {
  var images: [[Double]]
  var imageWidth: Int
  var imageHeight: Int
  var columns: Int
  var colormap: Colormap
  var captions: [Caption]?
}
