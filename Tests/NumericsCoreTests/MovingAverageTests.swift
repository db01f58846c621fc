import NumericsCore
import XCTest

final class MovingAverageTests: XCTestCase {
  func testHandComputedWindowOfThree() {
    // 1, (1+2)/2, (1+2+3)/3, (2+3+4)/3, (3+4+8)/3
    let out = movingAverage([1, 2, 3, 4, 8], window: 3)
    XCTAssertEqual(out, [1, 1.5, 2, 3, 5])
  }

  func testWindowOneIsTheIdentityAndLongWindowIsTheRunningMean() {
    let values: [Double] = [0.5, -2, 7, 3.25]
    XCTAssertEqual(movingAverage(values, window: 1), values)
    XCTAssertEqual(movingAverage(values, window: 100), [0.5, -0.75, 5.5 / 3, 8.75 / 4])
    XCTAssertEqual(movingAverage([], window: 4), [])
  }

  func testAgreesWithTheDirectSumOnRandomValues() {
    var rng = Xoshiro256StarStar(seed: 3)
    let values = (0..<500).map { _ in Double.random(in: -1...1, using: &rng) }
    let out = movingAverage(values, window: 37)
    for i in values.indices {
      let window = values[max(0, i - 36)...i]
      let direct = window.reduce(0, +) / Double(window.count)
      XCTAssertEqual(out[i], direct, accuracy: 1e-13, "at \(i)")
    }
  }
}
