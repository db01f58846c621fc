// One exercise's check, run in a child process of the tool (`exercises run-one ID`).
//
// The child prints its verdict as one line of JSON behind a marker, so that anything the
// student's code prints on standard output does not confuse the parent. A child that
// dies (a trap: index out of range, precondition, force-unwrap of nil) or runs past the
// time limit is reported as that exercise's failure; the other exercises still run.

import Foundation

/// What the tool reports for one exercise.
public enum ExerciseStatus: Sendable, Equatable {
  /// Every case passes.
  case done
  /// The stub has not been touched.
  case notAttempted
  /// A case fails.
  case failing(Failure)
  /// The check process crashed: the description says how (`crashed (signal 4): Fatal
  /// error: Index out of range`).
  case crashed(String)
  /// The check ran longer than the limit.
  case timedOut(seconds: Double)
  /// The chapter's files do not compile, so this exercise could not be checked; the
  /// description says so (the compiler's messages are printed once per chapter).
  case notCompiled(String)

  /// One word or two: `done`, `failing`, `not attempted`, `crashed`, `timed out`.
  public var label: String {
    switch self {
    case .done: return "done"
    case .notAttempted: return "not attempted"
    case .failing: return "failing"
    case .crashed: return "crashed"
    case .timedOut: return "timed out"
    case .notCompiled: return "does not compile"
    }
  }

  /// The one-line explanation for anything but done and not attempted.
  public var detail: String? {
    switch self {
    case .done, .notAttempted: return nil
    case .failing(let failure): return failure.summary
    case .crashed(let description): return description
    case .timedOut(let seconds):
      return "timed out after \(formatted(seconds)) s (an endless loop?)"
    case .notCompiled(let description): return description
    }
  }

  /// True for done.
  public var isDone: Bool { self == .done }

  /// True for failing, crashed and timed out: the student's code ran and is wrong.
  public var isProblem: Bool {
    switch self {
    case .done, .notAttempted: return false
    case .failing, .crashed, .timedOut, .notCompiled: return true
    }
  }

  /// The status of a verdict computed in-process.
  public init(_ verdict: Verdict) {
    switch verdict {
    case .done: self = .done
    case .notAttempted: self = .notAttempted
    case .failing(let failure): self = .failing(failure)
    }
  }
}

/// The marker in front of the verdict line a child prints.
public let verdictMarker = "EXERCISE-VERDICT "

/// The line a child prints for `verdict`.
public func verdictLine(_ verdict: Verdict) throws -> String {
  let data = try JSONEncoder().encode(verdict)
  return verdictMarker + String(decoding: data, as: UTF8.self)
}

/// Reads the verdict line back out of a child's output; nil when there is none.
public func parseVerdict(from output: String) -> Verdict? {
  guard
    let line = output.split(separator: "\n").last(where: { $0.hasPrefix(verdictMarker) })
  else { return nil }
  return try? JSONDecoder().decode(
    Verdict.self, from: Data(line.dropFirst(verdictMarker.count).utf8))
}

/// Runs `executable run-one id` (the chapter's check runner) with a time limit and turns
/// the outcome into a status and the tail of what the student's code printed.
public func checkInChildProcess(
  _ id: String, executable: URL, timeout: Double
) -> (status: ExerciseStatus, printed: [String]) {
  let result: ChildResult
  do {
    // Swift's crash backtrace names the line in the student's file; never let it wait
    // for input (it does that on a terminal) or print colour into the captured output.
    result = try runChild(
      executable, arguments: ["run-one", id], timeout: timeout,
      extraEnvironment: ["SWIFT_BACKTRACE": "interactive=no,color=no"])
  } catch {
    return (.crashed("could not start the check process \(executable.path): \(error)"), [])
  }
  return (status(of: result), printedTail(of: result.output))
}

/// The last `lines` lines the student's code printed (the verdict line removed), each cut
/// to `width` characters: enough to debug by printing, never a flood.
public func printedTail(of output: String, lines: Int = 20, width: Int = 200) -> [String] {
  let printed = output.split(separator: "\n", omittingEmptySubsequences: false)
    .filter { !$0.hasPrefix(verdictMarker) }.map(String.init)
  var trimmed = Array(printed.reversed().drop { $0.isEmpty }.reversed())
  let hidden = max(0, trimmed.count - lines)
  trimmed = trimmed.suffix(lines).map { $0.count > width ? String($0.prefix(width)) + "…" : $0 }
  return hidden > 0 ? ["… (\(hidden) earlier lines not shown)"] + trimmed : trimmed
}

/// The status a finished child process stands for.
public func status(of result: ChildResult) -> ExerciseStatus {
  let location = result.crashLocation.map { " at \($0)" } ?? ""
  let reason = location + (result.crashReason.map { ": \($0)" } ?? "")
  switch result.termination {
  case .timedOut(let seconds):
    return .timedOut(seconds: seconds)
  case .signalled(let signal):
    return .crashed("crashed (signal \(signal))\(reason)")
  case .exited(let code):
    if code == 0, let verdict = parseVerdict(from: result.output) {
      return ExerciseStatus(verdict)
    }
    return .crashed("crashed (exit status \(code))\(reason)")
  }
}
