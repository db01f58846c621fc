import ArgumentParser
import Foundation
import NumericsCore

/// A chapter's command: a `ParsableCommand` whose errors are one line on stderr.
///
/// ArgumentParser appends the usage block to an error, which buries the one sentence a
/// student needs ("--logits: 'x' is not a number"). Conforming to `ChapterCommand` instead
/// of `ParsableCommand` keeps ArgumentParser's parsing, help and exit codes (64 for bad
/// input, 0 for `--help`) but prints errors as `Error: <message>` on one line.
public protocol ChapterCommand: ParsableCommand {}

extension ChapterCommand {
  /// Parses the command line, runs the command, and reports any error as one line.
  ///
  /// First it tunes malloc for large matrices (`AllocatorTuning`): a process-wide change
  /// that only the executable may make. If it does not take effect the chapter still runs,
  /// with the same numbers, only slower; a refusal is noted on stderr.
  public static func main() {
    if case .rejected(let setting) = AllocatorTuning.keepLargeMatrixStorage() {
      FileHandle.standardError.write(
        Data("note: malloc refused \(setting); training runs slower, results are the same\n".utf8))
    }
    do {
      var command = try parseAsRoot()
      try command.run()
      try flushStandardOutput()
    } catch {
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }  // --help, --version
      // ArgumentParser lists choices on separate lines; fold them into the one line.
      let text = message(for: error).split(whereSeparator: \.isWhitespace).joined(separator: " ")
      FileHandle.standardError.write(Data("Error: \(text)\n".utf8))
      Foundation.exit(code.rawValue)
    }
  }
}
