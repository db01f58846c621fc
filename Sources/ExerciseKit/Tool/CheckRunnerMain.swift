// What a chapter's check runner (`exercise-check-3.2`) does with its command line:
//
//   exercise-check-3.2 run-one 3.2.1   check one exercise; print its verdict line last
//   exercise-check-3.2 solved          print the ids whose stub holds a solution
//
// Whatever the student's code prints goes to standard output before the verdict line; the
// parent shows its tail under the verdict.

import Foundation

/// The entry point of every chapter's check runner.
public enum ExerciseCheckRunner {
  /// The marker in front of the line listing solved stubs.
  public static let solvedMarker = "EXERCISES-SOLVED "

  /// Runs the command in `CommandLine.arguments` on `bindings` and exits.
  public static func main(chapter: String, _ bindings: [StudentBinding]) -> Never {
    let arguments = Array(CommandLine.arguments.dropFirst())
    switch (arguments.first, arguments.count) {
    case ("run-one", 2):
      guard let binding = bindings.first(where: { $0.id == arguments[1] }) else {
        fail("exercise-check-\(chapter): no exercise \(arguments[1]) in chapter \(chapter)")
      }
      let verdict = binding.verdict()
      do {
        print(try verdictLine(verdict))
      } catch {
        fail("exercise-check-\(chapter): could not encode the verdict: \(error)")
      }
      exit(0)
    case ("solved", 1):
      let solved = bindings.filter { !$0.isUnattempted() }.map(\.id)
      print(solvedMarker + solved.joined(separator: " "))
      exit(0)
    default:
      fail("usage: exercise-check-\(chapter) run-one ID | solved")
    }
  }

  private static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(64)
  }
}
