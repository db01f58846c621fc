// Known mistakes for 3.5.1. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import MonteCarlo
import NumericsCore

extension EstimatePiExercise {
  /// Counts the hits of `samples` darts, x then y, as the exercise asks.
  private static func hits(_ samples: Int, _ rng: inout MonteCarloCheckGenerator) -> Int {
    var hits = 0
    for _ in 0..<samples {
      let x = rng.nextUniform()
      let y = rng.nextUniform()
      if x * x + y * y < 1 { hits += 1 }
    }
    return hits
  }

  static let mutants: [Mutant<PiEstimator>] = [
    Mutant(
      "integer division",
      diagnosis: "this computes 4 · hits / N in integers, which truncates (3 instead of "
        + "3.14): convert to Double before dividing", hint: 2,
      implementation: { samples, rng in
        let h = hits(samples, &rng)
        let n = Double(samples)
        return MonteCarloEstimate(
          count: samples, mean: Double(4 * h / samples),
          sumOfSquaredDeviations: 16 * Double(h) * (n - Double(h)) / n)
      }),
    Mutant(
      "one uniform per dart",
      diagnosis: "this uses one uniform for both coordinates (x = y), so every dart lies on "
        + "the diagonal: draw x and y separately", hint: 2,
      implementation: { samples, rng in
        var estimate = MonteCarloEstimate()
        for _ in 0..<samples {
          let x = rng.nextUniform()
          estimate.add(x * x + x * x < 1 ? 4 : 0)
        }
        return estimate
      }),
    Mutant(
      "factor 4 missing",
      diagnosis: "this estimates π/4, the hit fraction: each dart's value is 4 for a hit, "
        + "not 1", hint: 2,
      implementation: { samples, rng in
        var estimate = MonteCarloEstimate()
        for _ in 0..<samples {
          let x = rng.nextUniform()
          let y = rng.nextUniform()
          estimate.add(x * x + y * y < 1 ? 1 : 0)
        }
        return estimate
      }),
    Mutant(
      "M2 without the 16",
      diagnosis: "this estimate is right but its standard error is a quarter of the true "
        + "one: M2 = Σ (Xᵢ − π̂)² is 16 · hits · (N − hits)/N for values 4 and 0", hint: 2,
      implementation: { samples, rng in
        let h = Double(hits(samples, &rng))
        let n = Double(samples)
        return MonteCarloEstimate(
          count: samples, mean: 4 * h / n, sumOfSquaredDeviations: h * (n - h) / n)
      }),
  ]
}
