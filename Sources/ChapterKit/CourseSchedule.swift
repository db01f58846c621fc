/// The order in which `course` starts the chapters of one run.
///
/// A chapter may start when every chapter it reads from (`ChapterInfo.readsFrom`) that is
/// part of this run has finished. Among those ready, the one with the longest remaining
/// chain starts first: its own `typicalSeconds` plus the longest chain of chapters that wait
/// for it (list scheduling by critical path). With two slots, this starts the longest
/// chapter at once instead of leaving it to run alone at the end, and starts 3.6 early
/// because 3.7 waits for it.
///
/// ```
/// priority(c) = typicalSeconds(c) + max { priority(d) : d in the run, d reads from c }
/// ```
/// Chapters a chapter reads from that are not in the run are ignored: it then reads the
/// summary a previous run left in the output folder.
public struct CourseSchedule: Sendable {
  public let chapters: [ChapterInfo]
  /// `priority[i]` for `chapters[i]`, in seconds.
  public let priority: [Int]
  /// `prerequisites[i]`: indices of the chapters `chapters[i]` waits for.
  public let prerequisites: [[Int]]

  public init(_ chapters: [ChapterInfo]) {
    self.chapters = chapters
    let index = Dictionary(
      chapters.enumerated().map { ($1.executable, $0) }, uniquingKeysWith: { first, _ in first })
    let prerequisites = chapters.map { $0.readsFrom.compactMap { index[$0] } }
    var priority = [Int?](repeating: nil, count: chapters.count)
    func chain(_ i: Int, depth: Int) -> Int {
      precondition(depth <= chapters.count, "CourseSchedule: readsFrom forms a cycle at \(i)")
      if let known = priority[i] { return known }
      let waiting = chapters.indices.filter { prerequisites[$0].contains(i) }
      let value =
        chapters[i].typicalSeconds + (waiting.map { chain($0, depth: depth + 1) }.max() ?? 0)
      priority[i] = value
      return value
    }
    self.priority = chapters.indices.map { chain($0, depth: 0) }
    self.prerequisites = prerequisites
  }

  /// The chapter to start next, or nil when none is ready (all started, or the rest wait
  /// for chapters still running). Ties go to the earlier chapter in the catalogue.
  public func next(started: Set<Int>, finished: Set<Int>) -> Int? {
    chapters.indices
      .filter { !started.contains($0) && prerequisites[$0].allSatisfy(finished.contains) }
      .max { (priority[$0], -$0) < (priority[$1], -$1) }
  }
}
