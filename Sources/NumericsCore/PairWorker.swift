import CElementKernels
import Dispatch

// Two-way parallel loops on one persistent worker thread (`pair_worker.c`).
//
// A training step of the course's small networks runs a dozen products of 20–70 µs each
// back to back. Handing half of each to a Dispatch pool thread costs a wake-up every time;
// the pair worker spins for 200 µs after each task, so within a step it is awake, and it
// sleeps when the program stops sharing work. Measured in `bench` (2026-12-01, idle, two
// runs): the GAN step on two threads took 0.505 and 0.524 ms this way, 0.641 and 0.685 ms
// with Dispatch (its "Dispatch instead of the pair worker" row), 0.60 ms on one thread.

/// Runs `body(0)` on the calling thread and `body(1)` on the pair worker at the same time,
/// and returns when both have returned. If the worker is taken (another thread is using
/// it, or `body` itself calls `runOnPair`), both run on the caller one after the other, so
/// `body` must give the same result whichever thread runs which part (split work by a
/// shared counter or by part index, never by timing).
public func runOnPair(_ body: (_ part: Int) -> Void) {
  withoutActuallyEscaping(body) { body in
    if pair_worker_enabled() == 0 {
      let shared = PairBody(body: body)
      DispatchQueue.concurrentPerform(iterations: 2) { shared.body($0) }
      return
    }
    var box = PairBody(body: body)
    withUnsafeMutablePointer(to: &box) { pointer in
      _ = pair_worker_run(
        { context, part in
          context!.assumingMemoryBound(to: PairBody.self).pointee.body(Int(part))
        }, pointer)
    }
  }
}

/// Sends `runOnPair` to the pair worker (`true`, the default) or to Dispatch's
/// `concurrentPerform` (`false`): the same results either way; for `bench`'s same-process
/// comparisons.
public func setPairWorker(enabled: Bool) {
  pair_worker_set_enabled(enabled ? 1 : 0)
}

/// Runs `body` with `runOnPair` on Dispatch, then restores the pair worker.
public func withoutPairWorker<T>(_ body: () throws -> T) rethrows -> T {
  let wasEnabled = pair_worker_enabled() != 0
  setPairWorker(enabled: false)
  defer { setPairWorker(enabled: wasEnabled) }
  return try body()
}

/// Jobs offered to the pair worker so far, and how many of them it ran (the rest ran on
/// their callers).
public func pairWorkerCounts() -> (offered: Int, taken: Int) {
  var (offered, taken) = (0, 0)
  pair_worker_counts(&offered, &taken)
  return (offered, taken)
}

/// The body of one `runOnPair` call, read by both threads through a pointer. Unchecked:
/// the parts write disjoint memory and `pair_worker_run` returns only when both are done.
private struct PairBody: @unchecked Sendable {
  let body: (Int) -> Void
}
