// The student's progress and hint state, in `.exercises-progress.json` at the package
// root (git-ignored: it is personal). Losing it loses nothing that matters: statuses are
// recomputed by the next check, and hints can be shown again.

import Foundation

/// What the tool remembers about one exercise.
public struct ExerciseProgress: Codable, Sendable, Equatable {
  /// `done`, `failing`, `not attempted`, `crashed` or `timed out`, from the last check.
  public var status: String?
  /// The first failure of the last check, one line.
  public var detail: String?
  /// How many hint tiers have been shown (0 = none).
  public var hintsShown: Int

  /// Creates an entry.
  public init(status: String? = nil, detail: String? = nil, hintsShown: Int = 0) {
    self.status = status
    self.detail = detail
    self.hintsShown = hintsShown
  }
}

/// The progress file's contents.
public struct ProgressFile: Codable, Sendable, Equatable {
  /// The format version, for future changes.
  public var version = 1
  /// Progress by exercise identifier.
  public var exercises: [String: ExerciseProgress] = [:]

  /// An empty progress file.
  public init() {}

  /// The name of the file at the package root.
  public static let fileName = ".exercises-progress.json"

  /// Reads the file at `url`; a missing or unreadable file is an empty progress (a
  /// damaged file must never stop a student from working).
  public static func load(from url: URL) -> ProgressFile {
    guard let data = try? Data(contentsOf: url),
      let file = try? JSONDecoder().decode(ProgressFile.self, from: data)
    else { return ProgressFile() }
    return file
  }

  /// Writes the file atomically, keys sorted so that diffs stay readable.
  /// - Throws: when the file cannot be written (the error names the path).
  public func save(to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(self).write(to: url, options: .atomic)
  }

  /// The entry for `id`, empty when there is none.
  public subscript(id: String) -> ExerciseProgress {
    get { exercises[id] ?? ExerciseProgress() }
    set { exercises[id] = newValue }
  }
}
