// What every command needs: the package root, the progress file, colour, and turning a
// command-line identifier into exercises (or a helpful error).

import ArgumentParser
import ExerciseKit
import Foundation

struct ToolContext {
  /// The folder holding Package.swift, if the tool runs inside the course.
  let root: URL?
  /// Colour on a terminal, plain otherwise.
  let style = Style.forStandardOutput()

  init() {
    root = findPackageRoot(
      from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
  }

  private var progressURL: URL? {
    root?.appendingPathComponent(ProgressFile.fileName)
  }

  func loadProgress() -> ProgressFile {
    progressURL.map(ProgressFile.load(from:)) ?? ProgressFile()
  }

  /// Saves progress; a failure is a warning, never a reason to stop.
  func save(_ progress: ProgressFile) {
    guard let url = progressURL else {
      printError(
        "warning: no Package.swift above the current directory; progress is not saved "
          + "(run exercises from inside the course folder)")
      return
    }
    do { try progress.save(to: url) } catch {
      printError("warning: could not save progress to \(url.path): \(error)")
    }
  }

  /// The exercises an identifier names: one exercise (`3.2.1`), a chapter (`3.2`), or,
  /// for nil, all of them.
  /// - Throws: `ExitCode(64)` after printing the closest identifier, when it names nothing.
  func exercises(for id: String?) throws -> [Exercise] {
    guard let id else { return ExerciseRegistry.all }
    if let exercise = ExerciseRegistry.exercise(id) { return [exercise] }
    if let chapter = ExerciseRegistry.chapters.first(where: { $0.id == id }) {
      return ExerciseRegistry.exercises(in: chapter)
    }
    throw unknown(id, among: ExerciseRegistry.all.map(\.id) + ExerciseRegistry.chapters.map(\.id))
  }

  /// The one exercise an identifier names.
  /// - Throws: `ExitCode(64)` after printing the closest identifier.
  func exercise(for id: String) throws -> Exercise {
    if let exercise = ExerciseRegistry.exercise(id) { return exercise }
    throw unknown(id, among: ExerciseRegistry.all.map(\.id))
  }

  private func unknown(_ id: String, among candidates: [String]) -> ExitCode {
    var message = "error: unknown exercise '\(id)'"
    if let suggestion = closest(to: id, among: candidates) {
      message += "; did you mean \(suggestion)?"
    }
    printError(message + " (`swift run exercises list` shows them all)")
    return ExitCode(64)
  }

  /// Runs the checks of `exercises`, each in a child process, records the results in the
  /// progress file and returns them; `report` is called as each one finishes.
  func runChecks(
    _ exercises: [Exercise], timeout: Double,
    report: (Exercise, ExerciseStatus) -> Void = { _, _ in }
  ) -> [ExerciseStatus] {
    let executable = currentExecutableURL()
    var progress = loadProgress()
    let statuses = exercises.map { exercise in
      let status = checkInChildProcess(exercise.id, executable: executable, timeout: timeout)
      progress[exercise.id].status = status.label
      progress[exercise.id].detail = status.detail
      report(exercise, status)
      return status
    }
    save(progress)
    return statuses
  }

  /// `✓`, `✗`, `·`, coloured.
  func mark(_ status: ExerciseStatus) -> String {
    switch status {
    case .done: return style.green("✓")
    case .notAttempted: return style.dim("·")
    case .failing, .crashed, .timedOut: return style.red("✗")
    }
  }

  /// The status label, coloured.
  func label(_ status: ExerciseStatus) -> String {
    switch status {
    case .done: return style.green(status.label)
    case .notAttempted: return style.dim(status.label)
    case .failing, .crashed, .timedOut: return style.red(status.label)
    }
  }
}

/// Prints a line to standard error.
func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Pads `text` with spaces to `width` characters.
func padded(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
