import Foundation

/// The chapters running right now, so that Ctrl-C (SIGINT) or SIGTERM stops them too.
///
/// Each chapter is started in its own process group (Foundation's `Process` does that), so
/// the terminal's Ctrl-C reaches only `course`; without forwarding, every running chapter
/// would be left behind as an orphan. On a signal, `course` sends SIGTERM to each child's
/// group, waits briefly, sends SIGKILL to what is left, removes its temporary logs and exits
/// with 128 + the signal number, as a shell does.
final class RunningChildren: @unchecked Sendable {
  private let lock = NSLock()
  private var processes: [ObjectIdentifier: Process] = [:]
  private var signalSources: [DispatchSourceSignal] = []
  private var stopping = false
  /// Removed on a signal (the temporary log folder).
  var cleanup: (() -> Void)?

  /// Starts `process` and records it; refuses to start once a signal arrived.
  func start(_ process: Process) throws {
    lock.lock()
    defer { lock.unlock() }
    guard !stopping else { throw CocoaError(.userCancelled) }
    try process.run()
    processes[ObjectIdentifier(process)] = process
  }

  func forget(_ process: Process) {
    lock.lock()
    processes[ObjectIdentifier(process)] = nil
    lock.unlock()
  }

  /// Stops one child and its process group: SIGTERM, then SIGKILL after `grace` seconds.
  func stop(_ process: Process, grace: Double = 5) {
    let pid = process.processIdentifier
    guard pid > 0 else { return }
    kill(-pid, SIGTERM)
    kill(pid, SIGTERM)
    let deadline = Date().addingTimeInterval(grace)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    if process.isRunning {
      kill(-pid, SIGKILL)
      kill(pid, SIGKILL)
    }
  }

  /// Installs the SIGINT and SIGTERM handlers.
  func forwardSignals() {
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(
        signal: signalNumber, queue: .global(qos: .userInitiated))
      source.setEventHandler { [self] in stopAll(signal: signalNumber) }
      source.resume()
      signalSources.append(source)
    }
  }

  private func stopAll(signal signalNumber: Int32) {
    lock.lock()
    stopping = true
    let running = Array(processes.values)
    lock.unlock()
    FileHandle.standardError.write(
      Data("\ncourse: stopping \(running.count) running chapter(s)\n".utf8))
    for process in running { stop(process, grace: 3) }
    cleanup?()
    exit(128 + signalNumber)
  }
}

/// The one registry of `course`'s children.
let runningChildren = RunningChildren()
