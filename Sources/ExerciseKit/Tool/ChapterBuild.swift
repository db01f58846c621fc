// Building one chapter's check runner (`swift build --product exercise-check-3.2`) before
// its exercises are checked, so that a file that does not compile costs its own chapter
// only. SwiftPM prints a compiler message several times (once per build job that sees
// it); the messages are collected here each once, in order, with paths made relative.

import Foundation

/// The outcome of building a chapter's check runner.
public struct ChapterBuild: Sendable {
  /// The runner, when the build succeeded.
  public let runner: URL?
  /// The compiler's errors and warnings, each once: `Exercises/3.2-…/X.swift:12:5: error: …`.
  public let messages: [String]
}

/// The executable of chapter `chapter`'s check runner in `binDirectory`.
public func checkRunnerURL(chapter: String, in binDirectory: URL) -> URL {
  binDirectory.appendingPathComponent("exercise-check-\(chapter)")
}

/// Builds the check runner of `chapter` with `swift build` in `root` (unless `build` is
/// false: then the runner already built in `binDirectory` is used as it is).
public func buildCheckRunner(
  chapter: String, root: URL, binDirectory: URL, build: Bool, timeout: Double = 600
) -> ChapterBuild {
  let runner = checkRunnerURL(chapter: chapter, in: binDirectory)
  guard build else {
    let exists = FileManager.default.isExecutableFile(atPath: runner.path)
    return ChapterBuild(
      runner: exists ? runner : nil,
      messages: exists ? [] : ["\(runner.path) is not built (run without --no-build)"])
  }
  let result: ChildResult
  do {
    result = try runChild(
      URL(fileURLWithPath: "/usr/bin/env"),
      arguments: ["swift", "build", "--product", "exercise-check-\(chapter)"], timeout: timeout,
      directory: root)
  } catch {
    return ChapterBuild(runner: nil, messages: ["could not run swift build: \(error)"])
  }
  let messages = compilerMessages(in: result.output + "\n" + result.errorOutput, root: root)
  if result.termination == .exited(0) { return ChapterBuild(runner: runner, messages: messages) }
  if messages.isEmpty {
    let tail = (result.output + result.errorOutput).split(separator: "\n").suffix(10)
    return ChapterBuild(runner: nil, messages: tail.map(String.init))
  }
  return ChapterBuild(runner: nil, messages: messages)
}

/// Each `file:line:column: error|warning: message` line of a build log once, in order,
/// with `root/` removed from the paths.
public func compilerMessages(in log: String, root: URL) -> [String] {
  let prefix = root.standardizedFileURL.path + "/"
  var seen = Set<String>()
  var messages: [String] = []
  for line in log.split(separator: "\n") {
    guard line.contains(": error: ") || line.contains(": warning: ") else { continue }
    guard let first = line.first, first == "/" || first.isLetter else { continue }
    let text = line.replacingOccurrences(of: prefix, with: "")
    if seen.insert(text).inserted { messages.append(text) }
  }
  return messages
}
