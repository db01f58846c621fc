import ChapterKit
import Foundation

/// What happened when one chapter ran.
struct ChapterResult: Sendable {
  let chapter: ChapterInfo
  let status: Int32
  let seconds: Double
  let logPath: String
  let logTail: String
  var ok: Bool { status == 0 }
}

/// Results written from worker threads; the lock makes the shared array safe.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Int: ChapterResult] = [:]

  func set(_ index: Int, _ result: ChapterResult) {
    lock.lock()
    results[index] = result
    lock.unlock()
  }

  func ordered(count: Int) -> [ChapterResult] {
    lock.lock()
    defer { lock.unlock() }
    return (0..<count).compactMap { results[$0] }
  }
}

/// Runs the chapters as child processes, at most `jobs` at a time, and waits for all.
///
/// Each chapter's stdout and stderr go to its own log file: interleaved output of two
/// chapters would be unreadable, and a failed chapter's log is shown at the end.
func runChapters(
  _ chapters: [ChapterInfo], binDirectory: URL, arguments: [String], output: URL,
  logDirectory: URL, jobs: Int
) -> [ChapterResult] {
  let box = ResultBox()
  let slots = DispatchSemaphore(value: jobs)
  let group = DispatchGroup()
  let printLock = NSLock()
  for (index, chapter) in chapters.enumerated() {
    slots.wait()
    group.enter()
    Thread.detachNewThread {
      let result = runOne(
        chapter, binDirectory: binDirectory, arguments: arguments, output: output,
        logDirectory: logDirectory)
      printLock.lock()
      print(
        "  \(result.ok ? "ok    " : "FAILED") \(chapter.executable) "
          + "(\(String(format: "%.1f", result.seconds)) s)")
      printLock.unlock()
      box.set(index, result)
      slots.signal()
      group.leave()
    }
  }
  group.wait()
  return box.ordered(count: chapters.count)
}

private func runOne(
  _ chapter: ChapterInfo, binDirectory: URL, arguments: [String], output: URL,
  logDirectory: URL
) -> ChapterResult {
  let logURL = logDirectory.appendingPathComponent("\(chapter.executable).log")
  // A chapter counts as ok only if it exits 0 AND writes a fresh summary.json.
  let summaryPath = output.appendingPathComponent(chapter.executable)
    .appendingPathComponent("summary.json").path
  try? FileManager.default.removeItem(atPath: summaryPath)
  _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
  let start = Date()
  let process = Process()
  process.executableURL = binDirectory.appendingPathComponent(chapter.executable)
  process.arguments = arguments
  var status: Int32 = 127
  if let log = try? FileHandle(forWritingTo: logURL) {
    process.standardOutput = log
    process.standardError = log
    do {
      try process.run()
      process.waitUntilExit()
      status =
        process.terminationReason == .uncaughtSignal
        ? 128 + process.terminationStatus
        : process.terminationStatus
    } catch {
      log.write(Data("could not start \(chapter.executable): \(error)\n".utf8))
    }
    try? log.close()
  }
  if status == 0 && !FileManager.default.fileExists(atPath: summaryPath) {
    if let log = try? FileHandle(forWritingTo: logURL) {
      log.seekToEndOfFile()
      log.write(Data("course: \(chapter.executable) exited 0 but wrote no \(summaryPath)\n".utf8))
      try? log.close()
    }
    status = 1
  }
  let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
  let tail = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(15)
    .map { "  | " + $0 }.joined(separator: "\n")
  return ChapterResult(
    chapter: chapter, status: status, seconds: Date().timeIntervalSince(start),
    logPath: logURL.path, logTail: tail)
}
