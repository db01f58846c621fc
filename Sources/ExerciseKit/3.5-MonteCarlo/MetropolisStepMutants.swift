// Known mistakes for 3.5.4. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.
//
// "Accepting on the density ratio without min(1, ·)" is not among them: with u ≤ 1 it
// accepts on exactly the same draws as the correct rule (see MetropolisStepExercise.swift).

import Foundation
import MonteCarlo
import NumericsCore

extension MetropolisStepExercise {
  /// A proposal x + width · z, coordinate 0 first, as the exercise asks.
  private static func propose(
    _ current: [Double], _ width: Double, _ rng: inout MonteCarloCheckGenerator
  ) -> [Double] {
    current.map { $0 + width * rng.nextNormal() }
  }

  static let mutants: [Mutant<MetropolisStepper>] = [
    Mutant(
      "log ratio compared with u",
      diagnosis: "this accepts when u < log p̃(x′) − log p̃(x), a probability against a log: "
        + "compare log u with the log ratio (or u with the ratio itself)", hint: 2,
      implementation: { current, logDensity, width, rng in
        let proposal = propose(current, width, &rng)
        let u = 1 - rng.nextUniform()
        if u < logDensity(proposal) - logDensity(current) { return (proposal, true) }
        return (current, false)
      }),
    Mutant(
      "ratio inverted",
      diagnosis: "this accepts with probability min(1, p̃(x)/p̃(x′)), old over new: the ratio "
        + "is p̃(x′)/p̃(x), so uphill moves are always accepted", hint: 2,
      implementation: { current, logDensity, width, rng in
        let proposal = propose(current, width, &rng)
        let logU = log(1 - rng.nextUniform())
        if logU < logDensity(current) - logDensity(proposal) { return (proposal, true) }
        return (current, false)
      }),
    Mutant(
      "u drawn only downhill",
      diagnosis: "this draws the uniform only when the move is downhill: the doc comment "
        + "fixes one nextUniform() on every step, after the normals, so the chain's draws "
        + "(and a seeded run) do not depend on the path taken", hint: 1,
      implementation: { current, logDensity, width, rng in
        let proposal = propose(current, width, &rng)
        let logRatio = logDensity(proposal) - logDensity(current)
        if logRatio >= 0 { return (proposal, true) }
        if log(1 - rng.nextUniform()) < logRatio { return (proposal, true) }
        return (current, false)
      }),
    Mutant(
      "u where the doc says 1 − u",
      diagnosis: "this compares log of the uniform itself, where the doc says "
        + "u = 1 − rng.nextUniform() (in (0, 1], so log u is finite): same distribution, "
        + "but not the draws the doc fixes", hint: 2,
      implementation: { current, logDensity, width, rng in
        let proposal = propose(current, width, &rng)
        if log(rng.nextUniform()) < logDensity(proposal) - logDensity(current) {
          return (proposal, true)
        }
        return (current, false)
      }),
    Mutant(
      "rejection not kept",
      diagnosis: "on rejection this proposes again until a move is accepted: a rejected step "
        + "must return the current state (with false), which is the chain's next sample",
      hint: 2,
      implementation: { current, logDensity, width, rng in
        while true {
          let proposal = propose(current, width, &rng)
          let logU = log(1 - rng.nextUniform())
          if logU < logDensity(proposal) - logDensity(current) { return (proposal, true) }
        }
      }),
  ]
}
