// Exercise 3.6.3: one Viterbi step in log space.
// Check your work: `swift run exercises check 3.6.3`. Stuck? `swift run exercises hint 3.6.3`.

import ExerciseSupport
import Foundation

/// One step of the Viterbi recursion of a hidden Markov model, in log space.
///
/// Your task: given the best log-score `previous[i]` of a path ending in state i at time
/// t − 1, return for every state j the best log-score at time t and the state it came from:
///
/// ```
/// scores[j]       = max_i ( previous[i] + logTransition[i][j] ) + logEmission[j]
/// backpointers[j] = argmax_i ( previous[i] + logTransition[i][j] )   (ties: smallest i)
/// ```
/// `logTransition[i][j]` is log P(s_t = j | s_{t−1} = i): row = from, column = to. An
/// impossible transition is −∞. Work with sums of logs: the checks pass scores near −1000
/// (a long input), where exp(score) is 0.
///
/// Example: `previous = [−1, −2]`, `logTransition = [[−0.5, −1], [−0.2, −3]]`,
/// `logEmission = [−1, −0.5]` gives `scores = [−2.5, −2.5]`, `backpointers = [0, 0]`.
///
/// - Parameters:
///   - previous: δ_{t−1}, S log-scores.
///   - logTransition: S × S.
///   - logEmission: log p(x_t | j), S values.
/// - Returns: δ_t and the back-pointers ψ_t, S each.
public func viterbiStep(
  previous: [Double], logTransition: [[Double]], logEmission: [Double]
) throws -> (scores: [Double], backpointers: [Int]) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
