// Running the cases on an implementation and turning what happened into a verdict.
//
// Every case runs, even after one fails, for two reasons: the student learns how many
// cases fail, and the results of all cases form the fingerprint that is compared with
// each mutant's to recognise a known mistake.

import ExerciseSupport

/// What happened when one case ran one implementation.
enum CaseOutcome {
  /// The implementation returned; the observation says whether the case passed.
  case observed(Observation)
  /// The implementation threw `ExerciseError.notAttempted`.
  case notAttempted
  /// The implementation threw another error.
  case threw(String)

  /// The reason the case fails, or nil when it passes.
  var problem: String? {
    switch self {
    case .observed(let observation): return observation.problem
    case .notAttempted:
      return "still throws ExerciseError.notAttempted on this input: finish the function"
    case .threw(let error): return "threw an error: \(error)"
    }
  }

  var fingerprint: [Double]? {
    if case .observed(let observation) = self { return observation.fingerprint }
    return nil
  }
}

extension ExerciseDefinition {
  /// Runs every case on `implementation`.
  func outcomes(
    of implementation: Implementation, on cases: [CheckCase<Implementation>]
  ) -> [CaseOutcome] {
    cases.map { checkCase in
      do {
        return .observed(try checkCase.evaluate(implementation))
      } catch ExerciseError.notAttempted {
        return .notAttempted
      } catch {
        return .threw(String(describing: error))
      }
    }
  }

  /// Checks `implementation`: done, not attempted, or failing with the first failure
  /// described and, when its results match a mutant's, the mistake named.
  func verdict(of implementation: Implementation) -> Verdict {
    let cases = self.cases()
    let results = outcomes(of: implementation, on: cases)
    if results.allSatisfy({ if case .notAttempted = $0 { true } else { false } }) {
      return .notAttempted
    }
    let failing = results.indices.filter { results[$0].problem != nil }
    guard let first = failing.first, let problem = results[first].problem else { return .done }
    return .failing(
      Failure(
        caseName: cases[first].name, input: cases[first].input, problem: problem,
        mistake: recogniseMistake(in: results, cases: cases),
        failingCases: failing.count, totalCases: cases.count))
  }

  /// The known mistake that explains the implementation's failures, or nil.
  ///
  /// A mistake is named only when it is the whole story of what failed: the mutant fails
  /// exactly the cases the implementation fails, and on each of them its numbers equal the
  /// implementation's. So a mistake that passes a case the student fails (a batch-1 input
  /// where "bias on the first row only" is right) is never named for it, nor one that
  /// fails where the student passes; with two or more failing cases the numbers agree on
  /// two or more. When no mistake explains the failures, nothing is named: the message
  /// shows the case, its input, what came back and what was expected, which is always true.
  private func recogniseMistake(
    in results: [CaseOutcome], cases: [CheckCase<Implementation>]
  ) -> RecognisedMistake? {
    let failing = Set(results.indices.filter { results[$0].problem != nil })
    guard failing.allSatisfy({ results[$0].fingerprint != nil }) else { return nil }
    for mutant in mutants {
      let mutantResults = outcomes(of: mutant.implementation, on: cases)
      let mutantFailing = Set(mutantResults.indices.filter { mutantResults[$0].problem != nil })
      guard mutantFailing == failing else { continue }
      let explains = failing.allSatisfy { index in
        guard let a = results[index].fingerprint, let b = mutantResults[index].fingerprint
        else { return false }
        return fingerprintsMatch(a, b)
      }
      guard explains else { continue }
      let everywhere = zip(results, mutantResults).allSatisfy { mine, theirs in
        guard let a = mine.fingerprint, let b = theirs.fingerprint else { return false }
        return fingerprintsMatch(a, b)
      }
      return RecognisedMistake(
        name: mutant.name, diagnosis: mutant.diagnosis, hint: mutant.hint, exerciseID: id,
        onEveryCase: everywhere)
    }
    return nil
  }

  /// True when `implementation` throws `ExerciseError.notAttempted` on every case.
  func isUnattempted(_ implementation: Implementation) -> Bool {
    outcomes(of: implementation, on: cases()).allSatisfy {
      if case .notAttempted = $0 { true } else { false }
    }
  }
}
