// Writing bytes atomically: a temporary file in the same directory, then rename(2).
//
// A reader (or a gallery page) never sees a half-written PNG: rename within one file system
// replaces the old file in one step. On any failure the temporary file is removed, so a
// failed write leaves nothing behind.

import Foundation

enum AtomicFileWriter {
  /// Writes `bytes` to `path` atomically, creating missing parent directories.
  ///
  /// - Throws: `PlotError.cannotWrite` naming `path` and the system's reason.
  static func write(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw PlotError.cannotWrite(path: path, reason: "cannot create directory \(directory.path)")
    }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(getpid()).tmp"
    ).path
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw PlotError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
    var offset = 0
    var failure: String?
    bytes.withUnsafeBytes { buffer in
      while offset < buffer.count {
        let written = Foundation.write(
          descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written <= 0 {
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
    if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw PlotError.cannotWrite(path: path, reason: failure)
    }
  }
}
