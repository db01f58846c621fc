import Foundation
import Production
import XCTest

/// The accountant against Google's dp-accounting (fixture made by
/// Benchmarks/peers/dp_accounting_reference.py), and its monotonicity.
final class PrivacyAccountantTests: XCTestCase {
  struct Case: Decodable {
    let noise_multiplier: Double
    let sample_rate: Double
    let steps: Int
    let delta: Double
    let epsilon: Double
    let order: Double
    let rdp_one_step: [String: Double?]
  }
  struct Fixture: Decodable { let cases: [Case] }

  func loadFixture() throws -> Fixture {
    let url = try XCTUnwrap(
      Bundle.module.url(
        forResource: "dp_accounting", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  func testOneStepRDPMatchesDPAccountingAtEveryOrder() throws {
    for c in try loadFixture().cases {
      for (key, value) in c.rdp_one_step {
        guard let expected = value else { continue }
        let order = try XCTUnwrap(Double(key))
        let got = subsampledGaussianRDP(
          noiseMultiplier: c.noise_multiplier, sampleRate: c.sample_rate, order: order)
        XCTAssertEqual(
          got, expected, accuracy: 1e-9 * Swift.max(1, abs(expected)),
          "σ \(c.noise_multiplier), q \(c.sample_rate), α \(order)")
      }
    }
  }

  func testEpsilonAndOrderMatchDPAccounting() throws {
    for c in try loadFixture().cases {
      let got = dpSGDPrivacy(
        noiseMultiplier: c.noise_multiplier, sampleRate: c.sample_rate, steps: c.steps,
        delta: c.delta)
      XCTAssertEqual(got.epsilon, c.epsilon, accuracy: 1e-9 * c.epsilon, "\(c)")
      XCTAssertEqual(got.order, c.order, "\(c)")
    }
  }

  func testPlainGaussianMechanismHasTheClosedForm() {
    // q = 1: RDP(α) = α/(2σ²) (Mironov 2017, Proposition 7).
    XCTAssertEqual(subsampledGaussianRDP(noiseMultiplier: 2, sampleRate: 1, order: 3), 3.0 / 8)
  }

  func testEpsilonFallsWithNoiseAndRisesWithRateAndSteps() {
    func epsilon(_ sigma: Double, _ q: Double, _ steps: Int) -> Double {
      dpSGDPrivacy(noiseMultiplier: sigma, sampleRate: q, steps: steps, delta: 1e-5).epsilon
    }
    let sigmas = [0.6, 0.8, 1.0, 1.5, 2.0, 4.0]
    for (a, b) in zip(sigmas, sigmas.dropFirst()) {
      XCTAssertGreaterThan(epsilon(a, 0.01, 1000), epsilon(b, 0.01, 1000), "σ \(a) vs \(b)")
    }
    let rates = [0.001, 0.004, 0.01, 0.05, 0.2]
    for (a, b) in zip(rates, rates.dropFirst()) {
      XCTAssertLessThan(epsilon(1, a, 1000), epsilon(1, b, 1000), "q \(a) vs \(b)")
    }
    let steps = [1, 10, 100, 1000, 10000]
    for (a, b) in zip(steps, steps.dropFirst()) {
      XCTAssertLessThan(epsilon(1, 0.01, a), epsilon(1, 0.01, b), "T \(a) vs \(b)")
    }
  }
}
