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
