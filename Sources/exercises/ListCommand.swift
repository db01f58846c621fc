// `exercises list`: every exercise, its last known status and its file. Runs nothing.

import ArgumentParser
import ExerciseKit

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List every exercise with its last known status (from the last check) and file.")

  func run() throws {
    let context = ToolContext()
    let progress = context.loadProgress()
    for chapter in ExerciseRegistry.chapters {
      print(context.style.bold("\(chapter.id) \(chapter.title)") + "  (\(chapter.directory))")
      let members = ExerciseRegistry.exercises(in: chapter)
      let titleWidth = members.map(\.title.count).max() ?? 0
      for exercise in members {
        let entry = progress[exercise.id]
        let status = entry.status ?? "not checked yet"
        let hints = "hints \(entry.hintsShown)/\(exercise.hints.count)"
        print(
          "  \(padded(exercise.id, 7)) \(padded(exercise.title, titleWidth))  "
            + "\(padded(status, 15)) \(padded(hints, 10)) \(exercise.stub)")
        if status == "done" { print("          reference: \(exercise.reference)") }
      }
    }
  }
}
