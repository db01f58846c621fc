import XCTest

@testable import Plot

/// Helpers for reading rendered figures.
extension RasterImage {
  /// Pixels whose colour is within `tolerance` of `color` on every channel.
  func pixels(near color: Color, tolerance: Int = 60) -> [(x: Int, y: Int)] {
    var result: [(Int, Int)] = []
    for y in 0..<height {
      for x in 0..<width {
        let p = pixel(x: x, y: y)
        if abs(p.red - color.red) <= tolerance && abs(p.green - color.green) <= tolerance
          && abs(p.blue - color.blue) <= tolerance
        {
          result.append((x, y))
        }
      }
    }
    return result
  }

  /// Number of pixels in a rectangle that are not white.
  func inkCount(left: Int, top: Int, right: Int, bottom: Int) -> Int {
    var count = 0
    for y in top..<bottom {
      for x in left..<right {
        let p = pixel(x: x, y: y)
        if p.red < 200 || p.green < 200 || p.blue < 200 { count += 1 }
      }
    }
    return count
  }
}

let pureRed = Color(red: 255, green: 0, blue: 0)
let pureBlue = Color(red: 0, green: 0, blue: 255)

final class PixelTests: XCTestCase {
  func testDiagonalLineStaysOnTheDiagonalOfThePlotArea() throws {
    let figure = Figure(width: 400, height: 300)
    let ax = figure.axes
    ax.xLimits = 0...1
    ax.yLimits = 0...1
    // Longer than the limits on both ends: clipping must cut it at the plot area.
    ax.line(x: [-1, 2], y: [-1, 2], color: pureRed, width: 2)
    let image = figure.render()
    let area = try XCTUnwrap(ax.layout).plotArea
    let red = image.pixels(near: pureRed, tolerance: 90)
    XCTAssertGreaterThan(red.count, Int(area.right - area.left))
    for p in red {
      XCTAssert(
        Double(p.x) >= area.left && Double(p.x) < area.right && Double(p.y) >= area.top
          && Double(p.y) < area.bottom, "red pixel \(p) outside the plot area \(area)")
      // Distance from the pixel centre to the line through the area's corners.
      let (x0, y0, x1, y1) = (area.left, area.bottom, area.right, area.top)
      let (cx, cy) = (Double(p.x) + 0.5, Double(p.y) + 0.5)
      let distance =
        abs((y1 - y0) * cx - (x1 - x0) * cy + x1 * y0 - y1 * x0)
        / ((y1 - y0) * (y1 - y0) + (x1 - x0) * (x1 - x0)).squareRoot()
      XCTAssertLessThan(distance, 2, "red pixel \(p) is \(distance) px from the diagonal")
    }
    // The whole diagonal is drawn.
    for t in stride(from: 0.05, through: 0.95, by: 0.05) {
      let x = Int(area.left + t * (area.right - area.left))
      let y = Int(area.bottom - t * (area.bottom - area.top))
      let hit = red.contains { abs($0.x - x) <= 1 && abs($0.y - y) <= 1 }
      XCTAssert(hit, "no red pixel near (\(x), \(y)) at t = \(t)")
    }
  }

  func testScatterPointLandsOnTheExpectedPixel() throws {
    let figure = Figure(width: 400, height: 300)
    let ax = figure.axes
    ax.xLimits = 0...10
    ax.yLimits = 0...10
    ax.scatter(x: [2.5], y: [7.5], color: pureBlue, size: 8, alpha: 1)
    let image = figure.render()
    let area = try XCTUnwrap(ax.layout).plotArea
    // x = 2.5 is a quarter of the way from the left; y = 7.5 a quarter from the top.
    let expectedX = area.left + 0.25 * (area.right - area.left)
    let expectedY = area.top + 0.25 * (area.bottom - area.top)
    let blue = image.pixels(near: pureBlue, tolerance: 40)
    XCTAssertFalse(blue.isEmpty)
    let meanX = Double(blue.map(\.x).reduce(0, +)) / Double(blue.count) + 0.5
    let meanY = Double(blue.map(\.y).reduce(0, +)) / Double(blue.count) + 0.5
    XCTAssertEqual(meanX, expectedX, accuracy: 1)
    XCTAssertEqual(meanY, expectedY, accuracy: 1)
    let mapped = try XCTUnwrap(ax.pixel(forData: (2.5, 7.5)))
    XCTAssertEqual(mapped.x, expectedX, accuracy: 1e-9)
    XCTAssertEqual(mapped.y, expectedY, accuracy: 1e-9)
  }

