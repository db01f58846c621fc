// An exercise: the stub the student fills in, the reference it must agree with, the
// known mistakes it must not agree with, the cases that tell them apart, and the hints.
//
// `ExerciseDefinition` is generic over the exercise's function type so that a check file
// is ordinary, type-checked code. `Exercise` erases that type so the registry can hold
// every exercise of every chapter in one array.

import ExerciseSupport

/// A known mistake: a realistic wrong implementation the checks must reject.
///
/// Mutants live in ExerciseKit (not in the tests) so that a failure message can name
/// the mistake a student's results reproduce.
public struct Mutant<Implementation: Sendable>: Sendable {
  /// A short name, e.g. `gradient without 1/N`.
  public let name: String
  /// What the student is told, e.g. `this is the gradient without the 1/N of the mean`.
  public let diagnosis: String
  /// The hint tier (from 1) that addresses this mistake.
  public let hint: Int
  /// The wrong implementation.
  public let implementation: Implementation

  /// Creates a mutant.
  public init(
    _ name: String, diagnosis: String, hint: Int, implementation: Implementation
  ) {
    self.name = name
    self.diagnosis = diagnosis
    self.hint = hint
    self.implementation = implementation
  }
}

/// Everything about one exercise, typed by the function the student writes.
public struct ExerciseDefinition<Implementation: Sendable>: Sendable {
  /// The identifier, `<chapter>.<n>`: `3.2.1`.
  public let id: String
  /// A short title: `Mean squared error (value and gradient)`.
  public let title: String
  /// The stub's path from the package root.
  public let stub: String
  /// Where the reference solution lives, shown once the exercise is done.
  public let reference: String
  /// Hints, from a nudge (tier 1) to nearly the answer (last tier).
  public let hints: [String]
  /// The reference implementation from the topic module; it must pass every case.
  public let solution: Implementation
  /// Known mistakes; each must fail at least one case.
  public let mutants: [Mutant<Implementation>]
  /// Builds the cases (seeded, so the same every time).
  public let cases: @Sendable () -> [CheckCase<Implementation>]
  /// Where the check's own answer function disagrees with a value worked out by hand
  /// (table exercises); must be empty.
  public let handValues: @Sendable () -> [String]

  /// Creates a definition.
  public init(
    id: String, title: String, stub: String, reference: String, hints: [String],
    solution: Implementation, mutants: [Mutant<Implementation>],
    cases: @escaping @Sendable () -> [CheckCase<Implementation>],
    handValues: @escaping @Sendable () -> [String] = { [] }
  ) {
    self.handValues = handValues
    self.id = id
    self.title = title
    self.stub = stub
    self.reference = reference
    self.hints = hints
    self.solution = solution
    self.mutants = mutants
    self.cases = cases
  }
}

/// A known mistake without its implementation: what the tool and tests need to know.
public struct KnownMistake: Sendable, Equatable {
  /// The mutant's short name.
  public let name: String
  /// The sentence shown to the student.
  public let diagnosis: String
  /// The hint tier that addresses it.
  public let hint: Int
}

/// One exercise with its function type erased, as the registry, the tool and the tests
/// see it.
public struct Exercise: Sendable, Identifiable {
  /// The identifier, `3.2.1`.
  public let id: String
  /// A short title.
  public let title: String
  /// The stub's path from the package root.
  public let stub: String
  /// Where the reference solution lives.
  public let reference: String
  /// Hints, tier 1 first.
  public let hints: [String]
  /// The known mistakes, in the order of their mutants.
  public let mutants: [KnownMistake]
  private let checkSolution: @Sendable () -> Verdict
  private let checkMutant: @Sendable (Int) -> Verdict
  private let checkHandValues: @Sendable () -> [String]

  /// Erases a definition's function type.
  public init<Implementation>(_ definition: ExerciseDefinition<Implementation>) {
    id = definition.id
    title = definition.title
    stub = definition.stub
    reference = definition.reference
    hints = definition.hints
    mutants = definition.mutants.map {
      KnownMistake(name: $0.name, diagnosis: $0.diagnosis, hint: $0.hint)
    }
    checkSolution = { definition.verdict(of: definition.solution) }
    checkMutant = { definition.verdict(of: definition.mutants[$0].implementation) }
    checkHandValues = definition.handValues
  }

  /// Rows worked out by hand where the check's answer function disagrees (must be none).
  public var handValueDisagreements: [String] { checkHandValues() }

  /// The chapter this exercise belongs to: `3.2` for `3.2.1`.
  public var chapterID: String {
    String(id[..<(id.lastIndex(of: ".") ?? id.endIndex)])
  }

  /// Checks the reference implementation (must be `.done`).
  public func checkReference() -> Verdict { checkSolution() }

  /// Checks mutant number `index` (must be failing, with the mistake named).
  public func checkMutant(at index: Int) -> Verdict {
    precondition(
      mutants.indices.contains(index),
      "Exercise \(id): mutant \(index) out of range 0..<\(mutants.count)")
    return checkMutant(index)
  }
}

/// The student's function bound to its exercise's checks: what a chapter's check runner
/// holds (it links the stubs; ExerciseKit never does).
public struct StudentBinding: Sendable {
  /// The exercise, `3.2.1`.
  public let id: String
  /// Checks the student's function.
  public let verdict: @Sendable () -> Verdict
  /// True when the stub still throws `ExerciseError.notAttempted` on every case.
  public let isUnattempted: @Sendable () -> Bool
}

extension ExerciseDefinition {
  /// Binds the student's function (in the chapter's `Exercises<nn>` target) to the checks.
  public func binding(_ student: Implementation) -> StudentBinding {
    StudentBinding(
      id: id, verdict: { verdict(of: student) }, isUnattempted: { isUnattempted(student) })
  }
}
