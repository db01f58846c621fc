// Writing bytes atomically: a temporary file in the same directory, then rename(2).
//
// A reader (or a gallery page) never sees a half-written PNG: rename within one file system
// replaces the old file in one step. On any failure the temporary file is removed, so a
// failed write leaves nothing behind. A writer killed outright (SIGKILL) cannot clean up:
// its `.NAME.PID.tmp` stays, so every write first removes the leftovers of writers of the
// same file whose process no longer exists.

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
    removeLeftovers(of: url.lastPathComponent, in: directory)
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

  /// Removes `.NAME.PID.tmp` files in `directory` whose PID names no running process
  /// (`kill(pid, 0)` fails with ESRCH). A live writer's temporary file is left alone.
  static func removeLeftovers(of name: String, in directory: URL) {
    let prefix = ".\(name)."
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for file in files where file.hasPrefix(prefix) && file.hasSuffix(".tmp") {
      let middle = file.dropFirst(prefix.count).dropLast(4)
      guard let pid = Int32(middle), pid > 0, pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        unlink(directory.appendingPathComponent(file).path)
      }
    }
  }
}
