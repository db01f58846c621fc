import Foundation

/// The chapters running right now, so that Ctrl-C (SIGINT) or SIGTERM stops them too.
///
/// Each chapter is spawned in its own process group, with every signal unblocked and at its
/// default action (`posix_spawn` with SETPGROUP, SETSIGMASK and SETSIGDEF: Foundation's
/// `Process` sometimes hands children a mask that blocks SIGTERM, so they could not be
/// stopped). The terminal's Ctrl-C reaches only `course`; on SIGINT or SIGTERM `course` sends
/// SIGTERM to each child's group, waits briefly, sends SIGKILL to what is left, removes its
/// temporary logs and exits with 128 + the signal number, as a shell does.
final class RunningChildren: @unchecked Sendable {
  private let lock = NSLock()
  private var children: Set<pid_t> = []
  private var signalSources: [DispatchSourceSignal] = []
  private var stopping = false
  /// Removed on a signal (the temporary log folder).
  var cleanup: (() -> Void)?

  /// Spawns `executable` with `arguments`, stdout and stderr to the given descriptors, and
  /// records it. Refuses once a signal arrived.
  /// - Throws: `POSIXError` when the program cannot be started.
  func spawn(
    _ executable: String, _ arguments: [String], stdout: Int32, stderr: Int32
  ) throws -> pid_t {
    lock.lock()
    defer { lock.unlock() }
    guard !stopping else { throw POSIXError(.ECANCELED) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
    children.insert(pid)
    return pid
  }

  func forget(_ pid: pid_t) {
    lock.lock()
    children.remove(pid)
    lock.unlock()
  }

  /// Stops one child and its process group: SIGTERM, then SIGKILL after `grace` seconds.
  /// Returns once it is gone (or reaped by its own waiter).
  func stop(_ pid: pid_t, grace: Double = 5) {
    guard pid > 0 else { return }
    kill(-pid, SIGTERM)
    let deadline = Date().addingTimeInterval(grace)
    while kill(pid, 0) == 0 && !isZombie(pid) && Date() < deadline { usleep(50_000) }
    if kill(pid, 0) == 0 { kill(-pid, SIGKILL) }
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
    let running = Array(children)
    lock.unlock()
    FileHandle.standardError.write(
      Data("\ncourse: stopping \(running.count) running chapter(s)\n".utf8))
    for pid in running {
      stop(pid, grace: 3)
      var status: Int32 = 0
      waitpid(pid, &status, 0)  // reap it: exiting now would leave a zombie behind
    }
    cleanup?()
    exit(128 + signalNumber)
  }
}

/// True when `pid` has exited but not been reaped yet (state Z in /proc).
private func isZombie(_ pid: pid_t) -> Bool {
  guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
    let close = status.lastIndex(of: ")")
  else { return false }
  return status[status.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix(
    "Z")
}

/// The one registry of `course`'s children.
let runningChildren = RunningChildren()
