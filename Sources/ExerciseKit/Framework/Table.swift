// Checks as data: an exercise is a table of inputs, one answer function with a mistake
// switch, and a table of known mistakes.
//
// - The answer function `answer(input, mistake)` is the exercise's formula written out in
//   the check file (never the reference module, which these same checks judge). With
//   `mistake == nil` it is the right answer; with a mistake it is that mistake, so a known
//   mistake is one table row (name, diagnosis, hint, the switch's case) instead of a copy
//   of the whole function with one change.
// - A row is a name and an input; its printed input comes from the input itself
//   (`CustomStringConvertible`), so what a message shows is what was run. A row worked out
//   by hand also carries the hand value, and ExerciseKitTests checks that the answer
//   function agrees with every hand value.
// - What is compared, and how a mismatch is said, belongs to the output's type
//   (`CheckedOutput`): one way for every `Matrix`, `LossResult`, `Double`, list of
//   matrices and optimizer trace.

import Losses
import NumericsCore

/// An exercise's output: compared with the expected output, and fingerprinted so that a
/// known mistake can be recognised by its numbers.
public protocol CheckedOutput: Sendable {
  /// The first difference from `expected`, in a sentence that names it (`label` is what
  /// the output is called: `output`, `probabilities`), or nil when within tolerance.
  func mismatch(from expected: Self, label: String, tolerance: Tolerance) -> String?
  /// The numbers the output is recognised by (shape first, then elements).
  var fingerprint: [Double] { get }
}

extension Matrix: CheckedOutput {
  public func mismatch(from expected: Matrix, label: String, tolerance: Tolerance) -> String? {
    compare(label, got: self, expected: expected, tolerance: tolerance)
  }
  public var fingerprint: [Double] { [Double(rows), Double(columns)] + elements }
}

extension Double: CheckedOutput {
  public func mismatch(from expected: Double, label: String, tolerance: Tolerance) -> String? {
    compare(label, got: self, expected: expected, tolerance: tolerance)
  }
  public var fingerprint: [Double] { [self] }
}

extension LossResult: CheckedOutput {
  public func mismatch(
    from expected: LossResult, label: String, tolerance: Tolerance
  )
    -> String?
  {
    compare("value", got: value, expected: expected.value, tolerance: tolerance)
      ?? compare("gradient", got: gradient, expected: expected.gradient, tolerance: tolerance)
  }
  public var fingerprint: [Double] { [value] + gradient.fingerprint }
}

/// Several matrices with names, compared one after the other: the gradients of a layer,
/// the hidden states of a sequence (name them `h[0]`, `h[1]`, …).
public struct NamedMatrices: CheckedOutput {
  /// The names shown in messages, one per matrix.
  public var names: [String]
  /// The matrices.
  public var values: [Matrix]

  /// Creates the list; `names` and `values` have the same length.
  public init(_ pairs: KeyValuePairs<String, Matrix>) {
    names = pairs.map(\.key)
    values = pairs.map(\.value)
  }

  /// Creates `name[0]`, `name[1]`, … for a sequence.
  public init(sequence name: String, _ values: [Matrix]) {
    names = values.indices.map { "\(name)[\($0)]" }
    self.values = values
  }

  public func mismatch(
    from expected: NamedMatrices, label: String, tolerance: Tolerance
  )
    -> String?
  {
    guard values.count == expected.values.count else {
      return "\(label) holds \(values.count) matrices, expected \(expected.values.count)"
    }
    for k in values.indices {
      if let problem = compare(
        expected.names[k], got: values[k], expected: expected.values[k], tolerance: tolerance)
      {
        return problem
      }
    }
    return nil
  }
  public var fingerprint: [Double] { values.flatMap(\.fingerprint) }
}

/// One input of a table, with its name and, when worked out by hand, its value.
public struct Row<Input: Sendable & CustomStringConvertible, Output: CheckedOutput>: Sendable {
  /// Shown in messages: `fixed 2×2, reduction .mean`.
  public let name: String
  /// What the implementation is called with; printed in messages.
  public let input: Input
  /// The answer worked out by hand (the derivation is a comment next to the row), or nil
  /// for rows judged by the answer function alone (seeded random inputs).
  public let byHand: Output?
  /// How close is right.
  public let tolerance: Tolerance

  /// Creates a row.
  public init(
    _ name: String, _ input: Input, byHand: Output? = nil, tolerance: Tolerance = .standard
  ) {
    self.name = name
    self.input = input
    self.byHand = byHand
    self.tolerance = tolerance
  }
}

/// A known mistake as one table row: the answer function with its switch set to
/// `variant` is the wrong implementation.
public struct MistakeRow<Variant: Sendable>: Sendable {
  /// A short name: `gradient without 1/N`.
  public let name: String
  /// What the student is told: `this is the gradient without the 1/N of the mean`.
  public let diagnosis: String
  /// The hint tier (from 1) that addresses it.
  public let hint: Int
  /// The switch's setting.
  public let variant: Variant

  /// Creates a row.
  public init(_ variant: Variant, _ name: String, hint: Int, _ diagnosis: String) {
    self.variant = variant
    self.name = name
    self.hint = hint
    self.diagnosis = diagnosis
  }
}

