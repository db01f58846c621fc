// The small value types that describe how a series looks.

/// How a line is stroked.
public enum LineStyle: Sendable, Hashable {
  /// A continuous line.
  case solid
  /// Dashes about four line widths long.
  case dashed
  /// Round dots.
  case dotted
  /// Alternating dashes and dots.
  case dashDot
}

/// The shape drawn at each data point of a line or scatter series.
public enum Marker: Sendable, Hashable, CaseIterable {
  /// A filled disc.
  case circle
  /// A filled square.
  case square
  /// A filled upward triangle.
  case triangle
  /// A filled diamond.
  case diamond
  /// An upright cross (+).
  case plus
  /// A diagonal cross (×).
  case cross
}

/// How data values map to positions along an axis.
public enum Scale: Sendable, Hashable {
  /// Equal data steps are equal distances.
  case linear
  /// Equal ratios are equal distances (base 10); non-positive values are dropped.
  case log
}

/// Where the legend goes.
public enum LegendPosition: Sendable, Hashable {
  /// The corner or edge that covers the fewest data points.
  case best
  /// Top left corner inside the plot area.
  case upperLeft
  /// Top right corner inside the plot area.
  case upperRight
  /// Bottom left corner inside the plot area.
  case lowerLeft
  /// Bottom right corner inside the plot area.
  case lowerRight
  /// Outside the plot area, to the right.
  case outsideRight
  /// Outside the plot area, under the x axis label, in as many columns as fit the plot's
  /// width (for a long legend that would cover the data, or one legend shared by a row
  /// of panels: give it to the middle panel and `.none` to the others).
  case below
  /// No legend.
  case none
}

/// Which values a contour plot draws lines at.
public enum ContourLevels: Sendable, Hashable {
  /// About `count` "nice" evenly spaced levels between the grid's minimum and maximum.
  case automatic(Int)
  /// Exactly these levels.
  case explicit([Double])
  /// `count` levels evenly spaced in log10 between the smallest positive value and the
  /// maximum: the right choice for loss surfaces such as Rosenbrock's.
  case logSpaced(Int)
}

/// A short text drawn under one image of an image grid, e.g. a predicted label.
public struct Caption: Sendable, Hashable {
  /// The text.
  public var text: String
  /// Its colour (e.g. `.green` for a correct prediction, `.red` for a wrong one).
  public var color: Color

  /// Creates a caption.
  public init(_ text: String, color: Color = .darkGrey) {
    self.text = text
    self.color = color
  }
}
