/// Why a figure could not be written.
public enum PlotError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The PNG file (or its temporary sibling) could not be created, written or renamed.
  case cannotWrite(path: String, reason: String)
  /// libgd failed to encode the image as PNG.
  case encodingFailed(path: String)

  /// A one-line message naming the path.
  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason):
      return "cannot write figure to \(path): \(reason)"
    case .encodingFailed(let path):
      return "cannot encode figure as PNG for \(path)"
    }
  }
}
