import MonteCarlo
import NumericsCore
import XCTest

final class PiInterleavedTests: XCTestCase {
  /// The interleaved estimator is the same estimator: within 4 standard errors of π
  /// (a false failure has probability about 6e-5 per seed), with the standard error of
  /// N darts, 4√(p(1 − p)/N) with p = π/4, and an odd N handled (the last dart counted).
  func testInterleavedEstimateIsUnbiasedWithTheDartStandardError() {
    let p = Double.pi / 4
    for seed: UInt64 in [1, 2, 3, 4, 5] {
      for samples in [20_001, 40_000] {
        var rng = Xoshiro256StarStar(seed: seed)
        let estimate = estimatePiInterleaved(samples: samples, using: &rng)
        let se = 4 * (p * (1 - p) / Double(samples)).squareRoot()
        XCTAssertEqual(estimate.count, samples)
        XCTAssertLessThan(abs(estimate.mean - Double.pi), 4 * se, "seed \(seed), N \(samples)")
        XCTAssertEqual(estimate.standardError, se, accuracy: 0.05 * se)
      }
    }
  }

  func testSameSeedSameEstimate() {
    var a = Xoshiro256StarStar(seed: 9)
    var b = Xoshiro256StarStar(seed: 9)
    XCTAssertEqual(
      estimatePiInterleaved(samples: 1001, using: &a).mean,
      estimatePiInterleaved(samples: 1001, using: &b).mean)
  }
}
