import NumericsCore
import XCTest

final class MiniBatchTests: XCTestCase {
  func testBatchesCoverEveryIndexOnceAndKeepTheLastPartialBatch() {
    var rng = Xoshiro256StarStar(seed: 11)
    let batches = shuffledBatches(count: 103, batchSize: 10, using: &rng)
    XCTAssertEqual(batches.count, 11)
    XCTAssertEqual(batches.map(\.count), Array(repeating: 10, count: 10) + [3])
    XCTAssertEqual(batches.flatMap { $0 }.sorted(), Array(0..<103))
    XCTAssertNotEqual(batches.flatMap { $0 }, Array(0..<103), "the order is shuffled")
  }

  func testExactMultipleHasNoEmptyBatch() {
    var rng = Xoshiro256StarStar(seed: 11)
    XCTAssertEqual(
      shuffledBatches(count: 40, batchSize: 8, using: &rng).map(\.count), [8, 8, 8, 8, 8])
    XCTAssertEqual(shuffledBatches(count: 0, batchSize: 8, using: &rng).count, 0)
    XCTAssertEqual(shuffledBatches(count: 5, batchSize: 8, using: &rng).map(\.count), [5])
  }

  func testShufflingIsReproducibleAndDiffersBetweenEpochs() {
    var a = Xoshiro256StarStar(seed: 2)
    var b = Xoshiro256StarStar(seed: 2)
    let first = shuffledBatches(count: 50, batchSize: 7, using: &a)
    XCTAssertEqual(first, shuffledBatches(count: 50, batchSize: 7, using: &b))
    XCTAssertNotEqual(first, shuffledBatches(count: 50, batchSize: 7, using: &a))
  }

  func testSequentialBatches() {
    XCTAssertEqual(sequentialBatches(count: 7, batchSize: 3), [0..<3, 3..<6, 6..<7])
    XCTAssertEqual(sequentialBatches(count: 0, batchSize: 3), [])
  }
}
