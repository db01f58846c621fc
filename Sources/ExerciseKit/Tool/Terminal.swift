// Colour for people, plain text for pipes: colour only when standard output is a
// terminal and NO_COLOR (https://no-color.org) is not set.

import Foundation

/// ANSI styling that switches itself off when it should.
public struct Style: Sendable {
  /// Whether escape codes are written.
  public let enabled: Bool

  /// Styling as decided for this process: on a terminal, without NO_COLOR.
  public static func forStandardOutput() -> Style {
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] != nil
    return Style(enabled: isatty(1) == 1 && !noColor)
  }

  /// Creates a style, on or off.
  public init(enabled: Bool) { self.enabled = enabled }

  private func wrap(_ text: String, _ code: String) -> String {
    enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// Green.
  public func green(_ text: String) -> String { wrap(text, "32") }
  /// Red.
  public func red(_ text: String) -> String { wrap(text, "31") }
  /// Yellow.
  public func yellow(_ text: String) -> String { wrap(text, "33") }
  /// Dim (grey).
  public func dim(_ text: String) -> String { wrap(text, "2") }
  /// Bold.
  public func bold(_ text: String) -> String { wrap(text, "1") }
}

/// A progress bar such as `[██████░░░░░░░░░░░░░░] 1/4`, `width` cells wide.
public func progressBar(done: Int, total: Int, width: Int = 20) -> String {
  let filled = total == 0 ? 0 : done * width / total
  return "[" + String(repeating: "█", count: filled)
    + String(repeating: "░", count: width - filled) + "] \(done)/\(total)"
}
