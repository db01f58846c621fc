// How an exercise is checked: a list of cases, each run on one implementation.
//
// A case calls the implementation on one input and compares what comes back with what the
// mathematics says: a value worked out by hand (written in the check with its derivation),
// or an independent computation written out in the check file. It never compares with
// the output of the implementation under test, and never with the reference module
// (the reference is itself checked by these cases, so that would prove nothing).
//
// Each case returns an `Observation`: the problem it found, if any, and the numbers the
// implementation produced (its "fingerprint"). Fingerprints are how a known mistake is
// recognised: if the student's numbers equal a mutant's numbers on every case, the
// student made that mistake, and the failure message can name it.

/// What one check case saw when it ran an implementation.
public struct Observation: Sendable {
  /// The numbers the implementation produced (value, gradient, shape), compared across
  /// implementations to recognise a known mistake.
  public var fingerprint: [Double]
  /// Why the case fails (what was expected, what came back), or nil when it passes.
  public var problem: String?

  /// Creates an observation.
  public init(fingerprint: [Double], problem: String?) {
    self.fingerprint = fingerprint
    self.problem = problem
  }
}

/// One input on which an implementation is run and judged.
///
/// `Implementation` is the function type of the exercise, for example
/// `@Sendable (Matrix, Matrix, Reduction) throws -> LossResult`.
public struct CheckCase<Implementation>: Sendable {
  /// A short name shown in failure messages: `fixed 2×2, reduction .mean`.
  public let name: String
  /// The input, printed so the student can reproduce the case by hand.
  public let input: String
  /// Runs the implementation on the input and judges the result. Errors thrown by the
  /// implementation propagate (`ExerciseError.notAttempted` means "not written yet").
  public let evaluate: @Sendable (Implementation) throws -> Observation

  /// Creates a case from its name, a printable input and the evaluation.
  public init(
    _ name: String, input: String,
    evaluate: @escaping @Sendable (Implementation) throws -> Observation
  ) {
    self.name = name
    self.input = input
    self.evaluate = evaluate
  }
}

/// True when two fingerprints hold the same numbers: equal lengths, finite elements within
/// `1e-9 + 1e-6·max(|a|, |b|)`, and non-finite elements (NaN, ±inf) only where the other is
/// non-finite too. Looser than a check's tolerance on purpose: a mistake computed in a
/// different order still matches, and an overflow is an overflow whether it surfaces as
/// inf or as NaN.
func fingerprintsMatch(_ a: [Double], _ b: [Double]) -> Bool {
  guard a.count == b.count else { return false }
  for (x, y) in zip(a, b) {
    if !x.isFinite || !y.isFinite {
      guard !x.isFinite && !y.isFinite else { return false }
    } else if abs(x - y) > 1e-9 + 1e-6 * max(abs(x), abs(y)) {
      return false
    }
  }
  return true
}
