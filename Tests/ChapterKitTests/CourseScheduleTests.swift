import ChapterKit
import XCTest

private func chapter(_ name: String, _ seconds: Int, readsFrom: [String] = []) -> ChapterInfo {
  ChapterInfo(
    number: "0", executable: name, title: name, sourceTitle: name, folder: name,
    readsFrom: readsFrom, typicalSeconds: seconds)
}

/// Plays the schedule with `slots` slots and the given run times; returns the start order
/// and every chapter's start time (an event simulation written for the test).
private func simulate(
  _ chapters: [ChapterInfo], slots: Int
) -> (order: [String], start: [String: Int]) {
  let schedule = CourseSchedule(chapters)
  var started: Set<Int> = []
  var finished: Set<Int> = []
  var running: [(index: Int, end: Int)] = []
  var now = 0
  var order: [String] = []
  var start: [String: Int] = [:]
  while finished.count < chapters.count {
    while running.count < slots, let i = schedule.next(started: started, finished: finished) {
      started.insert(i)
      running.append((i, now + chapters[i].typicalSeconds))
      order.append(chapters[i].executable)
      start[chapters[i].executable] = now
    }
    let first = running.min { $0.end < $1.end }!
    now = first.end
    finished.insert(first.index)
    running.removeAll { $0.index == first.index }
  }
  return (order, start)
}

final class CourseScheduleTests: XCTestCase {
  func testLongestChainStartsFirstAndDependentsWait() {
    // Priorities by hand: a 10, b 3 + 8 = 11 (c reads b), c 8, d 1.
    let chapters = [
      chapter("a", 10), chapter("b", 3), chapter("c", 8, readsFrom: ["b"]), chapter("d", 1),
    ]
    XCTAssertEqual(CourseSchedule(chapters).priority, [10, 11, 8, 1])
    let (order, start) = simulate(chapters, slots: 2)
    XCTAssertEqual(order, ["b", "a", "c", "d"])
    // c may start only when b (0…3) has finished; d when a slot frees after that (a at 10).
    XCTAssertEqual(start["c"], 3)
    XCTAssertEqual(start["d"], 10)
  }

  func testNothingIsReadyWhileThePrerequisiteRuns() {
    let chapters = [chapter("s", 3), chapter("r", 300, readsFrom: ["s"])]
    let schedule = CourseSchedule(chapters)
    XCTAssertEqual(schedule.next(started: [], finished: []), 0)
    XCTAssertNil(schedule.next(started: [0], finished: []))
    XCTAssertEqual(schedule.next(started: [0], finished: [0]), 1)
    XCTAssertNil(schedule.next(started: [0, 1], finished: [0]))
  }

  func testAPrerequisiteOutsideTheRunIsIgnored() {
    let schedule = CourseSchedule([chapter("r", 300, readsFrom: ["s"])])
    XCTAssertEqual(schedule.prerequisites, [[]])
    XCTAssertEqual(schedule.next(started: [], finished: []), 0)
  }

  func testTheCatalogueRunsRNNAfterSequences() {
    let schedule = CourseSchedule(chapterCatalog)
    let names = chapterCatalog.map(\.executable)
    let rnn = names.firstIndex(of: "rnn")!
    let sequences = names.firstIndex(of: "sequences")!
    XCTAssertEqual(schedule.prerequisites[rnn], [sequences])
    XCTAssertGreaterThan(schedule.priority[sequences], schedule.priority[rnn])
    // Every chapter is started exactly once when played through.
    let (order, _) = simulate(chapterCatalog, slots: 2)
    XCTAssertEqual(order.sorted(), names.sorted())
    XCTAssertLessThan(order.firstIndex(of: "sequences")!, order.firstIndex(of: "rnn")!)
  }
}