extension CheckCase {
  /// The case of one table row: runs the implementation on the row's input and compares
  /// with the row's hand value, or else with `answer(input)` (the answer function
  /// without a mistake).
  public static func row<Input, Output>(
    _ row: Row<Input, Output>, label: String, answer: (Input) -> Output
  ) -> CheckCase where Implementation == @Sendable (Input) throws -> Output {
    let expected = row.byHand ?? answer(row.input)
    return CheckCase(row.name, input: row.input.description) { implementation in
      let got = try implementation(row.input)
      return Observation(
        fingerprint: got.fingerprint,
        problem: got.mismatch(from: expected, label: label, tolerance: row.tolerance))
    }
  }

  /// The one gradient check: the gradient an implementation returns must be the
  /// derivative of `scalar` with respect to one argument, by central differences
  /// (NumericsCore's `checkGradient`, relative error `|a − n| / max(1e-8, |a| + |n|)`).
  ///
  /// - Parameters:
  ///   - input: where the gradient is checked.
  ///   - argument: what the argument is called in messages (`predicted`, `weights`).
  ///   - get, set: read and replace that argument of an input.
  ///   - scalar: the function differentiated: the implementation's own loss value (a loss
  ///     exercise), or a function the check knows (⟨G, X·W + b⟩ for a backward pass).
  ///   - gradient: the part of the output that claims to be that derivative.
  ///   - tolerance: 1e-7 for smooth functions, larger only with a kink nearby.
  public static func gradientCheck<Input: Sendable & CustomStringConvertible, Output>(
    _ name: String, at input: Input, argument: String,
    get: @escaping @Sendable (Input) -> Matrix,
    set: @escaping @Sendable (inout Input, Matrix) -> Void,
    scalar: @escaping @Sendable (Implementation, Input) throws -> Double,
    gradient: @escaping @Sendable (Output) -> Matrix, tolerance: Double = 1e-7
  ) -> CheckCase where Implementation == @Sendable (Input) throws -> Output {
    CheckCase(name, input: input.description) { implementation in
      let analytic = gradient(try implementation(input))
      let point = get(input)
      guard analytic.rows == point.rows, analytic.columns == point.columns else {
        return Observation(
          fingerprint: analytic.fingerprint,
          problem: "the gradient with respect to \(argument) has shape "
            + "\(analytic.shapeDescription), expected \(point.shapeDescription) "
            + "(the shape of \(argument))")
      }
      var thrown: (any Error)?
      let check = checkGradient(
        of: { x in
          var moved = input
          set(&moved, x)
          do { return try scalar(implementation, moved) } catch {
            thrown = error
            return .nan
          }
        }, at: point, analytic: analytic)
      if let thrown { throw thrown }
      let problem =
        check.passes(tolerance: tolerance)
        ? nil
        : "gradient check: the gradient with respect to \(argument) is not the derivative: "
          + "at element \(check.worstIndex) it is \(formatted(check.analytic)), finite "
          + "differences give \(formatted(check.numeric)) (relative error "
          + "\(formatted(check.maxRelativeError)) > \(formatted(tolerance)))"
      return Observation(fingerprint: analytic.fingerprint, problem: problem)
    }
  }
}

extension ExerciseDefinition {
  /// A table-driven exercise: the rows are the cases, the mistakes are the answer
  /// function with its switch set, and `otherCases` / `otherMutants` hold what does not
  /// fit a row (a gradient check, a statistical case, a structurally different mistake).
  public static func table<
    Input: Sendable & CustomStringConvertible, Output: CheckedOutput, Variant: Sendable
  >(
    id: String, title: String, stub: String, reference: String, hints: [String],
    label: String, solution: Implementation,
    answer: @escaping @Sendable (Input, Variant?) -> Output,
    mistakes: [MistakeRow<Variant>], otherMutants: [Mutant<Implementation>] = [],
    rows: @escaping @Sendable () -> [Row<Input, Output>],
    otherCases: @escaping @Sendable () -> [CheckCase<Implementation>] = { [] }
  ) -> ExerciseDefinition where Implementation == @Sendable (Input) throws -> Output {
    let mutants =
      mistakes.map { row in
        Mutant<Implementation>(
          row.name, diagnosis: row.diagnosis, hint: row.hint,
          implementation: { answer($0, row.variant) })
      } + otherMutants
    return ExerciseDefinition(
      id: id, title: title, stub: stub, reference: reference, hints: hints, solution: solution,
      mutants: mutants,
      cases: {
        rows().map { row in
          CheckCase.row(row, label: label, answer: { answer($0, nil) })
        } + otherCases()
      },
      handValues: {
        rows().compactMap { row in
          row.byHand.flatMap {
            answer(row.input, nil).mismatch(from: $0, label: label, tolerance: row.tolerance)
              .map { "\(row.name): the answer function disagrees with the hand value: \($0)" }
          }
        }
      })
  }
}

/// Seeded random inputs: `make` is called once per shape with one generator seeded
/// `seed`, so the rows are the same on every run.
public func seededRows<Shape, Input, Output>(
  seed: UInt64, _ shapes: [Shape],
  _ make: (inout Xoshiro256StarStar, Shape) -> [Row<Input, Output>]
) -> [Row<Input, Output>] {
  var rng = Xoshiro256StarStar(seed: seed)
  return shapes.flatMap { make(&rng, $0) }
}

extension MistakeRow {
  /// The mutant of this row for an exercise whose function is not `(Input) → Output` (the
  /// Monte Carlo estimators, which take a generator `inout`): `implementation` is the
  /// exercise's answer function with its switch set to `variant`.
  public func mutant<Implementation>(_ implementation: Implementation) -> Mutant<Implementation> {
    Mutant(name, diagnosis: diagnosis, hint: hint, implementation: implementation)
  }
}