  func testHeatmapCellHasTheColormapColour() throws {
    let figure = Figure(width: 400, height: 400)
    let ax = figure.axes
    // Range 0…1, so a cell's colour is the colormap at its value.
    ax.heatmap(values: [[0, 1], [0.5, 0.25]], colorbar: false)
    let image = figure.render()
    let layout = try XCTUnwrap(ax.layout)
    for (row, column, value) in [(0, 0, 0.0), (0, 1, 1.0), (1, 0, 0.5), (1, 1, 0.25)] {
      let x = try XCTUnwrap(layout.x.pixel(Double(column) + 0.5))
      let y = try XCTUnwrap(layout.y.pixel(Double(row) + 0.5))
      XCTAssertEqual(
        image.color(x: Int(x), y: Int(y)), Colormap.viridis.color(at: value),
        "cell (\(row), \(column))")
    }
    // Row 0 is at the top.
    XCTAssertLessThan(try XCTUnwrap(layout.y.pixel(0.5)), try XCTUnwrap(layout.y.pixel(1.5)))
  }

  func testLineBreaksAtNaN() throws {
    let figure = Figure(width: 400, height: 300)
    let ax = figure.axes
    ax.xLimits = 0...4
    ax.yLimits = -1...1
    ax.line(x: [0, 1, 2, 3, 4], y: [0, 0, .nan, 0, 0], color: pureRed, width: 2)
    let image = figure.render()
    let red = image.pixels(near: pureRed, tolerance: 90)
    let gap = try XCTUnwrap(ax.pixel(forData: (2, 0)))
    let drawn = try XCTUnwrap(ax.pixel(forData: (0.5, 0)))
    XCTAssertFalse(red.contains { abs(Double($0.x) - gap.x) < 10 && abs(Double($0.y) - gap.y) < 3 })
    XCTAssertTrue(
      red.contains { abs(Double($0.x) - drawn.x) < 2 && abs(Double($0.y) - drawn.y) < 2 })
  }

  func testTitleIsRendered() {
    let figure = Figure(width: 400, height: 300, title: "Loss ∇ α 损失")
    let image = figure.render()
    XCTAssertGreaterThan(image.inkCount(left: 0, top: 0, right: 400, bottom: 40), 100)
    XCTAssertTrue(figure.warnings.isEmpty, "\(figure.warnings)")
  }

  func testMissingFontFallsBackToBuiltInFontAndWarnsOnce() {
    let figure = Figure(
      width: 400, height: 300, title: "Fallback α", fontPath: "/nonexistent/NoSuchFont.ttf")
    figure.axes.xLabel = "x"
    let image = figure.render()
    _ = figure.render()
    XCTAssertEqual(figure.warnings.count, 1)
    XCTAssertTrue(figure.warnings[0].contains("/nonexistent/NoSuchFont.ttf"))
    XCTAssertGreaterThan(image.inkCount(left: 0, top: 0, right: 400, bottom: 40), 50)
  }

  func testAsciiFallbackNamesGreekAndSuperscripts() {
    XCTAssertEqual(asciiFallback("10⁻⁶ α−β"), "10^-6 alpha-beta")
  }
}

final class LegendTests: XCTestCase {
  /// The legend's border is the only place this exact grey is used.
  private let border = Color(red: 204, green: 204, blue: 204)

  func testBestLegendAvoidsTheData() throws {
    let figure = Figure(width: 500, height: 400)
    let ax = figure.axes
    ax.xLimits = 0...1
    ax.yLimits = 0...1
    // Points fill the upper-right quadrant, where a legend would go by default.
    let grid = (0..<10).map { 0.55 + 0.045 * Double($0) }
    ax.scatter(
      x: grid.flatMap { x in grid.map { _ in x } }, y: grid.flatMap { _ in grid }, label: "data",
      color: pureBlue, size: 6, alpha: 1)
    let image = figure.render()
    let area = try XCTUnwrap(ax.layout).plotArea
    let midX = (area.left + area.right) / 2
    let midY = (area.top + area.bottom) / 2
    let legendPixels = image.pixels(near: border, tolerance: 0)
    XCTAssertFalse(legendPixels.isEmpty, "legend drawn")
    for p in legendPixels {
      XCTAssertFalse(
        Double(p.x) > midX && Double(p.y) < midY, "legend pixel \(p) in the data's quadrant")
    }
  }

  func testNoLegendWithoutLabels() {
    let figure = Figure(width: 300, height: 200)
    figure.axes.line(x: [0, 1], y: [0, 1])
    XCTAssertTrue(figure.render().pixels(near: border, tolerance: 0).isEmpty)
  }
}
