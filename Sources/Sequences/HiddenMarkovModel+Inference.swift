import NumericsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Forward, backward, posterior (forward–backward) and Viterbi decoding, all in log space.
// `logEmissions` is always the T × S table log p(x_t | s_t = j) (row t, column j).
//
//   forward    log α_t(j) = log Σ_i exp(log α_{t−1}(i) + log A_ij) + log p(x_t | j)
//              log α_0(j) = log π_j + log p(x_0 | j),   log p(x) = log Σ_j exp(log α_{T−1}(j))
//   backward   log β_t(i) = log Σ_j exp(log A_ij + log p(x_{t+1} | j) + log β_{t+1}(j)),  β_{T−1} = 1
//   posterior  P(s_t = i | x_0 … x_{T−1}) = exp(log α_t(i) + log β_t(i) − log p(x))
//   Viterbi    log δ_t(j) = max_i (log δ_{t−1}(i) + log A_ij) + log p(x_t | j), then backtrack
//
// Cost O(T·S²) each. Rabiner (1989), "A tutorial on hidden Markov models", §III.

/// One step of the Viterbi recursion in log space.
///
/// ```
/// δ_t(j)  = max_i [ δ_{t−1}(i) + log A_ij ] + log p(x_t | j)
/// ψ_t(j)  = argmax_i [ δ_{t−1}(i) + log A_ij ]        (ties: the smallest i)
/// ```
/// Sums of logs, never products of probabilities: after a few hundred steps the product
/// underflows to 0 and every path looks equally (im)probable.
///
/// - Parameters:
///   - previous: δ_{t−1}, S log-scores.
///   - logTransition: log A, S × S (row = from, column = to).
///   - logEmission: log p(x_t | j), S values.
/// - Returns: δ_t and the back-pointers ψ_t.
public func viterbiStep(
  previous: [Double], logTransition: [[Double]], logEmission: [Double]
)
  -> (scores: [Double], backpointers: [Int])
{
  let s = previous.count
  precondition(
    logTransition.count == s && logTransition.allSatisfy { $0.count == s }
      && logEmission.count == s,
    "viterbiStep: \(s) states but log A is \(logTransition.count)×\(logTransition.first?.count ?? 0)"
      + " and \(logEmission.count) emissions")
  var scores = [Double](repeating: -.infinity, count: s)
  var pointers = [Int](repeating: 0, count: s)
  for j in 0..<s {
    for i in 0..<s {
      let candidate = previous[i] + logTransition[i][j]
      if candidate > scores[j] {
        scores[j] = candidate
        pointers[j] = i
      }
    }
    scores[j] += logEmission[j]
  }
  return (scores, pointers)
}

extension HiddenMarkovModel {
  private func checkTable(_ table: Matrix, _ caller: String) {
    precondition(
      table.columns == stateCount && table.rows >= 1,
      "\(caller): log-emission table is \(table.shapeDescription), needs T × \(stateCount), T ≥ 1")
  }

  /// The forward pass: log α (T × S) and the log-likelihood log p(x_0 … x_{T−1}).
  public func forward(logEmissions: Matrix) -> (logAlpha: Matrix, logLikelihood: Double) {
    checkTable(logEmissions, "forward")
    let s = stateCount
    let e = logEmissions.elements
    var alpha = [Double](repeating: 0, count: e.count)
    var terms = [Double](repeating: 0, count: s)
    for j in 0..<s { alpha[j] = logInitial[j] + e[j] }
    for t in 1..<max(1, logEmissions.rows) {
      for j in 0..<s {
        for i in 0..<s { terms[i] = alpha[(t - 1) * s + i] + logTransition[i * s + j] }
        alpha[t * s + j] = logSumExp(terms) + e[t * s + j]
      }
    }
    let last = Array(alpha[(alpha.count - s)...])
    return (Matrix(rows: logEmissions.rows, columns: s, elements: alpha), logSumExp(last))
  }

  /// The backward pass: log β (T × S), log β_{T−1} = 0.
  public func backward(logEmissions: Matrix) -> Matrix {
    checkTable(logEmissions, "backward")
    let s = stateCount
    let rows = logEmissions.rows
    let e = logEmissions.elements
    var beta = [Double](repeating: 0, count: e.count)
    var terms = [Double](repeating: 0, count: s)
    for t in stride(from: rows - 2, through: 0, by: -1) {
      for i in 0..<s {
        for j in 0..<s {
          terms[j] = logTransition[i * s + j] + e[(t + 1) * s + j] + beta[(t + 1) * s + j]
        }
        beta[t * s + i] = logSumExp(terms)
      }
    }
    return Matrix(rows: rows, columns: s, elements: beta)
  }

  /// Posterior (smoothed) state probabilities P(s_t = i | all of x), T × S, rows sum to 1.
  /// Uses both directions: the past through α, the future through β.
  ///
  /// Each row is normalised by its own log Σ_i exp(log α_t(i) + log β_t(i)) rather than by
  /// log p(x): the two are equal in exact arithmetic, but over 10⁵ steps log α and log β
  /// reach ±10⁵ and their rounding (≈ 10⁻⁷ at step 5·10⁴) would show as rows summing to
  /// 1 ± 10⁻⁷.
  public func posteriors(logEmissions: Matrix) -> Matrix {
    let alpha = forward(logEmissions: logEmissions).logAlpha
    let beta = backward(logEmissions: logEmissions)
    var result = [Double]()
    result.reserveCapacity(alpha.count)
    for (a, b) in zip(alpha.rowArrays, beta.rowArrays) {
      let joint = zip(a, b).map { $0 + $1 }
      let total = logSumExp(joint)
      result.append(contentsOf: joint.map { exp($0 - total) })
    }
    return Matrix(rows: alpha.rows, columns: alpha.columns, elements: result)
  }

  /// Filtered state probabilities P(s_t = i | x_0 … x_t): the past only, T × S.
  public func filtered(logEmissions: Matrix) -> Matrix {
    let alpha = forward(logEmissions: logEmissions).logAlpha
    var result = [Double]()
    result.reserveCapacity(alpha.count)
    for row in alpha.rowArrays {
      let total = logSumExp(row)
      result.append(contentsOf: row.map { exp($0 - total) })
    }
    return Matrix(rows: alpha.rows, columns: alpha.columns, elements: result)
  }

  /// The most probable state path argmax_s P(s, x) and its log-probability log P(s, x).
  public func viterbi(logEmissions: Matrix) -> (states: [Int], logProbability: Double) {
    checkTable(logEmissions, "viterbi")
    let s = stateCount
    let rows = logEmissions.rows
    let e = logEmissions.elements
    let logA = (0..<s).map { i in Array(logTransition[(i * s)..<((i + 1) * s)]) }
    var scores = (0..<s).map { logInitial[$0] + e[$0] }
    var pointers = [[Int]]()
    pointers.reserveCapacity(rows)
    for t in 1..<max(1, rows) {
      let step = viterbiStep(
        previous: scores, logTransition: logA, logEmission: Array(e[(t * s)..<((t + 1) * s)]))
      scores = step.scores
      pointers.append(step.backpointers)
    }
    var best = 0
    for j in 1..<max(1, s) where scores[j] > scores[best] { best = j }
    var path = [Int](repeating: 0, count: rows)
    path[rows - 1] = best
    for t in stride(from: rows - 1, to: 0, by: -1) {
      path[t - 1] = pointers[t - 1][path[t]]
    }
    return (path, scores[best])
  }
}
