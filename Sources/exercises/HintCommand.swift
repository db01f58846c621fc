// `exercises hint ID [TIER]`: hints come in tiers, from a nudge to nearly the answer.

import ArgumentParser
import ExerciseKit

struct HintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hint",
    abstract: "Show the next hint for an exercise (or the given tier).")

  @Argument(help: "The exercise, e.g. 3.2.1.")
  var id: String

  @Argument(help: "The tier to show (1 = a nudge, the last = nearly the answer).")
  var tier: Int?

  func run() throws {
    let context = ToolContext()
    let exercise = try context.exercise(for: id)
    let count = exercise.hints.count
    var progress = context.loadProgress()
    let shown = progress[exercise.id].hintsShown
    if let tier, !(1...count).contains(tier) {
      throw ValidationError("\(exercise.id) has hints 1 to \(count), not \(tier)")
    }
    let chosen = tier ?? min(shown + 1, count)
    print(context.style.bold("\(exercise.id) \(exercise.title): hint \(chosen) of \(count)"))
    print(wrapped(exercise.hints[chosen - 1], width: 88))
    if chosen == count {
      print(context.style.dim("(that is the last hint)"))
    } else {
      print(context.style.dim("(next: swift run exercises hint \(exercise.id))"))
    }
    progress[exercise.id].hintsShown = max(shown, chosen)
    context.save(progress)
  }
}

/// Wraps prose lines at `width` columns; indented lines (code) are left as they are.
func wrapped(_ text: String, width: Int) -> String {
  text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
    guard !line.hasPrefix(" ") else { return String(line) }
    var lines: [String] = []
    var current = ""
    for word in line.split(separator: " ") {
      if !current.isEmpty && current.count + 1 + word.count > width {
        lines.append(current)
        current = ""
      }
      current += (current.isEmpty ? "" : " ") + word
    }
    lines.append(current)
    return lines.joined(separator: "\n")
  }.joined(separator: "\n")
}
