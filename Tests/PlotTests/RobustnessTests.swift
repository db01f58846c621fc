import XCTest

@testable import Plot

final class RobustnessTests: XCTestCase {
  /// The frame's left edge is a column of dark pixels just left of the plot area.
  private func assertAxesDrawn(
    _ figure: Figure, _ ax: Axes, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let image = figure.render()
    let area = try XCTUnwrap(ax.layout, file: file, line: line).plotArea
    let column = Int(area.left) - 1
    var dark = 0
    for y in Int(area.top)..<Int(area.bottom) where image.pixel(x: column, y: y).red < 100 {
      dark += 1
    }
    XCTAssertEqual(dark, Int(area.bottom - area.top), "frame incomplete", file: file, line: line)
  }

  func testNaNAndInfinitePointsAreSkipped() throws {
    let figure = Figure(width: 300, height: 200)
    let ax = figure.axes
    ax.line(x: [0, 1, 2, 3], y: [1, .nan, .infinity, 2])
    ax.scatter(x: [.nan, 1, -.infinity], y: [1, 2, 3])
    try assertAxesDrawn(figure, ax)
    let layout = try XCTUnwrap(ax.layout)
    // Finite points span y ∈ [1, 2]: padded limits stay near that range.
    XCTAssertLessThan(layout.y.lower, 1)
    XCTAssertGreaterThan(layout.y.upper, 2)
    XCTAssertLessThan(layout.y.upper, 3)
  }

  func testEmptySeriesStillDrawsAxes() throws {
    let figure = Figure(width: 300, height: 200)
    let ax = figure.axes
    ax.line(x: [], y: [], label: "empty")
    ax.histogram(values: [])
    try assertAxesDrawn(figure, ax)
    let layout = try XCTUnwrap(ax.layout)
    XCTAssertEqual(layout.x.lower, 0)
    XCTAssertEqual(layout.x.upper, 1)
  }

  func testConstantSeriesGetsARangeAroundItsValue() throws {
    let figure = Figure(width: 300, height: 200)
    let ax = figure.axes
    ax.line(x: [0, 1, 2], y: [3, 3, 3])
    try assertAxesDrawn(figure, ax)
    let layout = try XCTUnwrap(ax.layout)
    XCTAssertLessThan(layout.y.lower, 3)
    XCTAssertGreaterThan(layout.y.upper, 3)
    XCTAssertEqual(layout.y.lower + layout.y.upper, 6, accuracy: 1e-9)
  }

  func testLogAxisDropsNonPositiveValuesWithOneWarning() throws {
    let figure = Figure(width: 300, height: 200)
    let ax = figure.axes
    ax.yScale = .log
    ax.line(x: [0, 1, 2, 3, 4], y: [-1, 0, 1, 10, 100])
    try assertAxesDrawn(figure, ax)
    _ = figure.render()
    XCTAssertEqual(figure.warnings.count, 1)
    XCTAssertTrue(figure.warnings[0].contains("non-positive"), figure.warnings[0])
    let layout = try XCTUnwrap(ax.layout)
    XCTAssertGreaterThan(layout.y.lower, 0)
    XCTAssertLessThan(layout.y.lower, 1)
    XCTAssertGreaterThan(layout.y.upper, 100)
  }

  func testImageGridAndContourOfConstantGridDoNotCrash() throws {
    let figure = Figure(width: 300, height: 200, rows: 1, columns: 2)
    figure[0, 0].imageGrid(
      images: [[0, 0.5, 1, 0.25], [1, 1, 0, 0]], imageWidth: 2, imageHeight: 2, columns: 2,
      captions: [Caption("a", color: .green), Caption("b", color: .red)])
    figure[0, 1].contour(x: [0, 1], y: [0, 1], values: [[2, 2], [2, 2]])
    try assertAxesDrawn(figure, figure[0, 1])
  }
}

final class OutputTests: XCTestCase {
  private func sampleFigure() -> Figure {
    let figure = Figure(width: 320, height: 240, title: "Determinism")
    let ax = figure.axes
    ax.line(x: [0, 1, 2, 3], y: [0, 1, 0.5, 2], label: "line", style: .dashed, marker: .circle)
    ax.scatter(x: [0.5, 1.5], y: [1, 1.5], label: "points")
    ax.contour(
      x: [0, 1, 2, 3], y: [0, 1, 2], values: [[0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5]])
    return figure
  }

  func testSameFigureGivesIdenticalBytes() {
    let a = sampleFigure().pngData()
    let b = sampleFigure().pngData()
    XCTAssertFalse(a.isEmpty)
    XCTAssertEqual(a, b)
    let figure = sampleFigure()
    XCTAssertEqual(figure.pngData(), figure.pngData())
  }

