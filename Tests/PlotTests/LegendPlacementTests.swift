import XCTest

@testable import Plot

/// Where legends go when the corners are taken, the legend below the plot, and band edges.
final class LegendPlacementTests: XCTestCase {
  /// The legend's border is the only place this exact grey is used.
  private let border = Color(red: 204, green: 204, blue: 204)

  /// A reference line is data: the legend must not hide it. Points fill the upper-right
  /// quadrant and a vertical line runs near the left edge, so neither upper corner is free;
  /// the box has to slide along the top edge between them (or go lower).
  func testBestLegendLeavesAReferenceLineVisible() throws {
    let figure = Figure(width: 600, height: 400)
    let ax = figure.axes
    ax.xLimits = 0...1
    ax.yLimits = 0...1
    let grid = (0..<10).map { 0.6 + 0.04 * Double($0) }
    ax.scatter(
      x: grid.flatMap { x in grid.map { _ in x } }, y: grid.flatMap { _ in grid }, label: "data",
      color: pureBlue, size: 6, alpha: 1)
    ax.verticalLine(x: 0.05, label: "reference", color: pureRed, style: .solid, width: 2)
    let image = figure.render()
    let area = try XCTUnwrap(ax.layout).plotArea
    let column = Int(try XCTUnwrap(ax.pixel(forData: (0.05, 0.5))).x)
    // Every row of the plot area still shows the red line in its column (±1 px).
    var hidden = 0
    for y in Int(area.top) + 1..<Int(area.bottom) - 1 {
      let red = (column - 1...column + 1).contains { x in
        let p = image.pixel(x: x, y: y)
        return p.red > 200 && p.green < 90 && p.blue < 90
      }
      if !red { hidden += 1 }
    }
    XCTAssertEqual(hidden, 0, "rows of the reference line covered by the legend")
    XCTAssertFalse(image.pixels(near: border, tolerance: 0).isEmpty, "legend drawn")
  }

  /// `.below`: the legend is under the plot area (nothing of it inside), and eight short
  /// entries in a wide figure are laid out in several columns, so the box is much lower
  /// than eight rows.
  func testBelowLegendIsOutsideThePlotAreaInColumns() throws {
    let figure = Figure(width: 900, height: 500)
    let ax = figure.axes
    for k in 0..<8 {
      // One colour for all: antialiased edges of some cycle colours pass through the
      // border's grey.
      ax.line(x: [0, 1], y: [Double(k), Double(k) + 1], label: "s\(k)", color: pureRed)
    }
    ax.legendPosition = .below
    let image = figure.render()
    let area = try XCTUnwrap(ax.layout).plotArea
    let legend = image.pixels(near: border, tolerance: 0)
    XCTAssertFalse(legend.isEmpty, "legend drawn")
    for p in legend {
      XCTAssertGreaterThan(Double(p.y), area.bottom, "legend pixel \(p) not below the plot")
    }
    let height = (legend.map(\.y).max() ?? 0) - (legend.map(\.y).min() ?? 0)
    // One row is 1.5 legend lines (15 px font, ~27 px): eight rows would be > 200 px.
    XCTAssertLessThan(height, 100, "eight entries should share rows, box height \(height)")
  }

  /// `.below` reserves its height: the plot area is shorter than with the legend inside.
  func testBelowLegendTakesItsRoomFromThePlotArea() throws {
    func plotHeight(_ position: LegendPosition) throws -> Double {
      let figure = Figure(width: 600, height: 400)
      figure.axes.line(x: [0, 1], y: [0, 1], label: "a")
      figure.axes.line(x: [0, 1], y: [1, 0], label: "b")
      figure.axes.legendPosition = position
      _ = figure.render()
      let area = try XCTUnwrap(figure.axes.layout).plotArea
      return area.bottom - area.top
    }
    XCTAssertLessThan(try plotHeight(.below), try plotHeight(.upperLeft) - 20)
  }

  /// `edgeWidth` draws the band's edges opaque in its colour; without it the edge is only
  /// the faint fill.
  func testBandEdgesAreOpaqueLinesInTheBandColour() throws {
    func edgePixel(_ edgeWidth: Double) throws -> (red: Int, green: Int, blue: Int) {
      let figure = Figure(width: 400, height: 300)
      let ax = figure.axes
      ax.xLimits = 0...1
      ax.yLimits = -1...2
      ax.band(
        x: [0, 1], lower: [0, 0], upper: [1, 1], color: pureBlue, alpha: 0.1,
        edgeWidth: edgeWidth)
      let image = figure.render()
      let p = try XCTUnwrap(ax.pixel(forData: (0.5, 1)))
      let pixel = image.pixel(x: Int(p.x), y: Int(p.y))
      return (pixel.red, pixel.green, pixel.blue)
    }
    let outlined = try edgePixel(2)
    XCTAssertLessThan(outlined.red, 60, "edge drawn in the band colour: \(outlined)")
    XCTAssertGreaterThan(outlined.blue, 200)
    let plain = try edgePixel(0)
    XCTAssertGreaterThan(plain.red, 200, "no edge: only the 10 % fill: \(plain)")
  }
}
