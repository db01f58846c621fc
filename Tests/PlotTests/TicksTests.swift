import XCTest

@testable import Plot

final class TicksTests: XCTestCase {
  func testNiceStepIsOneTwoOrFiveTimesAPowerOfTen() {
    XCTAssertEqual(Ticks.niceStep(span: 10, maxIntervals: 5), 2, accuracy: 1e-12)
    XCTAssertEqual(Ticks.niceStep(span: 1, maxIntervals: 10), 0.1, accuracy: 1e-12)
    XCTAssertEqual(Ticks.niceStep(span: 7, maxIntervals: 3), 5, accuracy: 1e-12)
    XCTAssertEqual(Ticks.niceStep(span: 9.4, maxIntervals: 5), 2, accuracy: 1e-12)
    XCTAssertEqual(Ticks.niceStep(span: 3e-6, maxIntervals: 6), 5e-7, accuracy: 1e-18)
  }

  func testUnitRange() {
    let ticks = Ticks.linear(0, 1, maxIntervals: 5)
    XCTAssertEqual(ticks.major.count, 6)
    for (tick, expected) in zip(ticks.major, [0, 0.2, 0.4, 0.6, 0.8, 1.0]) {
      XCTAssertEqual(tick, expected, accuracy: 1e-12)
    }
    XCTAssertEqual(ticks.labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
  }

  func testNegativeRangeUsesMinusSign() {
    // Span 9.4 in at most 5 intervals: step 2; multiples of 2 inside [−7.3, 2.1].
    let ticks = Ticks.linear(-7.3, 2.1, maxIntervals: 5)
    XCTAssertEqual(ticks.major, [-6, -4, -2, 0, 2])
    XCTAssertEqual(ticks.labels, ["−6", "−4", "−2", "0", "2"])
  }

  func testLogRangeOverEightDecades() {
    let ticks = Ticks.log(1e-6, 1e2, maxIntervals: 10)
    XCTAssertEqual(ticks.major.count, 9)
    for (k, tick) in ticks.major.enumerated() {
      XCTAssertEqual(log10(tick), Double(k - 6), accuracy: 1e-12)
    }
    XCTAssertEqual(ticks.labels.first, "10⁻⁶")
    XCTAssertEqual(ticks.labels.last, "10²")
    // Minor ticks 2…9 × 10^k between the decades: 8 per decade.
    XCTAssertEqual(ticks.minor.count, 8 * 8)
  }

  func testLogRangeWithFewTicksSkipsDecades() {
    let ticks = Ticks.log(1e-6, 1e2, maxIntervals: 4)
    XCTAssertEqual(ticks.major.map { log10($0).rounded() }, [-6, -4, -2, 0, 2])
  }

  func testShortLogRangeUsesPlainDecimals() {
    let ticks = Ticks.log(0.001, 1, maxIntervals: 6)
    XCTAssertEqual(ticks.labels, ["0.001", "0.01", "0.1", "1"])
  }

  func testLogRangeOfAboutOneDecadeLabelsTwosAndFives() {
    let ticks = Ticks.log(1, 25, maxIntervals: 6)
    XCTAssertEqual(ticks.labels, ["1", "2", "5", "10", "20"])
    for (tick, expected) in zip(ticks.major, [1.0, 2, 5, 10, 20]) {
      XCTAssertEqual(tick, expected, accuracy: 1e-9)
    }
    // 3, 4, 6, 7, 8, 9 and 30… are minor; 30 is outside.
    XCTAssertEqual(ticks.minor.count, 6)
  }

  func testZeroWidthRangeIsWidened() {
    let ticks = Ticks.linear(3, 3, maxIntervals: 5)
    // 3 ± 10 % = [2.7, 3.3]; step 0.2 → 2.8, 3.0, 3.2.
    XCTAssertEqual(ticks.major.count, 3)
    XCTAssertEqual(ticks.labels, ["2.8", "3.0", "3.2"])
    let zero = Ticks.widened(0, 0, scale: .linear)
    XCTAssertEqual(zero.0, -1)
    XCTAssertEqual(zero.1, 1)
    let log = Ticks.widened(10, 10, scale: .log)
    XCTAssertEqual(log.0 * log.1, 100, accuracy: 1e-9)
    XCTAssertEqual(log.1 / log.0, 10, accuracy: 1e-9)
  }

  func testCompactLabels() {
    XCTAssertEqual(Ticks.format(1e-6, step: 1e-6), "1e-6")
    XCTAssertEqual(Ticks.format(2.5e-6, step: 5e-7), "2.5e-6")
    XCTAssertEqual(Ticks.format(0.001, step: 0.001), "0.001")
    XCTAssertEqual(Ticks.format(-0.25, step: 0.05), "−0.25")
    XCTAssertEqual(Ticks.format(200_000, step: 50_000), "2e5")
    XCTAssertEqual(Ticks.formatPowerOfTen(4, plain: false), "10⁴")
    XCTAssertEqual(Ticks.formatPowerOfTen(-3), "0.001")
  }

  func testThinningRemovesOverlapsAndKeepsZero() {
    // Labels 40 px wide every 30 px overlap; every second one fits (60 ≥ 40 + 10).
    let centers = (0..<7).map { Double($0) * 30 }
    let kept = Ticks.thinned(
      centers: centers, extents: Array(repeating: 40, count: 7), gap: 10, preferring: 3)
    XCTAssertEqual(kept, [1, 3, 5])
    let all = Ticks.thinned(centers: centers, extents: Array(repeating: 10, count: 7), gap: 5)
    XCTAssertEqual(all, Array(0..<7))
  }

  /// Limits at the edge of the doubles (issue 19: a proposal width of 1e300 made the widened
  /// upper limit infinite, and converting its exponent to Int trapped).
  func testLogTicksSurviveInfiniteAndExtremeLimits() {
    for (lower, upper) in [
      (1.0, Double.infinity), (1e300, 1e300), (Double.leastNonzeroMagnitude, 1e308),
      (Double.greatestFiniteMagnitude, 1e308),
      (0, .infinity), (.nan, 10),
    ] {
      let ticks = Ticks.log(lower, upper, maxIntervals: 6)
      XCTAssertFalse(ticks.major.isEmpty, "\(lower)…\(upper)")
      XCTAssertTrue(
        ticks.major.allSatisfy { $0.isFinite && $0 > 0 }, "\(lower)…\(upper): \(ticks.major)")
      XCTAssertEqual(ticks.major.count, ticks.labels.count)
    }
  }
}
