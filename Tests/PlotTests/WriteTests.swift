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

  /// Issue 19, defect 7: a writer killed (SIGKILL) between creating its temporary file and
  /// the rename leaves `.NAME.png.PID.tmp`; the next write of NAME.png removes it, but not
  /// the temporary file of a writer that is still alive.
  func testLeftoverTemporaryFileOfADeadWriterIsRemoved() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("plot-tests-\(getpid())-leftover")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // A PID above the kernel's maximum (2²² on Linux) belongs to no process.
    let dead = directory.appendingPathComponent(".figure.png.4194305.tmp")
    let alive = directory.appendingPathComponent(".figure.png.\(getppid()).tmp")
    let other = directory.appendingPathComponent(".other.png.4194305.tmp")
    for url in [dead, alive, other] { try Data("half".utf8).write(to: url) }
    try AtomicFileWriter.write([1, 2, 3], to: directory.appendingPathComponent("figure.png").path)
    XCTAssertFalse(FileManager.default.fileExists(atPath: dead.path))
    XCTAssertTrue(FileManager.default.fileExists(atPath: alive.path))
    XCTAssertTrue(FileManager.default.fileExists(atPath: other.path))
  }
}
