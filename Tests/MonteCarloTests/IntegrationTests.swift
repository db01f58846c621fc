import MonteCarlo
import NumericsCore
import XCTest

final class IntegrationTests: XCTestCase {
  func testIntegralOfSquareOverInterval() {
    // ∫₀² x² dx = 8/3. One sample is 2·(2U)²; its variance is 4·Var(4U²) = 64·(1/5 − 1/9).
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let estimate = integrate({ $0 * $0 }, over: 0...2, samples: 5000, using: &rng)
      assertWithinStandardErrors(estimate.mean, 8.0 / 3.0, standardError: estimate.standardError)
      let expectedSE = (64 * (1.0 / 5 - 1.0 / 9) / 5000).squareRoot()
      XCTAssertEqual(estimate.standardError, expectedSE, accuracy: 0.1 * expectedSE)
    }
  }

  func testIntegralOverBox() {
    // ∫ over [0, 2] × [0, 1] × [−1, 1] of (x·y + z²) = 2·(1·½)·... written out:
    // ∫∫∫ x y = (2)(½)(2) = 2 (x from 0 to 2 gives 2, y gives ½, z-width 2);
    // ∫∫∫ z² = (2)(1)(2/3) = 4/3.  Total 10/3.
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let estimate = integrate(
        { p in p[0] * p[1] + p[2] * p[2] }, overBox: [0...2, 0...1, -1...1], samples: 4000,
        using: &rng)
      assertWithinStandardErrors(
        estimate.mean, 10.0 / 3.0, standardError: estimate.standardError)
    }
  }

  func testBoxOfOneDimensionMatchesInterval() {
    var a = Xoshiro256StarStar(seed: 9)
    var b = Xoshiro256StarStar(seed: 9)
    let interval = integrate({ $0 * $0 * $0 }, over: -1...3, samples: 200, using: &a)
    let box = integrate({ $0[0] * $0[0] * $0[0] }, overBox: [-1...3], samples: 200, using: &b)
    XCTAssertEqual(interval.mean, box.mean, accuracy: 1e-12)
  }

  func testAntitheticIsUnbiasedAndMuchBetterOnMonotoneIntegrand() {
    // f = eˣ on [0, 1]. Plain: Var f(U) = (e² − 1)/2 − (e − 1)² ≈ 0.24204.
    // Pair: Var[(eᵁ + e¹⁻ᵁ)/2] = ½ (Var f + Cov), Cov = e − (e − 1)² ≈ −0.23421 ⇒ ≈ 0.003913.
    let e = 2.718281828459045
    let plainVariance = (e * e - 1) / 2 - (e - 1) * (e - 1)
    let pairVariance = 0.5 * (plainVariance + e - (e - 1) * (e - 1))
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let antithetic = antitheticIntegrate({ exp($0) }, over: 0...1, pairs: 2000, using: &rng)
      let plain = integrate({ exp($0) }, over: 0...1, samples: 4000, using: &rng)
      assertWithinStandardErrors(antithetic.mean, e - 1, standardError: antithetic.standardError)
      XCTAssertEqual(antithetic.variance, pairVariance, accuracy: 0.15 * pairVariance)
      // Equal cost (4000 evaluations each): the estimator's variance ratio is about 31.
      let ratio =
        (plain.standardError * plain.standardError)
        / (antithetic.standardError * antithetic.standardError)
      XCTAssertGreaterThan(ratio, 20, "variance ratio \(ratio)")
    }
  }

  func testAntitheticDoublesVarianceOnSymmetricIntegrand() {
    // f(x) = (x − ½)² is symmetric about ½, so f(U) = f(1 − U): each pair carries one
    // evaluation's information at twice the cost. Ratio of estimator variances at equal
    // cost = 2 (each variance estimated within a few % with these sizes).
    var rng = Xoshiro256StarStar(seed: 4)
    let f: (Double) -> Double = { ($0 - 0.5) * ($0 - 0.5) }
    let antithetic = antitheticIntegrate(f, over: 0...1, pairs: 4000, using: &rng)
    let plain = integrate(f, over: 0...1, samples: 8000, using: &rng)
    let ratio =
      (antithetic.standardError * antithetic.standardError)
      / (plain.standardError * plain.standardError)
    XCTAssertEqual(ratio, 2, accuracy: 0.3)
  }
}
