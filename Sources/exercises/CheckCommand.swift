// `exercises check [ID …]`: run checks in child processes and explain every failure.

import ArgumentParser
import ExerciseKit

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check exercises (3.2.1 3.3.4), chapters (3.2), or all of them.",
    discussion: """
      Exits with status 1 when a checked exercise is failing, crashed or timed out \
      (not attempted is not an error).
      """)

  @Argument(help: "Exercises (3.2.1) or chapters (3.2); all exercises when omitted.")
  var ids: [String] = []

  @OptionGroup var options: CheckOptions

  func run() throws {
    let context = ToolContext()
    let exercises = try context.exercises(for: ids)
    let statuses = context.runChecks(exercises, options: options) { exercise, status, printed in
      context.printVerdict(exercise, status, printed: printed)
    }
    if exercises.count > 1 {
      let count = { (label: String) in statuses.filter { $0.label == label }.count }
      let problems = statuses.filter(\.isProblem).count
      print("")
      print(
        "\(count("done")) done, \(problems) failing, \(count("not attempted")) not attempted "
          + "(of \(exercises.count))")
    }
    if statuses.contains(where: \.isProblem) { throw ExitCode(1) }
  }
}

extension ToolContext {
  /// The verdict of one exercise, what to do next, and the tail of what it printed.
  func printVerdict(_ exercise: Exercise, _ status: ExerciseStatus, printed: [String]) {
    print(
      "\(mark(status)) \(style.bold(exercise.id)) \(exercise.title): " + label(status))
    switch status {
    case .done:
      print("    compare with the reference: \(exercise.reference)")
    case .notAttempted:
      print("    \(exercise.id) not attempted yet: open \(exercise.stub)")
    case .failing(let failure):
      for line in failure.lines { print("    " + line) }
    case .crashed, .timedOut:
      print("    " + (status.detail ?? ""))
      print("    (the other exercises still run; this one's process did not finish)")
    case .notCompiled(let reason):
      print("    " + reason)
    }
    if status.isProblem {
      print(style.dim("    stuck? swift run exercises hint \(exercise.id)"))
    }
    if !printed.isEmpty {
      print(style.dim("    your code printed:"))
      for line in printed { print(style.dim("    │ ") + line) }
    }
  }
}