  func testUnwritableDirectoryThrowsTypedErrorAndLeavesNothing() throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("plot-tests-\(getpid())-unwritable")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    // A regular file where a directory should be: no directory can be created under it.
    let blocker = base.appendingPathComponent("not-a-directory")
    try Data("x".utf8).write(to: blocker)
    let path = blocker.appendingPathComponent("figure.png").path
    XCTAssertThrowsError(try sampleFigure().write(to: path)) { error in
      guard case PlotError.cannotWrite(let failedPath, _) = error else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertEqual(failedPath, path)
      XCTAssertTrue("\(error)".contains(path))
    }
    // The target is an existing directory: the rename fails after the temporary file was
    // written, and the temporary file must be gone.
    let occupied = base.appendingPathComponent("occupied.png")
    try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
    XCTAssertThrowsError(try sampleFigure().write(to: occupied.path)) { error in
      XCTAssertEqual(
        (error as? PlotError).map {
          if case .cannotWrite(let p, _) = $0 { return p } else { return "" }
        },
        occupied.path)
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: base.path)
    XCTAssertEqual(leftovers.sorted(), ["not-a-directory", "occupied.png"])
  }
}

final class ColormapAndContourTests: XCTestCase {
  /// Relative luminance from sRGB, decoded with the standard transfer curve.
  private func luminance(_ c: Color) -> Double {
    func linear(_ v: Int) -> Double {
      let s = Double(v) / 255
      return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(c.red) + 0.7152 * linear(c.green) + 0.0722 * linear(c.blue)
  }

  func testViridisIsMonotoneInLightnessFromPurpleToYellow() {
    // Strictly increasing at 33 evenly spaced samples…
    var previous = -1.0
    for k in 0...32 {
      let l = luminance(Colormap.viridis.color(at: Double(k) / 32))
      XCTAssertGreaterThan(l, previous, "lightness not increasing at sample \(k)")
      previous = l
    }
    // …and never falling by more than 8-bit rounding between neighbouring table entries.
    previous = -1.0
    for k in 0...255 {
      let l = luminance(Colormap.viridis.color(at: Double(k) / 255))
      XCTAssertGreaterThan(l, previous - 0.001, "lightness falls at entry \(k)")
      previous = l
    }
    let low = Colormap.viridis.color(at: 0)
    let high = Colormap.viridis.color(at: 1)
    XCTAssertGreaterThan(low.blue, low.green, "low end should be purple-blue: \(low)")
    XCTAssertGreaterThan(
      high.red + high.green, 2 * high.blue + 150, "high end should be yellow: \(high)")
  }

  func testOkabeItoCycleHasEightDistinctColours() {
    let colors = (0..<8).map(Color.okabeIto)
    XCTAssertEqual(Set(colors).count, 8)
    XCTAssertEqual(Color.okabeIto(8), Color.okabeIto(0))
  }

  func testContourOfConeIsACircle() throws {
    let grid = (0...40).map { -2 + Double($0) * 0.1 }
    let values = grid.map { y in grid.map { x in (x * x + y * y).squareRoot() } }
    let lines = MarchingSquares.lines(x: grid, y: grid, values: values, level: 1)
    XCTAssertEqual(lines.count, 1, "one closed curve")
    let curve = try XCTUnwrap(lines.first)
    XCTAssertGreaterThan(curve.count, 20)
    XCTAssertEqual(curve.first!.x, curve.last!.x, accuracy: 1e-12)
    XCTAssertEqual(curve.first!.y, curve.last!.y, accuracy: 1e-12)
    for p in curve {
      // Linear interpolation of r along a grid edge of length 0.1 errs by < 0.01.
      XCTAssertEqual((p.x * p.x + p.y * p.y).squareRoot(), 1, accuracy: 0.01)
    }
  }

  func testAutomaticAndLogSpacedLevels() {
    let values = [[0.0, 1], [10, 100]]
    let automatic = MarchingSquares.levels(.automatic(5), values: values)
    XCTAssertEqual(automatic, [20, 40, 60, 80])
    let logLevels = MarchingSquares.levels(.logSpaced(3), values: values)
    // Between 1 and 100 in log space: 10^0.5, 10^1, 10^1.5.
    XCTAssertEqual(logLevels.count, 3)
    for (level, exponent) in zip(logLevels, [0.5, 1, 1.5]) {
      XCTAssertEqual(log10(level), exponent, accuracy: 1e-12)
    }
  }
}
