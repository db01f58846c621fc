import NumericsCore
import Synchronization
import XCTest

final class ParallelChunksTests: XCTestCase {
  /// The chunks that `forEachChunk` hands out, sorted by start.
  private func chunks(
    of count: Int, threads: Int, perThread: Int = elementsPerExtraThread
  ) -> [Range<Int>] {
    let seen = Mutex<[Range<Int>]>([])
    forEachChunk(of: count, threads: threads, perThread: perThread) { range in
      seen.withLock { $0.append(range) }
    }
    return seen.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
  }

  func testChunksCoverEveryIndexOnceAndStartOnCacheLines() {
    let n = elementsPerExtraThread
    for (count, threads, expected) in [
      (0, 2, 1), (100, 2, 1), (2 * n - 1, 2, 1), (2 * n, 2, 2), (5 * n + 3, 2, 2),
      (5 * n + 3, 3, 3), (5 * n + 3, 8, 5), (5 * n + 3, 1, 1),
    ] {
      let ranges = chunks(of: count, threads: threads)
      XCTAssertEqual(ranges.count, expected, "\(count) elements, \(threads) threads")
      XCTAssertEqual(ranges.first?.lowerBound, 0)
      XCTAssertEqual(ranges.last?.upperBound, count)
      for (a, b) in zip(ranges, ranges.dropFirst()) {
        XCTAssertEqual(a.upperBound, b.lowerBound, "gap or overlap at \(a) and \(b)")
        XCTAssertEqual(b.lowerBound % 8, 0, "chunk \(b) does not start on a cache line")
      }
    }
  }

  /// A kernel's own threshold: SGD's larger one keeps the 784×256 layer on one thread.
  func testPerThreadThresholdDecidesTheSplit() {
    XCTAssertEqual(chunks(of: 784 * 256, threads: 2, perThread: sgdElementsPerExtraThread).count, 1)
    XCTAssertEqual(chunks(of: 784 * 256, threads: 2).count, 2)
    XCTAssertEqual(chunks(of: 20, threads: 4, perThread: 5).count, 4)
    XCTAssertEqual(chunks(of: 19, threads: 4, perThread: 5).count, 3)
  }
}
