// The statistical case of 3.5.4: a chain made of the implementation's steps must have the
// target's mean and variance and the known acceptance rate. The bounds are derived in the
// header of MetropolisStepExercise.swift.

import Foundation
import MonteCarlo
import NumericsCore

extension MetropolisStepExercise {
  /// The chain's target N(μ, σ²), its proposal width and its length.
  static let chainMean = 1.0
  static let chainSigma = 2.0
  static let chainWidth = 8.0
  static let chainSteps = 40_000
  /// The upper bound used for the integrated autocorrelation time of every statistic.
  static let tauBound = 12.0

  /// Runs `chainSteps` steps from μ with a seeded generator and checks the chain's mean,
  /// variance and acceptance rate.
  static func chainCase(seed: UInt64) -> CheckCase<MetropolisStepper> {
    let mu = chainMean
    let sigma = chainSigma
    let width = chainWidth
    let steps = chainSteps
    let n = Double(steps)
    // α = (2/π) arctan(2σ/s) for random-walk Metropolis on a normal target.
    let rate = 2 / Double.pi * atan(2 * sigma / width)
    let meanBound = 6 * sigma * (tauBound / n).squareRoot()
    let varianceBound = 6 * (2 * pow(sigma, 4) * tauBound / n).squareRoot()
    let rateBound = 6 * (rate * (1 - rate) * tauBound / n).squareRoot()
    let logDensity: @Sendable ([Double]) -> Double = {
      let z = ($0[0] - mu) / sigma
      return -z * z / 2
    }
    return CheckCase(
      "chain of \(steps) steps on N(1, 2²) (seed \(seed))",
      input: "log p̃(x) = −((x₀ − 1)/2)²/2, proposalWidth = \(formatted(width)), start "
        + "[1], \(steps) steps, each fed the previous step's next, "
        + "MonteCarloCheckGenerator(seed: \(seed))"
    ) { implementation in
      var rng = MonteCarloCheckGenerator(seed: seed)
      var state = [mu]
      var values: [Double] = []
      values.reserveCapacity(steps)
      var accepted = 0
      for _ in 0..<steps {
        let step = try implementation(state, logDensity, width, &rng)
        guard step.next.count == 1 else {
          return Observation(
            fingerprint: [Double(step.next.count)],
            problem: "next has \(step.next.count) coordinates, expected 1")
        }
        state = step.next
        values.append(state[0])
        if step.accepted { accepted += 1 }
      }
      let mean = values.reduce(0, +) / n
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
      let acceptance = Double(accepted) / n
      var problem: String?
      if !(abs(mean - mu) <= meanBound) {
        problem =
          "chain mean: got \(formatted(mean)), expected \(formatted(mu)) within "
          + "±\(formatted(meanBound)) (6 standard errors σ√(τ/N), τ ≤ \(formatted(tauBound)))"
      } else if !(abs(variance - sigma * sigma) <= varianceBound) {
        problem =
          "chain variance: got \(formatted(variance)), expected \(formatted(sigma * sigma)) "
          + "within ±\(formatted(varianceBound)) (6 standard errors σ²√(2τ/N), "
          + "τ ≤ \(formatted(tauBound)))"
      } else if !(abs(acceptance - rate) <= rateBound) {
        problem =
          "acceptance rate: got \(formatted(acceptance)), expected (2/π)·arctan(2σ/s) = "
          + "\(formatted(rate)) within ±\(formatted(rateBound))"
      }
      // Which bound fails and on which side, and the chain's numbers: a mistake is named
      // only when the student's chain has exactly its mean, variance and acceptance rate.
      return Observation(
        fingerprint: [
          MonteCarloChecks.side(mean - mu, bound: meanBound),
          MonteCarloChecks.side(variance - sigma * sigma, bound: varianceBound),
          MonteCarloChecks.side(acceptance - rate, bound: rateBound), mean, variance,
          acceptance,
        ], problem: problem)
    }
  }
}
