// `exercises run-one ID` (hidden): what a child process runs. It checks the student's
// function in this process and prints the verdict as one JSON line behind a marker; if
// the student's code traps, this process dies and the parent reports the crash.

import ArgumentParser
import ExerciseKit

struct RunOneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run-one", abstract: "Check one exercise in this process (internal).",
    shouldDisplay: false)

  @Argument(help: "The exercise, e.g. 3.2.1.")
  var id: String

  func run() throws {
    let exercise = try ToolContext().exercise(for: id)
    print(try verdictLine(exercise.checkStudentsWork()))
  }
}
