// `exercises reset ID`: restore one stub from git, after asking (or with --yes).

import ArgumentParser
import ExerciseKit
import Foundation

struct ResetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reset",
    abstract: "Restore one exercise's stub from git (your solution in it is lost).")

  @Argument(help: "The exercise whose stub to restore, e.g. 3.2.1.")
  var id: String

  @Flag(name: .shortAndLong, help: "Do not ask for confirmation.")
  var yes = false

  func run() throws {
    let context = ToolContext()
    let exercise = try context.exercise(for: id)
    guard let root = context.root else {
      printError("error: no Package.swift above the current directory; run inside the course")
      throw ExitCode(1)
    }
    if !yes {
      print(
        "Restore \(exercise.stub) from git? Your solution in it is lost. [y/N] ", terminator: "")
      let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
      guard answer == "y" || answer == "yes" else {
        print("Left \(exercise.stub) as it is.")
        return
      }
    }
    let result = try runChild(
      URL(fileURLWithPath: "/usr/bin/env"), arguments: ["git", "checkout", "--", exercise.stub],
      timeout: 60, directory: root)
    guard result.termination == .exited(0) else {
      printError(
        "error: git checkout -- \(exercise.stub) failed: "
          + result.errorOutput.trimmingCharacters(in: .whitespacesAndNewlines))
      throw ExitCode(1)
    }
    var progress = context.loadProgress()
    progress[exercise.id].status = nil
    progress[exercise.id].detail = nil
    context.save(progress)
    print("Restored \(exercise.stub); \(exercise.id) is not attempted again.")
  }
}
