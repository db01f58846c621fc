import MonteCarlo
import NumericsCore
import XCTest

final class PiTests: XCTestCase {
  func testEstimateIsWithinFourStandardErrorsOfPi() {
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let estimate = estimatePi(samples: 20_000, using: &rng)
      assertWithinStandardErrors(estimate.mean, Double.pi, standardError: estimate.standardError)
    }
  }

  func testStandardErrorMatchesBernoulliFormula() {
    // Each dart is 4 with probability p = π/4, else 0: sd = 4 √(p(1 − p)) = 1.642…
    var rng = Xoshiro256StarStar(seed: 3)
    let n = 10_000
    let estimate = estimatePi(samples: n, using: &rng)
    let p = Double.pi / 4
    let expected = 4 * (p * (1 - p) / Double(n)).squareRoot()
    XCTAssertEqual(estimate.standardError, expected, accuracy: 0.03 * expected)
  }

  func testCountingMatchesAddingEveryDart() {
    // The counter's closed-form M2 must equal Welford over the same darts, drawn by hand.
    var a = Xoshiro256StarStar(seed: 11)
    var b = Xoshiro256StarStar(seed: 11)
    let counted = estimatePi(samples: 500, using: &a)
    var added = MonteCarloEstimate()
    for _ in 0..<500 {
      let x = b.nextUniform()
      let y = b.nextUniform()
      added.add(x * x + y * y < 1 ? 4 : 0)
    }
    XCTAssertEqual(counted.count, added.count)
    XCTAssertEqual(counted.mean, added.mean, accuracy: 1e-13)
    XCTAssertEqual(counted.variance, added.variance, accuracy: 1e-12)
  }

  func testSameSeedSameEstimate() {
    var a = Xoshiro256StarStar(seed: 5)
    var b = Xoshiro256StarStar(seed: 5)
    XCTAssertEqual(estimatePi(samples: 1000, using: &a), estimatePi(samples: 1000, using: &b))
  }

  func testErrorShrinksLikeOneOverRootN() {
    // RMS error over 60 repeats at each N. E[error²] = σ²/N exactly, so log RMSE falls
    // with slope −½; with 60 repeats each RMSE is within ~±10% (1/√(2·60)), which moves a
    // slope fitted over three decades by a few hundredths: ±0.1 is a safe bound.
    for seed in testSeeds.prefix(3) {
      var rng = Xoshiro256StarStar(seed: seed)
      let sizes: [Double] = [30, 100, 300, 1000, 3000, 10000]
      let rmse = sizes.map { n -> Double in
        var squared = 0.0
        for _ in 0..<60 {
          let e = estimatePi(samples: Int(n), using: &rng).mean - Double.pi
          squared += e * e
        }
        return (squared / 60).squareRoot()
      }
      XCTAssertEqual(fitPowerLaw(x: sizes, y: rmse).slope, -0.5, accuracy: 0.1)
    }
  }

  func testNinetyFivePercentIntervalsCoverPiAboutNinetyFivePercentOfTheTime() {
    // 1000 independent intervals: the number that contain π is Binomial(1000, ~0.95), with
    // sd √(1000 · 0.95 · 0.05) ≈ 6.9. The bound ±4 sd = ±0.028 around 0.95 also absorbs the
    // normal approximation's small undercoverage at N = 500.
    for seed in testSeeds.prefix(2) {
      var rng = Xoshiro256StarStar(seed: seed)
      var covered = 0
      for _ in 0..<1000 {
        if estimatePi(samples: 500, using: &rng).confidenceInterval95.contains(Double.pi) {
          covered += 1
        }
      }
      XCTAssertEqual(Double(covered) / 1000, 0.95, accuracy: 4 * (0.95 * 0.05 / 1000).squareRoot())
    }
  }
}
