import MonteCarlo
import NumericsCore
import XCTest

final class ChainDiagnosticsTests: XCTestCase {
  func testAutocorrelationAtLagZeroIsOne() {
    var rng = Xoshiro256StarStar(seed: 1)
    let x = (0..<500).map { _ in rng.nextNormal() }
    XCTAssertEqual(autocorrelation(x, maxLag: 5)[0], 1, accuracy: 1e-15)
    XCTAssertEqual(autocorrelation(x, maxLag: 10_000).count, 500)
  }

  func testAutocorrelationOfHandExample() {
    // x = 1, 2, 3, 4: centred −1.5, −0.5, 0.5, 1.5; c₀ = 5/4;
    // lag 1: (0.75 − 0.25 + 0.75)/4 = 0.3125 ⇒ ρ₁ = 0.25.
    XCTAssertEqual(autocorrelation([1, 2, 3, 4], maxLag: 1)[1], 0.25, accuracy: 1e-15)
  }

  func testIndependentSamplesHaveNegligibleAutocorrelationAndFullESS() {
    // ρ̂ₖ of iid data is ≈ N(0, 1/N): |ρ̂ₖ| < 4/√N. Geyer's τ̂ for iid data stops after
    // one or two pairs, with a spread of a few % at N = 10000: ESS within 15% of N.
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      let x = (0..<10_000).map { _ in rng.nextNormal() }
      let rho = autocorrelation(x, maxLag: 5)
      for k in 1...5 { XCTAssertLessThan(abs(rho[k]), 4 / 100) }
      XCTAssertEqual(effectiveSampleSize(x) / 10_000, 1, accuracy: 0.15)
    }
  }

  func testAutoregressiveSequenceHasGeometricAutocorrelationAndKnownESS() {
    // xₜ = φ xₜ₋₁ + √(1 − φ²) εₜ: ρₖ = φᵏ, τ = (1 + φ)/(1 − φ) = 9 for φ = 0.8, ESS = N/9.
    let phi = 0.8
    for seed in testSeeds {
      var rng = Xoshiro256StarStar(seed: seed)
      var x = [rng.nextNormal()]
      for _ in 1..<20_000 {
        x.append(phi * x[x.count - 1] + (1 - phi * phi).squareRoot() * rng.nextNormal())
      }
      let rho = autocorrelation(x, maxLag: 3)
      for k in 1...3 {
        XCTAssertEqual(rho[k], pow(phi, Double(k)), accuracy: 0.05, "lag \(k)")
      }
      XCTAssertEqual(effectiveSampleSize(x), 20_000.0 / 9, accuracy: 0.25 * 20_000 / 9)
    }
  }
}
