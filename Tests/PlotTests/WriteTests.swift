import Foundation
import XCTest

@testable import Plot

final class WriteTests: XCTestCase {
  func testWritesPNGSignature() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("plot-tests-\(getpid())-write")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("figure.png").path
    let figure = Figure(width: 200, height: 150)
    figure.axes.line(x: [0, 1], y: [0, 1])
    try figure.write(to: path)
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
  }
}
