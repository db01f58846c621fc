import NumericsCore
import Sequences
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Forward, backward, posterior and Viterbi against brute-force enumeration of every path,
/// and stability on 10⁵ steps against an independent scaled (Rabiner) forward pass.
final class HiddenMarkovModelTests: XCTestCase {
  /// A random tiny model and a random emission table (positive likelihoods).
  private func tinyProblem(
    states s: Int, steps t: Int, seed: UInt64
  )
    -> (HiddenMarkovModel, Matrix)
  {
    var rng = Xoshiro256StarStar(seed: seed)
    func distribution() -> [Double] {
      let w = (0..<s).map { _ in 0.1 + rng.nextUniform() }
      let total = w.reduce(0, +)
      return w.map { $0 / total }
    }
    let model = HiddenMarkovModel(
      initial: distribution(), transition: (0..<s).map { _ in distribution() })
    let table = Matrix(
      rows: t, columns: s, elements: (0..<(s * t)).map { _ in log(0.05 + rng.nextUniform()) })
    return (model, table)
  }

  /// Every state path of length t over s states.
  private func allPaths(states s: Int, steps t: Int) -> [[Int]] {
    var paths: [[Int]] = [[]]
    for _ in 0..<t { paths = paths.flatMap { p in (0..<s).map { p + [$0] } } }
    return paths
  }

  /// log P(path, x) = log π + Σ log A + Σ log p(x | s).
  private func logJoint(_ path: [Int], _ model: HiddenMarkovModel, _ table: Matrix) -> Double {
    var total = log(model.initial[path[0]]) + table[0, path[0]]
    for t in 1..<path.count {
      total += log(model.transition[path[t - 1]][path[t]]) + table[t, path[t]]
    }
    return total
  }

  func testForwardEqualsSumOverAllPaths() {
    for (s, t, seed) in [(2, 1, 1 as UInt64), (2, 5, 2), (3, 4, 3), (3, 6, 4)] {
      let (model, table) = tinyProblem(states: s, steps: t, seed: seed)
      let brute = log(
        allPaths(states: s, steps: t).reduce(0) { $0 + exp(logJoint($1, model, table)) })
      XCTAssertEqual(model.forward(logEmissions: table).logLikelihood, brute, accuracy: 1e-12)
      // The backward pass gives the same likelihood from the other end.
      let beta = model.backward(logEmissions: table)
      let fromBeta = logSumExp((0..<s).map { log(model.initial[$0]) + table[0, $0] + beta[0, $0] })
      XCTAssertEqual(fromBeta, brute, accuracy: 1e-12)
    }
  }

  func testPosteriorsAndFilteringEqualBruteForceMarginals() {
    let (s, t) = (3, 5)
    let (model, table) = tinyProblem(states: s, steps: t, seed: 7)
    let paths = allPaths(states: s, steps: t)
    let weights = paths.map { exp(logJoint($0, model, table)) }
    let evidence = weights.reduce(0, +)
    let posterior = model.posteriors(logEmissions: table)
    let filtered = model.filtered(logEmissions: table)
    for step in 0..<t {
      for state in 0..<s {
        let mass = zip(paths, weights).filter { $0.0[step] == state }.reduce(0) { $0 + $1.1 }
        XCTAssertEqual(posterior[step, state], mass / evidence, accuracy: 1e-12)
        // Filtering: the same sum over paths truncated after `step` (prefixes only).
        let prefix = Matrix(table.rowArrays.prefix(step + 1).map { $0 })
        let prefixPaths = allPaths(states: s, steps: step + 1)
        let prefixWeights = prefixPaths.map { exp(logJoint($0, model, prefix)) }
        let hit = zip(prefixPaths, prefixWeights).filter { $0.0[step] == state }.reduce(0) {
          $0 + $1.1
        }
        XCTAssertEqual(filtered[step, state], hit / prefixWeights.reduce(0, +), accuracy: 1e-12)
      }
    }
  }

  func testViterbiEqualsExhaustiveSearch() {
    for (s, t, seed) in [(2, 6, 11 as UInt64), (3, 5, 12), (4, 4, 13), (3, 1, 14)] {
      let (model, table) = tinyProblem(states: s, steps: t, seed: seed)
      let best = allPaths(states: s, steps: t).max {
        logJoint($0, model, table) < logJoint($1, model, table)
      }!
      let decoded = model.viterbi(logEmissions: table)
      XCTAssertEqual(decoded.states, best)
      XCTAssertEqual(decoded.logProbability, logJoint(best, model, table), accuracy: 1e-12)
    }
  }

  func testOneViterbiStepByHand() {
    // δ = log[0.6, 0.4]; A = [[0.7, 0.3], [0.4, 0.6]]; emissions [0.5, 0.1].
    // state 0: max(0.6·0.7, 0.4·0.4) = 0.42 from 0 → ·0.5; state 1: max(0.18, 0.24) from 1 → ·0.1.
    let step = viterbiStep(
      previous: [log(0.6), log(0.4)],
      logTransition: [[log(0.7), log(0.3)], [log(0.4), log(0.6)]],
      logEmission: [log(0.5), log(0.1)])
    XCTAssertEqual(step.backpointers, [0, 1])
    XCTAssertEqual(step.scores[0], log(0.42 * 0.5), accuracy: 1e-14)
    XCTAssertEqual(step.scores[1], log(0.24 * 0.1), accuracy: 1e-14)
  }

  func testStableOnAHundredThousandSteps() {
    let model = HiddenMarkovModel.sticky(states: 3, stay: 0.9)
    let emissions = GaussianEmissions(means: [0, 1, 2], standardDeviation: 0.8)
    var rng = Xoshiro256StarStar(seed: 99)
    let states = model.sampleStates(length: 100_000, using: &rng)
    let table = emissions.logLikelihoods(of: emissions.sample(states: states, using: &rng))
    let forward = model.forward(logEmissions: table)
    XCTAssertTrue(forward.logLikelihood.isFinite)
    // Independent check: Rabiner's scaled forward pass in probability space,
    // log p(x) = Σ_t log c_t with c_t the normaliser of step t.
    var alpha = (0..<3).map { model.initial[$0] * exp(table[0, $0]) }
    var logLikelihood = 0.0
    for t in 0..<table.rows {
      if t > 0 {
        alpha = (0..<3).map { j in
          (0..<3).reduce(0) { $0 + alpha[$1] * model.transition[$1][j] } * exp(table[t, j])
        }
      }
      let c = alpha.reduce(0, +)
      logLikelihood += log(c)
      alpha = alpha.map { $0 / c }
    }
    XCTAssertEqual(forward.logLikelihood, logLikelihood, accuracy: 1e-9 * abs(logLikelihood))
    let viterbi = model.viterbi(logEmissions: table)
    XCTAssertTrue(viterbi.logProbability.isFinite)
    XCTAssertLessThanOrEqual(viterbi.logProbability, forward.logLikelihood)
    let accuracy = Double(zip(viterbi.states, states).filter { $0 == $1 }.count) / 1e5
    XCTAssertGreaterThan(accuracy, 0.8)
    let posterior = model.posteriors(logEmissions: table)
    // log α + log β reach about −10⁵ here, where one ulp is 1.5·10⁻¹¹: rows sum to 1 within
    // a few of those.
    for t in [0, 50_000, 99_999] {
      XCTAssertEqual(posterior.row(t).reduce(0, +), 1, accuracy: 1e-10)
    }
  }
}
