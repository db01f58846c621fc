// Where the course lives on disk: the folder holding Package.swift, found by walking up
// from the current directory (as `swift run` and `git` do), so the tool works from any
// subfolder.

import Foundation

/// The package root: the nearest folder at or above `start` that holds `Package.swift`.
/// - Returns: nil when there is none up to `/`.
public func findPackageRoot(from start: URL) -> URL? {
  var directory = start.standardizedFileURL
  while true {
    let manifest = directory.appendingPathComponent("Package.swift")
    if FileManager.default.fileExists(atPath: manifest.path) { return directory }
    let parent = directory.deletingLastPathComponent()
    if parent.path == directory.path { return nil }
    directory = parent
  }
}
