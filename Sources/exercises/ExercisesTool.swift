// `exercises`: the student's progress tool, in the spirit of rustlings.
//
//   exercises                  progress per chapter, a bar, and the next exercise to do
//   exercises check [ID …]     run exercises' checks (ids or chapters), or all of them
//   exercises watch            check the next unfinished exercise whenever Exercises/ changes
//   exercises reset ID         restore one stub from git (asks first)
//   exercises hint ID [TIER]   the next hint (or a given tier)
//   exercises list             every exercise with its last known status and file
//
// Every check runs in a child process, the chapter's check runner (`exercise-check-3.2
// run-one 3.2.1`, built first with `swift build --product exercise-check-3.2`), with a time
// limit, so a crash or an endless loop in one exercise is reported as that exercise's
// failure, and a file that does not compile costs its chapter only. This tool never links
// the student's code, so it always builds.

import ArgumentParser
import ExerciseKit

@main
struct ExercisesTool: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exercises",
    abstract: "Your progress through the course exercises, their checks and hints.",
    discussion: """
      Edit a stub in Exercises/<chapter>/, then run `swift run exercises` (or \
      `swift run exercises check 3.2.1`). Progress and hint state live in \
      .exercises-progress.json at the package root (git-ignored).
      """,
    subcommands: [
      StatusCommand.self, CheckCommand.self, WatchCommand.self, HintCommand.self,
      ListCommand.self, ResetCommand.self,
    ],
    defaultSubcommand: StatusCommand.self)
}

/// Options shared by the commands that run checks.
struct CheckOptions: ParsableArguments {
  @Option(help: "Seconds before a check is stopped and reported as timed out.")
  var timeout: Double = 20

  @Flag(help: "Use the check runners already built next to this tool (do not run swift build).")
  var noBuild = false

  func validate() throws {
    guard timeout > 0, timeout.isFinite else {
      throw ValidationError("--timeout must be a positive number of seconds, got \(timeout)")
    }
  }
}
