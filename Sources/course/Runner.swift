import ChapterKit
import Foundation

/// What happened when one chapter ran.
struct ChapterResult: Sendable {
  let chapter: ChapterInfo
  let status: Int32
  let seconds: Double
  /// It ran past the time limit and was stopped.
  let timedOut: Bool
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

/// Which chapters have started and finished, shared by the launching thread and the
/// threads that wait for the children; the condition guards it and wakes the launcher.
private final class LaunchState: @unchecked Sendable {
  let condition = NSCondition()
  var started: Set<Int> = []
  var finished: Set<Int> = []
  var running: Int { started.count - finished.count }
}

/// Runs the chapters as child processes, at most `jobs` at a time, in the order of
/// `CourseSchedule` (longest chain first; a chapter that reads another's summary starts
/// after it), and waits for all. The results come back in catalogue order.
///
/// Each chapter's stdout and stderr go to their own log files: interleaved output of two
/// chapters would be unreadable, and a failed chapter's logs are shown at the end (stderr
/// separately, so its `Error:` line is never cut off by buffered stdout). A chapter that
/// runs longer than `timeLimit` seconds is stopped.
func runChapters(
  _ chapters: [ChapterInfo], binDirectory: URL, arguments: [String], output: URL,
  logDirectory: URL, jobs: Int, timeLimit: Double
) -> [ChapterResult] {
  let box = ResultBox()
  let schedule = CourseSchedule(chapters)
  let state = LaunchState()
  let printLock = NSLock()
  state.condition.lock()
  while state.started.count < chapters.count {
    guard state.running < jobs,
      let index = schedule.next(started: state.started, finished: state.finished)
    else {
      state.condition.wait()
      continue
    }
    state.started.insert(index)
    let chapter = chapters[index]
    Thread.detachNewThread {
      let result = runOne(
        chapter, binDirectory: binDirectory, arguments: arguments, output: output,
        logDirectory: logDirectory, timeLimit: timeLimit)
      printLock.lock()
      print(
        "  \(result.ok ? "ok    " : "FAILED") \(chapter.executable) "
          + "(\(String(format: "%.1f", result.seconds)) s)")
      printLock.unlock()
      box.set(index, result)
      state.condition.lock()
      state.finished.insert(index)
      state.condition.signal()
      state.condition.unlock()
    }
  }
  while state.finished.count < chapters.count { state.condition.wait() }
  state.condition.unlock()
  return box.ordered(count: chapters.count)
}

private func runOne(
  _ chapter: ChapterInfo, binDirectory: URL, arguments: [String], output: URL,
  logDirectory: URL, timeLimit: Double
) -> ChapterResult {
  let logURL = logDirectory.appendingPathComponent("\(chapter.executable).log")
  let errURL = logDirectory.appendingPathComponent("\(chapter.executable).stderr.log")
  // A chapter counts as ok only if it exits 0 AND writes a fresh summary.json.
  let summaryPath = output.appendingPathComponent(chapter.executable)
    .appendingPathComponent("summary.json").path
  try? FileManager.default.removeItem(atPath: summaryPath)
  _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let start = Date()
  var status: Int32 = 127
  var timedOut = false
  if let log = try? FileHandle(forWritingTo: logURL),
    let errors = try? FileHandle(forWritingTo: errURL)
  {
    do {
      let pid = try runningChildren.spawn(
        binDirectory.appendingPathComponent(chapter.executable).path, arguments,
        stdout: log.fileDescriptor, stderr: errors.fileDescriptor)
      // Poll rather than block, so that the time limit can stop a chapter that hangs.
      var raw: Int32 = 0
      while waitpid(pid, &raw, WNOHANG) == 0 {
        if !timedOut && Date().timeIntervalSince(start) > timeLimit {
          timedOut = true
          runningChildren.stop(pid)
        }
        usleep(100_000)
      }
      runningChildren.forget(pid)
      // WIFSIGNALED / WTERMSIG / WEXITSTATUS, which Swift does not import (they are macros).
      let signalNumber = raw & 0x7f
      status = signalNumber != 0 ? 128 + signalNumber : (raw >> 8) & 0xff
    } catch {
      errors.write(Data("could not start \(chapter.executable): \(fileErrorReason(error))\n".utf8))
    }
    try? log.close()
    try? errors.close()
  }
  var note: String?
  if timedOut {
    note = "course: \(chapter.executable) ran longer than \(Int(timeLimit)) s and was stopped"
    status = status == 0 ? 1 : status
  } else if status == 0 && !FileManager.default.fileExists(atPath: summaryPath) {
    note = "course: \(chapter.executable) exited 0 but wrote no \(summaryPath)"
    status = 1
  }
  let tail = failureTail(stdout: logURL, stderr: errURL, note: note)
  return ChapterResult(
    chapter: chapter, status: status, seconds: Date().timeIntervalSince(start),
    timedOut: timedOut, logPath: logURL.path, logTail: tail)
}

/// The last 15 lines of a chapter's stdout, then its stderr (the `Error:` line), then
/// course's own note, each line indented with `  | `.
private func failureTail(stdout: URL, stderr: URL, note: String?) -> String {
  func lines(_ url: URL, last: Int) -> [Substring] {
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return Array(text.split(separator: "\n", omittingEmptySubsequences: false).suffix(last))
      .filter { !$0.isEmpty }
  }
  var shown = lines(stdout, last: 15)
  let errors = lines(stderr, last: 10)
  if !errors.isEmpty { shown += ["stderr:"] + errors }
  if let note { shown.append(Substring(note)) }
  return shown.map { "  | " + $0 }.joined(separator: "\n")
}
