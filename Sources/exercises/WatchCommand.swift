// `exercises watch`: rustlings' loop. Check the next unfinished exercise, then wait; when a
// file under Exercises/ changes, check it again; when it passes, move on to the next.
// `q` (or Ctrl-C) quits and puts the terminal back as it was. Plain terminal only: the
// files' modification times are polled twice a second, the keyboard is read without
// waiting for Enter.

import ArgumentParser
import ExerciseKit
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Check the next unfinished exercise again whenever a file in Exercises/ changes.")

  @OptionGroup var options: CheckOptions

  func run() throws {
    let context = ToolContext()
    guard let root = context.root else {
      printError("error: no Package.swift above the current directory; run inside the course")
      throw ExitCode(1)
    }
    let folder = root.appendingPathComponent("Exercises")
    let keyboard = Keyboard()
    defer { keyboard.restore() }
    var index = 0
    var stamp = modificationStamp(of: folder)
    while index < ExerciseRegistry.all.count {
      let exercise = ExerciseRegistry.all[index]
      if isatty(STDOUT_FILENO) != 0 { print("\u{1B}[2J\u{1B}[H", terminator: "") }
      print(context.style.bold("exercises watch") + "  (q quits)\n")
      let status = context.runChecks([exercise], options: options) { exercise, status, printed in
        context.printVerdict(exercise, status, printed: printed)
      }[0]
      if status.isDone {
        print(context.style.green("\n\(exercise.id) passes: on to the next exercise."))
        index += 1
        continue
      }
      print("")
      print("  edit   \(exercise.stub)")
      print("  hint   swift run exercises hint \(exercise.id)")
      print(context.style.dim("Watching Exercises/ for changes… (q quits)"))
      // Wait for a change or a q.
      while true {
        if keyboard.pressed("q") {
          print("Bye.")
          return
        }
        let now = modificationStamp(of: folder)
        if now != stamp {
          stamp = now
          break
        }
      }
    }
    print(context.style.green("Every exercise is done. Well done!"))
  }
}

/// Every `.swift` file under `folder` with its modification time: any edit, new file or
/// removal changes it.
private func modificationStamp(of folder: URL) -> [String: Date] {
  var stamp: [String: Date] = [:]
  let keys: [URLResourceKey] = [.contentModificationDateKey]
  guard
    let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys)
  else { return stamp }
  for case let url as URL in files where url.pathExtension == "swift" {
    stamp[url.path] = (try? url.resourceValues(forKeys: Set(keys)))?.contentModificationDate
  }
  return stamp
}

/// The terminal's original settings, restored on exit and on Ctrl-C.
nonisolated(unsafe) private var originalTerminal = termios()
nonisolated(unsafe) private var terminalChanged = false

/// Reads single key presses without Enter (on a terminal); restores the terminal after.
private struct Keyboard {
  init() {
    guard isatty(STDIN_FILENO) != 0, tcgetattr(STDIN_FILENO, &originalTerminal) == 0 else {
      return
    }
    var raw = originalTerminal
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)  // keys arrive one by one; Ctrl-C still signals
    tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    terminalChanged = true
    signal(SIGINT) { _ in
      if terminalChanged { tcsetattr(STDIN_FILENO, TCSANOW, &originalTerminal) }
      let bye = "\nBye.\n"
      _ = bye.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
      _exit(0)
    }
  }

  /// Waits up to half a second for a key; true when it is `key`.
  func pressed(_ key: Character) -> Bool {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, 500) > 0 else { return false }
    var byte: UInt8 = 0
    guard read(STDIN_FILENO, &byte, 1) == 1 else {
      usleep(500_000)  // stdin closed (not a terminal): keep polling the files
      return false
    }
    return Character(UnicodeScalar(byte)) == key
  }

  func restore() {
    if terminalChanged { tcsetattr(STDIN_FILENO, TCSANOW, &originalTerminal) }
  }
}
