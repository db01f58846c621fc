// `exercises` (the default): every check, progress per chapter, and what to do next.

import ArgumentParser
import ExerciseKit

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Check every exercise and show progress per chapter and the next one to do.")

  @OptionGroup var options: CheckOptions

  func run() throws {
    let context = ToolContext()
    let style = context.style
    let exercises = ExerciseRegistry.all
    let statuses = context.runChecks(exercises, options: options)
    let byID = Dictionary(uniqueKeysWithValues: zip(exercises.map(\.id), statuses))

    print(style.bold("Deep Learning Lab: exercises"))
    for chapter in ExerciseRegistry.chapters {
      let members = ExerciseRegistry.exercises(in: chapter)
      let done = members.filter { byID[$0.id]?.isDone == true }.count
      print("")
      print(
        style.bold("\(chapter.id) \(chapter.title)") + "  "
          + progressBar(done: done, total: members.count))
      let titleWidth = members.map(\.title.count).max() ?? 0
      for exercise in members {
        guard let status = byID[exercise.id] else { continue }
        print(
          "  \(context.mark(status)) \(padded(exercise.id, 7)) "
            + "\(padded(exercise.title, titleWidth))  \(context.label(status))")
        if let detail = status.detail { print("             " + style.dim(detail)) }
      }
    }

    let doneCount = statuses.filter(\.isDone).count
    print("")
    print("Overall " + progressBar(done: doneCount, total: exercises.count) + " done")
    guard let next = exercises.first(where: { byID[$0.id]?.isDone != true }) else {
      print(style.green("Every exercise is done. Well done!"))
      print("Compare your solutions with the references (listed by `swift run exercises list`).")
      return
    }
    print("Next: " + style.bold("\(next.id) \(next.title)"))
    print("  open   \(next.stub)")
    print("  check  swift run exercises check \(next.id)")
    print("  stuck? swift run exercises hint \(next.id)")
  }
}
