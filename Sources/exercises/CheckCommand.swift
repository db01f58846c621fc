// `exercises check [ID]`: run checks in child processes and explain every failure.

import ArgumentParser
import ExerciseKit

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check one exercise (3.2.1), a chapter (3.2), or all of them.",
    discussion: """
      Exits with status 1 when a checked exercise is failing, crashed or timed out \
      (not attempted is not an error).
      """)

  @Argument(help: "An exercise (3.2.1) or a chapter (3.2); all exercises when omitted.")
  var id: String?

  @OptionGroup var options: CheckOptions

  func run() throws {
    let context = ToolContext()
    let style = context.style
    let exercises = try context.exercises(for: id)
    let statuses = context.runChecks(exercises, timeout: options.timeout) { exercise, status in
      print(
        "\(context.mark(status)) \(style.bold(exercise.id)) \(exercise.title): "
          + context.label(status))
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
      }
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
