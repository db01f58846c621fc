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

  /// The exercises identifiers name: exercises (`3.2.1`), chapters (`3.2`), in course order
  /// without repeats; all of them when there are none.
  /// - Throws: `ExitCode(64)` after printing the closest identifier, when one names nothing.
  func exercises(for ids: [String]) throws -> [Exercise] {
    guard !ids.isEmpty else { return ExerciseRegistry.all }
    var chosen = Set<String>()
    for id in ids {
      if let exercise = ExerciseRegistry.exercise(id) {
        chosen.insert(exercise.id)
      } else if let chapter = ExerciseRegistry.chapters.first(where: { $0.id == id }) {
        chosen.formUnion(ExerciseRegistry.exercises(in: chapter).map(\.id))
      } else {
        throw unknown(
          id, among: ExerciseRegistry.all.map(\.id) + ExerciseRegistry.chapters.map(\.id))
      }
    }
    return ExerciseRegistry.all.filter { chosen.contains($0.id) }
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

  /// Runs the checks of `exercises`: builds each chapter's check runner once (printing
  /// each compiler message once; a chapter that does not compile marks its exercises "does
  /// not compile" and the others still run), then checks each exercise in a child process.
  /// Records the results in the progress file and returns them; `report` is called as each
  /// one finishes, with the tail of what the student's code printed.
  func runChecks(
    _ exercises: [Exercise], options: CheckOptions,
    report: (Exercise, ExerciseStatus, [String]) -> Void = { _, _, _ in }
  ) -> [ExerciseStatus] {
    let binDirectory = currentExecutableURL().deletingLastPathComponent()
    var progress = loadProgress()
    var runners: [String: URL] = [:]
    var broken: [String: String] = [:]
    for chapter in ExerciseRegistry.chapters
    where exercises.contains(where: { $0.chapterID == chapter.id }) {
      let build = buildCheckRunner(
        chapter: chapter.id, root: root ?? binDirectory, binDirectory: binDirectory,
        build: !options.noBuild && root != nil)
      if !build.messages.isEmpty {
        let verb = build.runner == nil ? "does not compile" : "compiles with warnings"
        printError("\(chapter.id) \(chapter.title) (\(chapter.directory)) \(verb):")
        for message in build.messages { printError("  " + message) }
      }
      if let runner = build.runner {
        runners[chapter.id] = runner
      } else {
        broken[chapter.id] =
          "could not be checked: the files of chapter \(chapter.id) do not compile "
          + "(the compiler's messages are above)"
      }
    }
    let statuses = exercises.map { exercise in
      let (status, printed): (ExerciseStatus, [String])
      if let runner = runners[exercise.chapterID] {
        (status, printed) = checkInChildProcess(
          exercise.id, executable: runner, timeout: options.timeout)
      } else {
        (status, printed) = (.notCompiled(broken[exercise.chapterID] ?? "not built"), [])
      }
      progress[exercise.id].status = status.label
      progress[exercise.id].detail = status.detail
      report(exercise, status, printed)
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
    case .failing, .crashed, .timedOut, .notCompiled: return style.red("✗")
    }
  }

  /// The status label, coloured.
  func label(_ status: ExerciseStatus) -> String {
    switch status {
    case .done: return style.green(status.label)
    case .notAttempted: return style.dim(status.label)
    case .failing, .crashed, .timedOut, .notCompiled: return style.red(status.label)
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
