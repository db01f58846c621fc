import MonteCarlo
import NumericsCore
import XCTest

final class ImportanceSamplingTests: XCTestCase {
  private func normalDensity(_ x: Double, mean: Double = 0, sd: Double = 1) -> Double {
    let z = (x - mean) / sd
    return exp(-0.5 * z * z) / (sd * (2 * Double.pi).squareRoot())
  }

  func testRareEventProbabilityIsUnbiasedAndFarMorePrecise() {
    // P(X > 3), X ~ N(0, 1) = ½ erfc(3/√2) ≈ 1.3499e-3 (libm's erfc is the reference).
    // Proposal N(3, 1) puts half its draws in the event.
    let truth = 0.5 * erfc(3 / 2.0.squareRoot())
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let estimate = importanceSamplingEstimate(
        of: { $0 > 3 ? 1 : 0 }, targetDensity: { self.normalDensity($0) },
        proposalDensity: { self.normalDensity($0, mean: 3) },
        sampleProposal: { $0.nextNormal(mean: 3, standardDeviation: 1) }, samples: 4000,
        using: &rng)
      assertWithinStandardErrors(estimate.mean, truth, standardError: estimate.standardError)
      // Plain sampling's standard error at the same N: √(p(1 − p)/N) ≈ 5.8e-4.
      let plainSE = (truth * (1 - truth) / 4000).squareRoot()
      XCTAssertLessThan(estimate.standardError, plainSE / 10)
    }
  }

  func testIntegralOfPeakWithUniformTarget() {
    // ∫₀¹ exp(−(x − 0.3)²/(2·0.05²)) dx = 0.05 √(2π) · [Φ(14) − Φ(−6)] ≈ 0.05 √(2π).
    let truth =
      0.05 * (2 * Double.pi).squareRoot() * 0.5
      * (erf(14 / 2.0.squareRoot()) + erf(6 / 2.0.squareRoot()))
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let estimate = importanceSamplingEstimate(
        of: { exp(-($0 - 0.3) * ($0 - 0.3) / (2 * 0.05 * 0.05)) },
        targetDensity: { (0...1).contains($0) ? 1 : 0 },
        proposalDensity: { self.normalDensity($0, mean: 0.3, sd: 0.08) },
        sampleProposal: { $0.nextNormal(mean: 0.3, standardDeviation: 0.08) }, samples: 2000,
        using: &rng)
      assertWithinStandardErrors(estimate.mean, truth, standardError: estimate.standardError)
    }
  }

  func testSelfNormalizedRecoversSecondMomentAndNormalizingConstant() {
    // Target p̃(x) = exp(−x²/2) (Z = √(2π)); proposal q̃(x) = exp(−x²/(2·1.5²)) (Z = 1.5√(2π)).
    // E_p[x²] = 1 and Z_p̃/Z_q̃ = 1/1.5.
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let result = selfNormalizedImportanceSampling(
        of: { $0 * $0 }, logTarget: { -0.5 * $0 * $0 },
        proposalLogDensity: { -0.5 * $0 * $0 / 2.25 },
        sampleProposal: { $0.nextNormal(mean: 0, standardDeviation: 1.5) }, samples: 4000,
        using: &rng)
      assertWithinStandardErrors(result.estimate, 1, standardError: result.standardError)
      XCTAssertEqual(result.logNormalizingConstant, log(1 / 1.5), accuracy: 0.05)
      XCTAssertGreaterThan(result.effectiveSampleSize, 0.5 * 4000)
      XCTAssertLessThanOrEqual(result.effectiveSampleSize, 4000)
    }
  }

  func testKishEffectiveSampleSize() {
    XCTAssertEqual(kishEffectiveSampleSize(weights: [2, 2, 2, 2]), 4, accuracy: 1e-12)
    XCTAssertEqual(kishEffectiveSampleSize(weights: [1, 0, 0, 0]), 1, accuracy: 1e-12)
    // (1 + 3)² / (1 + 9) = 1.6
    XCTAssertEqual(kishEffectiveSampleSize(weights: [1, 3]), 1.6, accuracy: 1e-12)
  }
}
