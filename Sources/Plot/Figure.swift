// A figure: a canvas holding a grid of axes and an overall title.

import Foundation

/// A picture of one or more plots, rendered with libgd and written as PNG.
///
/// ```swift
/// let figure = Figure(width: 1200, height: 800, rows: 1, columns: 2, title: "Losses")
/// let ax = figure[0, 0]
/// ax.line(x: xs, y: ys, label: "MSE")
/// try figure.write(to: "Figures/losses/curves.png")
/// ```
public final class Figure {
  /// The DejaVu Sans font that Debian's `fonts-dejavu-core` installs.
  public static let defaultFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// Number of subplot rows.
  public let rows: Int
  /// Number of subplot columns.
  public let columns: Int
  /// The overall title above all subplots (empty: none).
  public var title: String
  /// When true, every subplot uses the union of all x limits, and only the bottom row
  /// labels its x ticks.
  public var sharedX: Bool
  /// When true, every subplot uses the union of all y limits, and only the left column
  /// labels its y ticks.
  public var sharedY: Bool
  /// The TrueType font for all text; when it cannot be loaded, libgd's built-in bitmap
  /// font is used instead and a warning is printed once.
  public var fontPath: String
  /// Scales every font size (1: figure title 24 px, axes titles 20 px, axis labels 17 px,
  /// legend 15 px, ticks 14 px).
  public var fontScale: Double = 1

  private let grid: [Axes]
  /// Warnings already reported for this figure (each is printed to stderr once).
  public private(set) var warnings: [String] = []

  /// Creates an empty figure.
  ///
  /// - Precondition: size at least 100×100 px, at least one row and one column.
  public init(
    width: Int = 1200, height: Int = 800, rows: Int = 1, columns: Int = 1, title: String = "",
    sharedX: Bool = false, sharedY: Bool = false, fontPath: String = Figure.defaultFontPath
  ) {
    precondition(width >= 100 && height >= 100, "Figure: size \(width)×\(height) too small")
    precondition(rows >= 1 && columns >= 1, "Figure: grid \(rows)×\(columns) must be ≥ 1×1")
    self.width = width
    self.height = height
    self.rows = rows
    self.columns = columns
    self.title = title
    self.sharedX = sharedX
    self.sharedY = sharedY
    self.fontPath = fontPath
    grid = (0..<(rows * columns)).map { _ in Axes() }
  }

  /// The axes at `row`, `column` (row-major from the top left).
  ///
  /// - Precondition: the position is inside the grid.
  public subscript(row: Int, column: Int) -> Axes {
    precondition(
      (0..<rows).contains(row) && (0..<columns).contains(column),
      "Figure[\(row), \(column)]: outside the \(rows)×\(columns) grid")
    return grid[row * columns + column]
  }

  /// The first (or only) axes.
  public var axes: Axes { grid[0] }

  /// All axes, row-major.
  public var allAxes: [Axes] { grid }

  /// Records a warning and prints it to stderr the first time it occurs.
  func warn(_ message: String) {
    guard !warnings.contains(message) else { return }
    warnings.append(message)
    FileHandle.standardError.write(Data("plot: warning: \(message)\n".utf8))
  }

  /// Draws the figure into a fresh canvas.
  func draw() -> Canvas {
    let canvas = Canvas(width: width, height: height)
    FigureRenderer(figure: self, canvas: canvas).draw()
    return canvas
  }

  /// Renders the figure to pixels (and records each axes' `layout`).
  public func render() -> RasterImage { draw().raster() }

  /// Renders the figure and encodes it as PNG; the same figure gives the same bytes.
  public func pngData() -> [UInt8] { draw().pngData() ?? [] }

  /// Renders and writes the figure as PNG, atomically (temporary file, then rename).
  ///
  /// - Throws: `PlotError` naming `path` when the file cannot be written.
  public func write(to path: String) throws {
    guard let bytes = draw().pngData(), !bytes.isEmpty else {
      throw PlotError.encodingFailed(path: path)
    }
    try AtomicFileWriter.write(bytes, to: path)
  }
}
