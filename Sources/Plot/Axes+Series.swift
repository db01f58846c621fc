// The series an axes can hold: the calls a chapter makes.

extension Axes {
  /// Adds a line through the points `(x[i], y[i])`; NaN or infinite points break the line.
  ///
  /// - Parameters:
  ///   - x: x coordinates.
  ///   - y: y coordinates, same count as `x`.
  ///   - label: legend entry (nil: not in the legend).
  ///   - color: nil takes the next Okabe–Ito colour.
  ///   - style: solid, dashed, dotted or dash-dot.
  ///   - width: stroke width in pixels.
  ///   - marker: an optional marker at every point.
  /// - Precondition: `x.count == y.count`.
  public func line(
    x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
    style: LineStyle = .solid, width: Double = 2, marker: Marker? = nil
  ) {
    precondition(x.count == y.count, "line: x has \(x.count) values, y has \(y.count)")
    precondition(width > 0, "line: width \(width) must be positive")
    add(
      .line(x: x, y: y, style: style, width: width, marker: marker), label: label,
      color: color ?? nextColor())
  }

  /// Adds a line through `y[i]` at `x = 0, 1, 2, …` (e.g. a loss per step).
  public func line(
    y: [Double], label: String? = nil, color: Color? = nil, style: LineStyle = .solid,
    width: Double = 2, marker: Marker? = nil
  ) {
    line(
      x: y.indices.map(Double.init), y: y, label: label, color: color, style: style,
      width: width, marker: marker)
  }

  /// Adds unconnected markers at `(x[i], y[i])`.
  ///
  /// - Parameters:
  ///   - size: marker diameter in pixels.
  ///   - alpha: opacity 0...1 (overlapping points look darker).
  /// - Precondition: `x.count == y.count`, `size > 0`, `alpha` in 0...1.
  public func scatter(
    x: [Double], y: [Double], label: String? = nil, color: Color? = nil, size: Double = 6,
    alpha: Double = 0.8, marker: Marker = .circle
  ) {
    precondition(x.count == y.count, "scatter: x has \(x.count) values, y has \(y.count)")
    precondition(size > 0, "scatter: size \(size) must be positive")
    precondition((0...1).contains(alpha), "scatter: alpha \(alpha) must be in 0...1")
    add(
      .scatter(x: x, y: y, size: size, alpha: alpha, marker: marker), label: label,
      color: color ?? nextColor())
  }

  /// Adds a translucent band between `lower[i]` and `upper[i]` (e.g. a confidence interval).
  ///
  /// - Parameters:
  ///   - alpha: opacity of the fill, 0...1.
  ///   - edgeWidth: when > 0, the lower and upper edges are also drawn as opaque lines of
  ///     this width in the band's colour, so that overlapping bands stay tellable apart
  ///     (where two fills blend, the outlines still say which band ends where).
  /// - Precondition: the three arrays have the same count; `alpha` in 0...1; `edgeWidth ≥ 0`.
  public func band(
    x: [Double], lower: [Double], upper: [Double], label: String? = nil, color: Color? = nil,
    alpha: Double = 0.25, edgeWidth: Double = 0
  ) {
    precondition(
      x.count == lower.count && x.count == upper.count,
      "band: x, lower, upper have \(x.count), \(lower.count), \(upper.count) values")
    precondition((0...1).contains(alpha), "band: alpha \(alpha) must be in 0...1")
    precondition(edgeWidth >= 0, "band: edgeWidth \(edgeWidth) must be ≥ 0")
    add(
      .band(x: x, lower: lower, upper: upper, alpha: alpha, edgeWidth: edgeWidth), label: label,
      color: color ?? nextColor())
  }

