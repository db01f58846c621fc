// Known mistakes for 3.5.3. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import MonteCarlo
import NumericsCore

extension ImportanceSamplingExercise {
  /// Averages f(x) · weight(p(x), q(x)) over draws x from q.
  private static func weighted(
    _ weight: @escaping @Sendable (_ p: Double, _ q: Double) -> Double
  ) -> ImportanceSampler {
    { f, target, proposal, sampleProposal, samples, rng in
      var estimate = MonteCarloEstimate()
      for _ in 0..<samples {
        let x = sampleProposal(&rng)
        estimate.add(f(x) * weight(target(x), proposal(x)))
      }
      return estimate
    }
  }

  static let mutants: [Mutant<ImportanceSampler>] = [
    Mutant(
      "weights inverted",
      diagnosis: "this weights by q(x)/p(x): the weight is target over proposal, "
        + "p(x)/q(x), so that ∫ f (p/q) q dx = E_p[f]", hint: 2,
      implementation: weighted { p, q in q / p }),
    Mutant(
      "no weights",
      diagnosis: "this averages f over draws from q without weighting them: it estimates "
        + "E_q[f], not E_p[f]", hint: 2,
      implementation: weighted { _, _ in 1 }),
    Mutant(
      "weight p(x) alone",
      diagnosis: "this weights by p(x) alone: the weight must also divide by q(x), the "
        + "density the draws came from", hint: 2,
      implementation: weighted { p, _ in p }),
  ]
}
