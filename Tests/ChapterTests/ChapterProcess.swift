import Foundation
import XCTest

// What every chapter test needs: find a built chapter executable, run it, read what it
// printed. A new chapter's test file calls `runChapter("name", [...])` and
// `temporaryOutput(for:)`; nothing else is chapter-specific.

/// The exit status and the two output streams of one run of a chapter executable.
struct ChapterOutput {
  let status: Int32
  let stdout: String
  let stderr: String

  /// stdout parsed as a JSON object (what `--json` prints).
  func jsonObject(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    return try XCTUnwrap(
      object as? [String: Any], "not a JSON object: \(stdout.prefix(300))", file: file,
      line: line)
  }
}

/// The products folder that holds the built executables: the folder of the test bundle
/// (`.build/debug/` for `swift test`).
private func productDirectories() -> [URL] {
  var folders = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
    .map { $0.deletingLastPathComponent() }
  folders.append(Bundle.main.bundleURL)
  if let first = CommandLine.arguments.first {
    folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
  }
  return folders
}

/// The built chapter executable `name`; a missing one is a test failure that says how to
/// build it.
func chapterExecutable(
  _ name: String, file: StaticString = #filePath, line: UInt = #line
) throws -> URL {
  guard
    let executable = productDirectories().map({ $0.appendingPathComponent(name) })
      .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
  else {
    XCTFail(
      "the \(name) executable is not built next to the tests; run `swift build` first",
      file: file, line: line)
    throw CocoaError(.fileNoSuchFile)
  }
  return executable
}

/// Runs the built chapter executable `name` with `arguments`.
///
/// Both streams go to temporary files rather than pipes, so a chapter that prints a lot
/// on one stream cannot block while the test reads the other.
/// - Throws: `XCTSkip` is never used: a missing executable is a test failure that says
///   how to build it.
func runChapter(
  _ name: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line
) throws -> ChapterOutput {
  let executable = try chapterExecutable(name, file: file, line: line)
  let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("chapter-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: scratch) }
  let outURL = scratch.appendingPathComponent("stdout")
  let errURL = scratch.appendingPathComponent("stderr")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let out = try FileHandle(forWritingTo: outURL)
  let err = try FileHandle(forWritingTo: errURL)
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  process.standardOutput = out
  process.standardError = err
  try process.run()
  process.waitUntilExit()
  try out.close()
  try err.close()
  return ChapterOutput(
    status: process.terminationStatus,
    stdout: try String(contentsOf: outURL, encoding: .utf8),
    stderr: try String(contentsOf: errURL, encoding: .utf8))
}

extension XCTestCase {
  /// A fresh folder for a chapter's `--output`, removed when the test ends.
  func temporaryOutput(for chapter: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(chapter)-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }
}