  /// Adds contour lines of a grid of values (marching squares).
  ///
  /// `values[j][i]` is the value at `(x[i], y[j])`: `values` has `y.count` rows of
  /// `x.count` values.
  ///
  /// - Parameters:
  ///   - levels: automatic nice levels, explicit values, or log-spaced levels.
  ///   - color: nil colours each level by the viridis colormap (low dark, high light).
  ///   - width: line width in pixels.
  /// - Precondition: the grid is at least 2×2 and matches `x` and `y`.
  public func contour(
    x: [Double], y: [Double], values: [[Double]], levels: ContourLevels = .automatic(12),
    color: Color? = nil, width: Double = 1.3, label: String? = nil
  ) {
    precondition(x.count >= 2 && y.count >= 2, "contour: grid \(y.count)×\(x.count) too small")
    precondition(
      values.count == y.count && values.allSatisfy { $0.count == x.count },
      "contour: values must have \(y.count) rows of \(x.count) values")
    add(
      .contour(
        x: x, y: y, values: values, levels: levels, colored: color == nil, width: width),
      label: label, color: color ?? .grey)
  }

  /// Adds a heatmap of a matrix: cell `values[r][c]` is drawn at column `c`, row `r`
  /// (row 0 at the top, like a printed matrix), with an optional colorbar.
  ///
  /// - Parameters:
  ///   - colormap: `.viridis` (perceptual) or `.grey`.
  ///   - colorbar: draw a colour scale at the right.
  ///   - rowLabels: tick labels for the rows (nil: row indices).
  ///   - columnLabels: tick labels for the columns (nil: column indices).
  ///   - annotate: write each value in its cell.
  ///   - range: the values mapped to the ends of the colormap (nil: data min...max); values
  ///     outside it take the end colours (so a few large cells can be let saturate while
  ///     the rest use the whole scale).
  ///   - cellLabels: the text written in each cell with `annotate` (same shape as `values`;
  ///     "" leaves a cell blank); nil writes each value.
  ///   - colorbarLabel: what the colours measure, written beside the colorbar.
  /// - Precondition: `values` is a non-empty rectangle; `cellLabels` has its shape.
  public func heatmap(
    values: [[Double]], colormap: Colormap = .viridis, colorbar: Bool = true,
    rowLabels: [String]? = nil, columnLabels: [String]? = nil, annotate: Bool = false,
    range: ClosedRange<Double>? = nil, cellLabels: [[String]]? = nil,
    colorbarLabel: String? = nil
  ) {
    precondition(!values.isEmpty && !values[0].isEmpty, "heatmap: values must not be empty")
    precondition(
      values.allSatisfy { $0.count == values[0].count },
      "heatmap: every row must have \(values[0].count) values")
    if let cellLabels {
      precondition(
        cellLabels.count == values.count
          && zip(cellLabels, values).allSatisfy { $0.count == $1.count },
        "heatmap: cellLabels must have the shape of values")
    }
    let spec = HeatmapSpec(
      values: values, colormap: colormap, colorbar: colorbar, rowLabels: rowLabels,
      columnLabels: columnLabels, annotate: annotate, range: range, cellLabels: cellLabels,
      colorbarLabel: colorbarLabel, extent: nil)
    add(.heatmap(spec), label: nil, color: .black)
  }

  /// Adds a filled map of a function sampled on a grid over a data rectangle:
  /// `values[j][i]` fills the cell around `(x[i], y[j])`, y increasing upwards.
  ///
  /// - Precondition: `values` has `y.count` rows of `x.count` values, at least 1×1.
  public func heatmap(
    x: ClosedRange<Double>, y: ClosedRange<Double>, values: [[Double]],
    colormap: Colormap = .viridis, colorbar: Bool = true, range: ClosedRange<Double>? = nil
  ) {
    precondition(!values.isEmpty && !values[0].isEmpty, "heatmap: values must not be empty")
    precondition(
      values.allSatisfy { $0.count == values[0].count },
      "heatmap: every row must have \(values[0].count) values")
    let spec = HeatmapSpec(
      values: values, colormap: colormap, colorbar: colorbar, rowLabels: nil,
      columnLabels: nil, annotate: false, range: range, extent: (x, y))
    add(.heatmap(spec), label: nil, color: .black)
  }

