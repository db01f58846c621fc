// The outcome of checking one implementation of one exercise, in a form that can cross
// a process boundary: the `exercises` tool runs each check in a child process, which
// prints its verdict as JSON for the parent to read.

/// The outcome of checking an implementation.
public enum Verdict: Sendable, Equatable, Codable {
  /// Every case passes.
  case done
  /// The stub still throws `ExerciseError.notAttempted` on every case.
  case notAttempted
  /// At least one case fails; the first failure is described.
  case failing(Failure)

  /// True when every case passes.
  public var isDone: Bool { self == .done }

  /// The failure, when there is one.
  public var failure: Failure? {
    if case .failing(let failure) = self { return failure }
    return nil
  }
}

/// The first failing case of an implementation, and what went wrong there.
public struct Failure: Sendable, Equatable, Codable {
  /// The failing case's name, e.g. `fixed 2×2, reduction .mean`.
  public var caseName: String
  /// The input of that case, printed.
  public var input: String
  /// What was expected and what came back.
  public var problem: String
  /// The known mistake the implementation's results match, if any.
  public var mistake: RecognisedMistake?
  /// How many cases fail.
  public var failingCases: Int
  /// How many cases there are.
  public var totalCases: Int

  /// Creates a failure description.
  public init(
    caseName: String, input: String, problem: String, mistake: RecognisedMistake?,
    failingCases: Int, totalCases: Int
  ) {
    self.caseName = caseName
    self.input = input
    self.problem = problem
    self.mistake = mistake
    self.failingCases = failingCases
    self.totalCases = totalCases
  }

  /// One line for a progress list: the case, the problem and the named mistake.
  public var summary: String {
    var line = "\(caseName): \(problem)"
    if let mistake { line += " — \(mistake.sentence)" }
    return line
  }

  /// The full explanation, one line per element, for `exercises check` and XCTest.
  public var lines: [String] {
    var out = ["case: \(caseName)", "input: \(input)", problem]
    if let mistake { out.append("→ \(mistake.sentence)") }
    out.append("(\(failingCases) of \(totalCases) cases fail)")
    return out
  }
}

/// A known mistake (a mutant) whose results the checked implementation reproduces.
public struct RecognisedMistake: Sendable, Equatable, Codable {
  /// The mutant's short name, e.g. `gradient without 1/N`.
  public var name: String
  /// The sentence for the student, e.g. `this is the gradient without the 1/N of the mean`.
  public var diagnosis: String
  /// The hint tier (from 1) that addresses this mistake.
  public var hint: Int
  /// The exercise, for the hint command in the message.
  public var exerciseID: String
  /// True when the numbers match on every case, passing ones included; false when they
  /// match on every failing case and differ within tolerance elsewhere.
  public var onEveryCase: Bool

  /// Creates a recognised mistake.
  public init(name: String, diagnosis: String, hint: Int, exerciseID: String, onEveryCase: Bool) {
    self.name = name
    self.diagnosis = diagnosis
    self.hint = hint
    self.exerciseID = exerciseID
    self.onEveryCase = onEveryCase
  }

  /// `this is …: see hint 2 (swift run exercises hint 3.2.1 2)`. Only ever said when the
  /// mistake fails exactly the cases that fail, with the same numbers on each.
  public var sentence: String {
    "\(diagnosis): see hint \(hint) (swift run exercises hint \(exerciseID) \(hint))"
  }
}
