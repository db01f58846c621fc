// Running a check in a child process, so that a crash or an endless loop in a student's
// code becomes one exercise's failure instead of ending the whole run.
//
// Output goes to temporary files rather than pipes: a child that prints more than a pipe
// holds (a long stack trace) would otherwise block while the parent waits for it to end.

import Foundation

/// How a child process ended.
public enum ChildTermination: Sendable, Equatable {
  /// It exited with this status.
  case exited(Int32)
  /// A signal ended it (4 = illegal instruction, what a Swift trap raises on x86; 5 = trap
  /// on arm64; 11 = segmentation fault).
  case signalled(Int32)
  /// It ran past the time limit and was killed.
  case timedOut(seconds: Double)
}

/// What a child process printed and how it ended.
public struct ChildResult: Sendable {
  /// How it ended.
  public let termination: ChildTermination
  /// Its standard output.
  public let output: String
  /// Its standard error.
  public let errorOutput: String

  /// The first line of standard error that explains a crash, from its marker on
  /// (`Fatal error: Index out of range`, `Precondition failed: …`), if any.
  public var crashReason: String? {
    let markers = ["Fatal error", "Precondition failed", "Assertion failed", "fatal error"]
    for line in errorOutput.split(separator: "\n") {
      for marker in markers {
        if let start = line.range(of: marker)?.lowerBound { return String(line[start...]) }
      }
    }
    return nil
  }

  /// Where in the student's stubs the crash happened (`Exercises/3.2-…/File.swift:36`),
  /// read from the first backtrace frame in a file under `Exercises/`, if any.
  public var crashLocation: String? {
    for line in errorOutput.split(separator: "\n") {
      guard let at = line.range(of: " at "), let start = line.range(of: "/Exercises/") else {
        continue
      }
      guard at.upperBound <= start.lowerBound else { continue }
      // `…/Exercises/3.2-…/File.swift:36:8` → `Exercises/3.2-…/File.swift:36`
      let path = line[line.index(after: start.lowerBound)...].split(separator: " ")[0]
      let parts = path.split(separator: ":")
      return parts.count >= 2 ? "\(parts[0]):\(parts[1])" : String(path)
    }
    return nil
  }
}

/// Runs `executable` with `arguments`, kills it after `timeout` seconds, and returns what
/// it printed and how it ended.
///
/// The child inherits the environment plus `extraEnvironment`, and runs in `directory`
/// (default: the current directory).
/// - Throws: when the process cannot be started (missing file, no permission).
public func runChild(
  _ executable: URL, arguments: [String], timeout: Double,
  extraEnvironment: [String: String] = [:], directory: URL? = nil
) throws -> ChildResult {
  let temporary = FileManager.default.temporaryDirectory
  let token = UUID().uuidString
  let outURL = temporary.appendingPathComponent("exercises-\(token).out")
  let errURL = temporary.appendingPathComponent("exercises-\(token).err")
  try Data().write(to: outURL)
  try Data().write(to: errURL)
  defer {
    try? FileManager.default.removeItem(at: outURL)
    try? FileManager.default.removeItem(at: errURL)
  }
  let outHandle = try FileHandle(forWritingTo: outURL)
  let errHandle = try FileHandle(forWritingTo: errURL)

  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  process.environment = ProcessInfo.processInfo.environment.merging(extraEnvironment) { $1 }
  process.standardOutput = outHandle
  process.standardError = errHandle
  let finished = DispatchSemaphore(value: 0)
  process.terminationHandler = { _ in finished.signal() }
  try process.run()

  var timedOut = false
  if finished.wait(timeout: .now() + timeout) == .timedOut {
    timedOut = true
    process.terminate()  // SIGTERM first, so the child can exit on its own terms
    if finished.wait(timeout: .now() + 2) == .timedOut {
      kill(process.processIdentifier, SIGKILL)
      finished.wait()
    }
  }
  try? outHandle.close()
  try? errHandle.close()

  let termination: ChildTermination
  if timedOut {
    termination = .timedOut(seconds: timeout)
  } else if process.terminationReason == .uncaughtSignal {
    termination = .signalled(process.terminationStatus)
  } else {
    termination = .exited(process.terminationStatus)
  }
  let read = { (url: URL) in
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }
  return ChildResult(termination: termination, output: read(outURL), errorOutput: read(errURL))
}

/// The path of the running executable, so the tool can start copies of itself.
public func currentExecutableURL() -> URL {
  #if os(Linux)
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return URL(fileURLWithPath: path)
    }
  #endif
  if let url = Bundle.main.executableURL { return url }
  return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
}
