import MonteCarlo
import NumericsCore
import XCTest

final class MetropolisTests: XCTestCase {
  private let standardNormal: ([Double]) -> Double = { -0.5 * $0[0] * $0[0] }

  func testStepAcceptanceProbabilityFromTheMode() {
    // From x = 0 on N(0, 1) with width w, α = E_z[min(1, e^{−w²z²/2})] = E[e^{−w²z²/2}]
    // = 1/√(1 + w²). With w = 1: 0.70711. 20000 steps: binomial sd 0.0032; bound 4 sd.
    for seed in testSeeds.prefix(3) {
      var rng = Xoshiro256StarStar(seed: seed)
      var accepted = 0
      for _ in 0..<20_000 {
        let step = metropolisStep(
          current: [0], logDensity: standardNormal, proposalWidth: 1, using: &rng)
        if step.accepted {
          accepted += 1
        } else {
          XCTAssertEqual(step.next, [0])
        }
      }
      let expected = 1 / 2.0.squareRoot()
      XCTAssertEqual(
        Double(accepted) / 20_000, expected,
        accuracy: 4 * (expected * (1 - expected) / 20_000).squareRoot())
    }
  }

  func testStepNeverLeavesTheSupport() {
    // Uniform target on [0, 1]: log p̃ = 0 inside, −∞ outside. Inside moves are always
    // accepted, outside moves never.
    let logDensity: ([Double]) -> Double = { (0...1).contains($0[0]) ? 0 : -.infinity }
    var rng = Xoshiro256StarStar(seed: 8)
    var x = [0.5]
    for _ in 0..<2000 {
      let step = metropolisStep(current: x, logDensity: logDensity, proposalWidth: 0.5, using: &rng)
      if !step.accepted { XCTAssertEqual(step.next, x) }
      XCTAssertTrue((0...1).contains(step.next[0]))
      x = step.next
    }
  }

  func testZeroWidthAlwaysAcceptsStayingPut() {
    var rng = Xoshiro256StarStar(seed: 1)
    let step = metropolisStep(
      current: [0.3, -2], logDensity: { -$0[0] * $0[0] - $0[1] * $0[1] }, proposalWidth: 0,
      using: &rng)
    XCTAssertEqual(step.next, [0.3, -2])
  }

  func testChainOnStandardNormalHasRightMeanAndVariance() {
    // Correlated samples: the mean's standard error is sd/√ESS, not sd/√N. For x² (mean 1,
    // variance 2 under N(0, 1)) the same holds with the ESS of the x² trace. Bound 4 SE.
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let chain = metropolisHastings(
        logDensity: standardNormal, initial: [0], proposalWidth: 2.4, steps: 20_000,
        burnIn: 500, using: &rng)
      let x = chain.trace(0)
      let squares = x.map { $0 * $0 }
      let mean = x.reduce(0, +) / Double(x.count)
      let secondMoment = squares.reduce(0, +) / Double(x.count)
      assertWithinStandardErrors(mean, 0, standardError: (1 / effectiveSampleSize(x)).squareRoot())
      assertWithinStandardErrors(
        secondMoment, 1, standardError: (2 / effectiveSampleSize(squares)).squareRoot())
      XCTAssertEqual(chain.count, 20_000)
      XCTAssertEqual(chain.dimension, 1)
      // The chain is correlated, but not hopelessly: ESS is a sizeable fraction of N.
      XCTAssertGreaterThan(effectiveSampleSize(x), 1000)
      XCTAssertLessThan(effectiveSampleSize(x), 20_000)
    }
  }

  func testAcceptanceRateFallsAsProposalWidthGrows() {
    var rng = Xoshiro256StarStar(seed: 21)
    let rates = [0.1, 0.5, 2, 8, 32].map { width in
      metropolisHastings(
        logDensity: standardNormal, initial: [0], proposalWidth: width, steps: 3000, burnIn: 100,
        using: &rng
      ).acceptanceRate
    }
    for (narrow, wide) in zip(rates, rates.dropFirst()) {
      XCTAssertGreaterThan(narrow, wide, "acceptance rates \(rates)")
    }
    XCTAssertGreaterThan(rates[0], 0.9)
    XCTAssertLessThan(rates[4], 0.1)
  }

  func testBurnInIsDiscarded() {
    var rng = Xoshiro256StarStar(seed: 2)
    let chain = metropolisHastings(
      logDensity: standardNormal, initial: [50], proposalWidth: 1, steps: 100, burnIn: 2000,
      using: &rng)
    // From x₀ = 50 the chain needs ~50 accepted unit-sized steps to reach the bulk; after
    // 2000 steps every kept state is in it.
    XCTAssertLessThan(chain.trace(0).map(abs).max() ?? .infinity, 5)
  }
}
