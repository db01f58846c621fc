// Running the cases on an implementation and turning what happened into a verdict.
//
// Every case runs, even after one fails, for two reasons: the student learns how many
// cases fail, and the results of all cases form the fingerprint that is compared with
// each mutant's to recognise a known mistake.

import Exercises

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
        mistake: recogniseMistake(in: results, cases: cases, firstFailing: first),
        failingCases: failing.count, totalCases: cases.count))
  }

  /// The mutant whose results equal the implementation's on every case; failing that,
  /// among the mutants whose result equals it on the first failing case, the one that
  /// agrees with it on the most cases (so that of two mistakes that both overflow on an
  /// extreme input, the one that also behaves like the student elsewhere is named).
  private func recogniseMistake(
    in results: [CaseOutcome], cases: [CheckCase<Implementation>], firstFailing: Int
  ) -> RecognisedMistake? {
    guard results[firstFailing].fingerprint != nil else { return nil }
    var best: (mutant: Mutant<Implementation>, agreements: Int)?
    for mutant in mutants {
      let mutantResults = outcomes(of: mutant.implementation, on: cases)
      let agrees = zip(results, mutantResults).map { mine, theirs in
        guard let a = mine.fingerprint, let b = theirs.fingerprint else { return false }
        return fingerprintsMatch(a, b)
      }
      let agreements = agrees.filter { $0 }.count
      if agreements == cases.count {
        return RecognisedMistake(
          name: mutant.name, diagnosis: mutant.diagnosis, hint: mutant.hint, exerciseID: id,
          onEveryCase: true)
      }
      if agrees[firstFailing], agreements > best?.agreements ?? 0 {
        best = (mutant, agreements)
      }
    }
    return best.map {
      RecognisedMistake(
        name: $0.mutant.name, diagnosis: $0.mutant.diagnosis, hint: $0.mutant.hint,
        exerciseID: id, onEveryCase: false)
    }
  }

  /// True when `implementation` throws `ExerciseError.notAttempted` on every case.
  func isUnattempted(_ implementation: Implementation) -> Bool {
    outcomes(of: implementation, on: cases()).allSatisfy {
      if case .notAttempted = $0 { true } else { false }
    }
  }
}
