// `exercises`: the student's progress tool, in the spirit of rustlings.
//
//   exercises                  progress per chapter, a bar, and the next exercise to do
//   exercises check [ID]       run one exercise's check, a chapter's, or all of them
//   exercises hint ID [TIER]   the next hint (or a given tier)
//   exercises list             every exercise with its last known status and file
//
// Every check runs in a child process of this same binary (`exercises run-one ID`, a
// hidden subcommand) with a time limit, so a crash or an endless loop in one exercise is
// reported as that exercise's failure and the others still run.

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
      StatusCommand.self, CheckCommand.self, HintCommand.self, ListCommand.self,
      RunOneCommand.self,
    ],
    defaultSubcommand: StatusCommand.self)
}

/// Options shared by the commands that run checks.
struct CheckOptions: ParsableArguments {
  @Option(help: "Seconds before a check is stopped and reported as timed out.")
  var timeout: Double = 20

  func validate() throws {
    guard timeout > 0, timeout.isFinite else {
      throw ValidationError("--timeout must be a positive number of seconds, got \(timeout)")
    }
  }
}
