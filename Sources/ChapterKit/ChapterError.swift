import Foundation

/// Errors a chapter reports to the user as one readable line (exit code 1).
public enum ChapterError: Error, CustomStringConvertible, Sendable {
  /// Training produced a non-finite loss.
  case diverged(step: Int, loss: Double)
  /// A file or folder could not be written.
  case cannotWrite(path: String, reason: String)
  /// Input data are missing or malformed; the message says what to do.
  case data(String)

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .diverged(let step, let loss):
      "diverged at step \(step) (loss \(loss)); try a smaller learning rate"
    case .cannotWrite(let path, let reason):
      "cannot write \(path): \(reason)"
    case .data(let message):
      message
    }
  }
}

/// Creates `folder` and its parents.
///
/// - Throws: `ChapterError.cannotWrite` with a reason a student can act on: which part of
///   the path is a file rather than a folder, or the system's reason (`Permission denied`),
///   never Foundation's "NSCocoaErrorDomain error 512".
public func createFolder(_ folder: URL) throws {
  var isFolder: ObjCBool = false
  // The nearest part of the path that exists must be a folder.
  var existing = folder
  while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder),
    existing.pathComponents.count > 1
  {
    existing.deleteLastPathComponent()
  }
  if FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder),
    !isFolder.boolValue
  {
    throw ChapterError.cannotWrite(
      path: folder.path, reason: "\(existing.path) is a file, not a folder")
  }
  do {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  } catch {
    throw ChapterError.cannotWrite(path: folder.path, reason: fileErrorReason(error))
  }
}

/// The system's reason behind a Foundation file error (`Permission denied`, `No space left on
/// device`), or its description when there is none.
public func fileErrorReason(_ error: Error) -> String {
  let nsError = error as NSError
  if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
    underlying.domain == NSPOSIXErrorDomain
  {
    return String(cString: strerror(Int32(underlying.code)))
  }
  if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
  return nsError.localizedDescription
}
