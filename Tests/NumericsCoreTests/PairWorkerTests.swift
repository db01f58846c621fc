import Dispatch
import Synchronization
import XCTest

@testable import NumericsCore

/// `runOnPair`: each part runs exactly once, on two threads or (when the worker is taken
/// or late) both on the caller, and the caller returns only after both parts are done.
final class PairWorkerTests: XCTestCase {
  /// Many back-to-back calls (the worker awake) and calls after a pause (the worker asleep):
  /// every call runs part 0 and part 1 once each, and the caller sees both parts' writes.
  func testEveryPartRunsOnceAndIsVisible() {
    let calls = 2000
    let counts = Counters(2 * calls)
    for call in 0..<calls {
      if call % 500 == 499 { usleep(1000) }  // longer than the 200 µs spin: the worker sleeps
      runOnPair { part in counts.add(at: 2 * call + part) }
      XCTAssertEqual(counts.value(at: 2 * call), 1, "call \(call): part 0")
      XCTAssertEqual(counts.value(at: 2 * call + 1), 1, "call \(call): part 1")
    }
  }

  /// The two parts run at the same time when the worker is free: part 0 waits (at most
  /// 2 ms) for part 1 to start. A worker that does not start in time is legal (part 1 then
  /// runs on the caller), so the test asserts only that some of 200 calls overlapped and
  /// that the offered/taken counts moved accordingly.
  func testPartsOverlapWhenTheWorkerIsFree() {
    let flag = Counters(1)
    let before = pairWorkerCounts()
    var overlapped = 0
    for _ in 0..<200 {
      flag.set(0, at: 0)
      var sawPartner = false
      runOnPair { part in
        if part == 1 {
          flag.set(1, at: 0)
        } else {
          let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000
          while flag.value(at: 0) == 0 && DispatchTime.now().uptimeNanoseconds < deadline {}
          sawPartner = flag.value(at: 0) == 1
        }
      }
      if sawPartner { overlapped += 1 }
      XCTAssertEqual(flag.value(at: 0), 1)
    }
    let after = pairWorkerCounts()
    XCTAssertGreaterThan(overlapped, 0, "the pair worker never ran a part")
    XCTAssertGreaterThanOrEqual(after.taken - before.taken, overlapped)
    XCTAssertLessThanOrEqual(after.taken - before.taken, after.offered - before.offered)
  }

  /// A part that calls `runOnPair` again, and four threads calling at once: every inner
  /// part runs exactly once.
  func testNestedAndConcurrentCallsRunEveryPart() {
    let counts = Counters(4 * 4)
    DispatchQueue.concurrentPerform(iterations: 4) { caller in
      for _ in 0..<100 {
        runOnPair { outer in
          runOnPair { inner in counts.add(at: caller * 4 + outer * 2 + inner) }
        }
      }
    }
    for i in 0..<16 { XCTAssertEqual(counts.value(at: i), 100, "caller \(i / 4), parts \(i % 4)") }
  }
}

/// Atomic counters the parts write from either thread.
private final class Counters: Sendable {
  private let cells: [Cell]

  init(_ count: Int) {
    cells = (0..<count).map { _ in Cell() }
  }

  func add(at index: Int) { cells[index].value.add(1, ordering: .sequentiallyConsistent) }

  func set(_ value: Int, at index: Int) {
    cells[index].value.store(value, ordering: .sequentiallyConsistent)
  }

  func value(at index: Int) -> Int { cells[index].value.load(ordering: .sequentiallyConsistent) }
}

/// One atomic integer (an `Atomic` cannot be copied into an array).
private final class Cell: Sendable {
  let value = Atomic<Int>(0)
}
