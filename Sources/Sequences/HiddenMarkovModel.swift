import NumericsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hidden Markov model: a Markov chain of hidden states s_t, each emitting an observation.
///
/// ```
/// P(s_0 = i) = π_i,   P(s_t = j | s_{t−1} = i) = A_ij,   x_t ~ p(x | s_t)
/// ```
/// The emission model is kept outside: every inference routine takes the T × S table of
/// log-emission likelihoods log p(x_t | s_t = j) (see `GaussianEmissions`), so discrete,
/// Gaussian or any other emissions work with the same forward, backward and Viterbi code.
/// Everything runs in log space (log-sum-exp for sums, plain + for products): a product
/// of 10⁵ probabilities below 1 underflows any floating-point format, its log does not
/// (Rabiner 1989 scales instead; logs are simpler and just as stable).
public struct HiddenMarkovModel: Sendable, Equatable {
  /// S.
  public let stateCount: Int
  /// π, S values summing to 1.
  public let initial: [Double]
  /// A, S rows of S values, each row summing to 1.
  public let transition: [[Double]]
  /// log π and log A (row-major, S·S), computed once.
  let logInitial: [Double]
  let logTransition: [Double]

  /// Creates a model.
  /// - Precondition: π and every row of A are probability vectors (sum 1 within 1e-9).
  public init(initial: [Double], transition: [[Double]]) {
    let s = initial.count
    precondition(s >= 1, "HiddenMarkovModel: no states")
    precondition(isDistribution(initial), "HiddenMarkovModel: π = \(initial) is not a distribution")
    precondition(
      transition.count == s, "HiddenMarkovModel: A has \(transition.count) rows, S = \(s)")
    for (i, row) in transition.enumerated() {
      precondition(
        row.count == s && isDistribution(row),
        "HiddenMarkovModel: row \(i) of A, \(row), is not a distribution over \(s) states")
    }
    stateCount = s
    self.initial = initial
    self.transition = transition
    logInitial = initial.map { log($0) }
    logTransition = transition.flatMap { $0.map { log($0) } }
  }

  /// A "sticky" chain: stay with probability `stay`, else move to one of the other states
  /// uniformly; uniform start.
  public static func sticky(states s: Int, stay: Double) -> HiddenMarkovModel {
    precondition(s >= 2 && stay >= 0 && stay <= 1, "sticky: S = \(s), stay = \(stay)")
    let move = (1 - stay) / Double(s - 1)
    return HiddenMarkovModel(
      initial: [Double](repeating: 1 / Double(s), count: s),
      transition: (0..<s).map { i in (0..<s).map { $0 == i ? stay : move } })
  }

  /// log A_ij.
  public func logTransition(from i: Int, to j: Int) -> Double {
    logTransition[i * stateCount + j]
  }

  /// Draws a state path s_0 … s_{T−1}.
  public func sampleStates(length: Int, using rng: inout Xoshiro256StarStar) -> [Int] {
    precondition(length >= 0, "sampleStates: length \(length) < 0")
    var states = [Int]()
    states.reserveCapacity(length)
    for t in 0..<length {
      states.append(sampleCategorical(t == 0 ? initial : transition[states[t - 1]], using: &rng))
    }
    return states
  }
}

/// Emissions x ~ N(μ_s, σ²): state s emits around its own mean; σ is the noise level.
public struct GaussianEmissions: Sendable, Equatable {
  /// μ_s, one per state.
  public var means: [Double]
  /// σ > 0, shared by all states.
  public var standardDeviation: Double

  /// Creates the emission model.
  public init(means: [Double], standardDeviation: Double) {
    precondition(standardDeviation > 0, "GaussianEmissions: σ = \(standardDeviation) ≤ 0")
    self.means = means
    self.standardDeviation = standardDeviation
  }

  /// One observation per state: x_t = μ_{s_t} + σ ε_t (one normal draw per step).
  public func sample(states: [Int], using rng: inout Xoshiro256StarStar) -> [Double] {
    states.map { means[$0] + standardDeviation * rng.nextNormal() }
  }

  /// The T × S table log N(x_t; μ_j, σ²) that the inference routines take.
  public func logLikelihoods(of observations: [Double]) -> Matrix {
    let s = means.count
    let logNormaliser = -log(standardDeviation) - 0.5 * log(2 * Double.pi)
    var table = [Double]()
    table.reserveCapacity(observations.count * s)
    for x in observations {
      for mean in means {
        let z = (x - mean) / standardDeviation
        table.append(logNormaliser - 0.5 * z * z)
      }
    }
    return Matrix(rows: observations.count, columns: s, elements: table)
  }
}

/// log Σ exp(v_i), computed as m + log Σ exp(v_i − m) with m = max v_i so nothing
/// overflows and the largest term is exactly exp(0) = 1. All −∞ gives −∞.
public func logSumExp(_ values: [Double]) -> Double {
  let largest = values.max() ?? -.infinity
  guard largest > -.infinity else { return -.infinity }
  var sum = 0.0
  for v in values { sum += exp(v - largest) }
  return largest + log(sum)
}

private func isDistribution(_ p: [Double]) -> Bool {
  p.allSatisfy { $0 >= 0 && $0.isFinite } && abs(p.reduce(0, +) - 1) <= 1e-9
}