  /// Fills the axes with a grid of small images (e.g. Fashion-MNIST samples), hiding the
  /// axis lines and ticks.
  ///
  /// - Parameters:
  ///   - images: each `imageWidth × imageHeight` values in 0...1, row-major.
  ///   - columns: images per row of the grid.
  ///   - colormap: `.grey` (0 black, 1 white), `.greyReversed` or `.viridis`.
  ///   - captions: one optional caption per image, drawn under it.
  /// - Precondition: every image has `imageWidth · imageHeight` values; `columns > 0`.
  public func imageGrid(
    images: [[Double]], imageWidth: Int, imageHeight: Int, columns: Int = 8,
    colormap: Colormap = .grey, captions: [Caption]? = nil
  ) {
    precondition(imageWidth > 0 && imageHeight > 0, "imageGrid: image size must be positive")
    precondition(columns > 0, "imageGrid: columns \(columns) must be positive")
    for (index, image) in images.enumerated() {
      precondition(
        image.count == imageWidth * imageHeight,
        "imageGrid: image \(index) has \(image.count) values, expected "
          + "\(imageWidth)×\(imageHeight) = \(imageWidth * imageHeight)")
    }
    precondition(
      captions == nil || captions!.count == images.count,
      "imageGrid: \(captions?.count ?? 0) captions for \(images.count) images")
    let spec = ImageGridSpec(
      images: images, imageWidth: imageWidth, imageHeight: imageHeight, columns: columns,
      colormap: colormap, captions: captions)
    add(.imageGrid(spec), label: nil, color: .black)
  }

  /// Adds a histogram of `values` (non-finite values are ignored) with equal-width bins
  /// over their range.
  ///
  /// - Precondition: `bins > 0`, `alpha` in 0...1.
  public func histogram(
    values: [Double], bins: Int = 30, label: String? = nil, color: Color? = nil,
    alpha: Double = 0.6
  ) {
    precondition(bins > 0, "histogram: bins \(bins) must be positive")
    precondition((0...1).contains(alpha), "histogram: alpha \(alpha) must be in 0...1")
    add(
      .histogram(values: values, bins: bins, alpha: alpha), label: label,
      color: color ?? nextColor())
  }

  /// Adds vertical bars, one per category, labelled under the x axis.
  ///
  /// - Precondition: `labels.count == heights.count`.
  public func bars(
    labels: [String], heights: [Double], label: String? = nil, color: Color? = nil,
    alpha: Double = 0.9
  ) {
    precondition(
      labels.count == heights.count,
      "bars: \(labels.count) labels for \(heights.count) heights")
    add(
      .bars(labels: labels, heights: heights, alpha: alpha), label: label,
      color: color ?? nextColor())
  }

  /// Adds a horizontal reference line across the whole plot area.
  public func horizontalLine(
    y: Double, label: String? = nil, color: Color = .grey, style: LineStyle = .dashed,
    width: Double = 1.5
  ) {
    add(.horizontalLine(y: y, style: style, width: width), label: label, color: color)
  }

  /// Adds a vertical reference line across the whole plot area.
  public func verticalLine(
    x: Double, label: String? = nil, color: Color = .grey, style: LineStyle = .dashed,
    width: Double = 1.5
  ) {
    add(.verticalLine(x: x, style: style, width: width), label: label, color: color)
  }

  /// Writes `text` with its left end at a data point (vertically centred on it).
  public func text(
    _ text: String, at point: DataPoint, color: Color = .darkGrey, size: Double = 14
  ) {
    add(.text(text, at: point, size: size), label: nil, color: color)
  }

  /// Draws an arrow from one data point to another, with optional text at its tail.
  public func arrow(
    from start: DataPoint, to end: DataPoint, text: String? = nil, color: Color = .darkGrey
  ) {
    add(.arrow(from: start, to: end, text: text), label: nil, color: color)
  }
}
