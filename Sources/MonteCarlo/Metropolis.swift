import NumericsCore

// Markov chain Monte Carlo for when we cannot draw independent samples from p at all, only
// evaluate an unnormalised log p̃. Random-walk Metropolis builds a Markov chain whose
// stationary distribution is p: it proposes a nearby point and accepts it with probability
// min(1, p̃(x′)/p̃(x)). The unknown normalising constant cancels in that ratio. The price
// is correlation: consecutive samples are alike, so N chain steps are worth fewer than N
// independent draws (see `effectiveSampleSize`).
//
// Reference: N. Metropolis, A. W. Rosenbluth, M. N. Rosenbluth, A. H. Teller and
// E. Teller, "Equation of state calculations by fast computing machines", J. Chem. Phys.
// 21, 1953; W. K. Hastings, "Monte Carlo sampling methods using Markov chains and their
// applications", Biometrika 57(1), 1970.

/// One step of random-walk Metropolis with an isotropic normal proposal.
///
/// ```
/// x′ = x + width · z,   z ~ N(0, I)            (symmetric: q(x′ | x) = q(x | x′))
/// accept x′ with probability α = min(1, p̃(x′) / p̃(x)),
///   i.e. when log u < log p̃(x′) − log p̃(x),  u ~ Uniform(0, 1]
/// otherwise stay at x (the repeated x is a sample too)
/// ```
/// - Parameters:
///   - current: the chain's state x (d coordinates).
///   - logDensity: log p̃, the target's log density up to an additive constant.
///   - proposalWidth: the proposal's standard deviation per coordinate.
///   - rng: the generator; d normals and one uniform per step.
/// - Returns: the next state and whether the proposal was accepted.
/// - Precondition: `proposalWidth >= 0`, `current` is not empty.
public func metropolisStep<G: RandomNumberGenerator>(
  current: [Double], logDensity: ([Double]) -> Double, proposalWidth: Double,
  using rng: inout G
) -> (next: [Double], accepted: Bool) {
  let step = metropolisTransition(
    current: current, currentLogDensity: logDensity(current), logDensity: logDensity,
    proposalWidth: proposalWidth, using: &rng)
  return (step.next, step.accepted)
}

/// The transition of `metropolisStep`, with log p̃(x) passed in and log p̃(next) returned,
/// so a chain evaluates the density once per step instead of twice.
func metropolisTransition<G: RandomNumberGenerator>(
  current: [Double], currentLogDensity: Double, logDensity: ([Double]) -> Double,
  proposalWidth: Double, using rng: inout G
) -> (next: [Double], nextLogDensity: Double, accepted: Bool) {
  precondition(
    proposalWidth >= 0, "metropolisStep: proposal width \(proposalWidth) must be >= 0")
  precondition(!current.isEmpty, "metropolisStep: the state has no coordinates")
  var proposal = current
  for k in 0..<proposal.count { proposal[k] += proposalWidth * rng.nextNormal() }
  let proposalLogDensity = logDensity(proposal)
  // u in (0, 1], so log u is finite; a proposal with log p̃ = −∞ is never accepted, and a
  // NaN log density compares false and is rejected too.
  let logU = mcLog(1 - rng.nextUniform())
  if logU < proposalLogDensity - currentLogDensity {
    return (proposal, proposalLogDensity, true)
  }
  return (current, currentLogDensity, false)
}

/// A run of a Markov chain: its states and how often proposals were accepted.
public struct MarkovChain: Sendable {
  /// The states after burn-in, one per row: `steps × dimension`.
  public let samples: Matrix
  /// The fraction of proposals accepted after burn-in, in [0, 1].
  public let acceptanceRate: Double

  /// The number of stored states.
  public var count: Int { samples.rows }
  /// The number of coordinates of a state.
  public var dimension: Int { samples.columns }

  /// The trace of one coordinate: its value at every stored step.
  /// - Precondition: `0 <= coordinate < dimension`.
  public func trace(_ coordinate: Int) -> [Double] {
    precondition(
      (0..<dimension).contains(coordinate),
      "MarkovChain.trace: coordinate \(coordinate) outside 0..<\(dimension)")
    return samples.column(coordinate)
  }
}

/// Runs random-walk Metropolis for `burnIn + steps` steps and keeps the last `steps` states.
///
/// ```
/// x₀ = initial;  xₜ₊₁ = metropolisStep(xₜ)   (see `metropolisStep`)
/// ```
/// The proposal width sets the trade-off that the chapter measures: too small and nearly
/// every step is accepted but the chain crawls; too large and nearly every proposal lands
/// where p̃ is tiny and is rejected. For a d-dimensional normal target the efficient
/// acceptance rate is about 0.234 (0.44 in one dimension): Roberts, Gelman and Gilks,
/// "Weak convergence and optimal scaling of random walk Metropolis algorithms", 1997.
///
/// - Parameters:
///   - logDensity: log p̃ of the target, up to an additive constant.
///   - initial: the starting state x₀ (d coordinates).
///   - proposalWidth: the proposal's standard deviation per coordinate.
///   - steps: the number of states kept.
///   - burnIn: the number of initial steps discarded (the chain forgetting x₀).
///   - rng: the generator.
/// - Returns: the chain (`steps × d` samples) and its acceptance rate after burn-in.
/// - Precondition: `steps > 0`, `burnIn >= 0`, `proposalWidth >= 0`, `initial` is not
///   empty and log p̃(initial) is not NaN.
public func metropolisHastings<G: RandomNumberGenerator>(
  logDensity: ([Double]) -> Double, initial: [Double], proposalWidth: Double, steps: Int,
  burnIn: Int = 0, using rng: inout G
) -> MarkovChain {
  precondition(steps > 0, "metropolisHastings: steps \(steps) must be positive")
  precondition(burnIn >= 0, "metropolisHastings: burn-in \(burnIn) is negative")
  var state = initial
  var stateLogDensity = logDensity(initial)
  precondition(!stateLogDensity.isNaN, "metropolisHastings: log density at \(initial) is NaN")
  var samples = [Double]()
  samples.reserveCapacity(steps * initial.count)
  var accepted = 0
  for t in 0..<(burnIn + steps) {
    let step = metropolisTransition(
      current: state, currentLogDensity: stateLogDensity, logDensity: logDensity,
      proposalWidth: proposalWidth, using: &rng)
    state = step.next
    stateLogDensity = step.nextLogDensity
    if t >= burnIn {
      samples.append(contentsOf: state)
      if step.accepted { accepted += 1 }
    }
  }
  return MarkovChain(
    samples: Matrix(rows: steps, columns: initial.count, elements: samples),
    acceptanceRate: Double(accepted) / Double(steps))
}
