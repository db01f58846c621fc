import Foundation

/// A one-line progress bar on stderr, redrawn in place with a carriage return.
///
/// It draws only when stderr is a terminal, so logs and pipes stay clean:
/// `training  [##########··········]  50/100`
public final class ProgressBar {
  private let total: Int
  private let label: String
  private let enabled: Bool
  private var done = 0
  private var lastDrawn = -1

  /// Creates a bar; `enabled: false` makes every call a no-op.
  public init(total: Int, label: String, enabled: Bool) {
    self.total = max(total, 1)
    self.label = label
    self.enabled = enabled
  }

  /// Advances by `steps` and redraws when the visible bar changes.
  public func advance(by steps: Int = 1, note: String = "") {
    done = min(total, done + steps)
    guard enabled else { return }
    let width = 30
    let filled = done * width / total
    guard filled != lastDrawn || done == total || !note.isEmpty else { return }
    lastDrawn = filled
    let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
    FileHandle.standardError.write(Data("\r\(label)  [\(bar)]  \(done)/\(total) \(note)".utf8))
  }

  /// Ends the line so later output starts on a fresh one.
  public func finish() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\n".utf8))
  }
}
