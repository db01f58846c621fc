// What the 3.3 exercises share: a run (starting parameters, where the gradients come
// from, how many steps), the driver that applies an update rule along it, and the case
// that compares the path an implementation takes with the expected path.
//
// The student writes ONE update step with its state passed in and out explicitly. The
// checks judge the step by its consequences: the driver starts every state at zero, calls
// the step again and again (each parameter with its own state) and records the parameters
// after every step. The reference optimizer in the Optimizers module keeps its state
// privately per slot, so the same run drives it through `update(_:along:slot:)`, and both
// are compared with an expected path: fixed by hand for the first steps, otherwise the
// update rule written out coordinate by coordinate in the check file (`coordinateRule`).

import Foundation
import NumericsCore
import Optimizers

extension ExerciseChapter {
  /// Chapter 3.3.
  static let optimizers = ExerciseChapter(
    id: "3.3", title: "Optimizers (优化算法)", directory: "Exercises/3.3-optimizers")
}

/// The parameters after every step: `path[k][i]` is parameter `i` after step `k + 1`.
public typealias OptimizerPath = [[Matrix]]

/// What a 3.3 exercise's implementation does: follow a run with the given hyperparameters
/// and return the path. The student's step, the reference optimizer and each mutant are
/// all wrapped into this type.
public typealias OptimizerRunner<Settings> =
  @Sendable (OptimizerRun, Settings) throws -> OptimizerPath

/// Starting parameters, where their gradients come from, and how many steps to take.
public struct OptimizerRun: Sendable {
  /// A short name for messages: `Rosenbrock, 200 steps from (0, 0)`.
  public let name: String
  /// The input, printed so the student can reproduce the run.
  public let input: String
  /// The parameters before the first step (each gets its own optimizer state).
  public let start: [Matrix]
  /// How many steps to take.
  public let steps: Int
  /// `∂loss/∂p` of parameter `index` at its current value on step `step` (from 1), or nil
  /// when that parameter is not updated on that step (so its state must not advance).
  public let gradient: @Sendable (_ index: Int, _ parameter: Matrix, _ step: Int) -> Matrix?

  /// Applies `update(&parameter, gradient, index)` to every parameter on every step and
  /// records the parameters after each step.
  ///
  /// - Throws: `OptimizerRunError.shapeChanged` when an update changes a parameter's
  ///   shape (before the next gradient, which expects the old shape, is asked for).
  func drive(_ update: (inout Matrix, Matrix, Int) throws -> Void) throws -> OptimizerPath {
    var current = start
    var path: OptimizerPath = []
    path.reserveCapacity(steps)
    for step in stride(from: 1, through: steps, by: 1) {
      for index in current.indices {
        guard let g = gradient(index, current[index], step) else { continue }
        let before = current[index].shapeDescription
        try update(&current[index], g, index)
        if current[index].shapeDescription != before {
          throw OptimizerRunError.shapeChanged(
            parameter: index, step: step, from: before, to: current[index].shapeDescription)
        }
      }
      path.append(current)
    }
    return path
  }
}

/// A step that broke the run.
enum OptimizerRunError: Error, CustomStringConvertible {
  case shapeChanged(parameter: Int, step: Int, from: String, to: String)

  var description: String {
    switch self {
    case .shapeChanged(let parameter, let step, let from, let to):
      "step \(step) changed parameter \(parameter) from \(from) to \(to): update it in place, "
        + "element by element, keeping its shape"
    }
  }
}

/// How close a path must stay to the expected one.
extension Tolerance {
  /// `1e-12` absolute plus `1e-11` relative. Writing a rule in another order of operations
  /// (`lr·g/√s` or `lr/√s·g`, `m̂/(√v̂ + ε)` or PyTorch's `lr/(1 − β1^t) · m/(√v/√(1 − β2^t) + ε)`)
  /// changes these paths by less than 1e-13 (measured on every run here, whose steps do not
  /// amplify rounding); every mistake changes them by far more than 1e-11.
  static let path = Tolerance(absolute: 1e-12, relative: 1e-11)
}

extension CheckCase {
  /// A case that follows `run` with `settings` and compares every step's parameters with
  /// `expected`; the fingerprint is every element of the path.
  static func path<Settings: CustomStringConvertible & Sendable>(
    _ run: OptimizerRun, _ settings: Settings, expected: OptimizerPath,
    tolerance: Tolerance = .path
  ) -> CheckCase where Implementation == OptimizerRunner<Settings> {
    CheckCase("\(run.name), \(settings)", input: "\(run.input); \(settings)") { implementation in
      let got = try implementation(run, settings)
      return Observation(
        fingerprint: got.flatMap { $0.flatMap(\.elements) },
        problem: comparePaths(got, expected, tolerance: tolerance))
    }
  }

  /// A `path` case whose expected path is `rule` applied coordinate by coordinate.
  static func path<Settings: CustomStringConvertible & Sendable>(
    _ run: OptimizerRun, _ settings: Settings, rule: @escaping CoordinateRule<Settings>
  ) -> CheckCase where Implementation == OptimizerRunner<Settings> {
    // The rule never throws, so neither does its path.
    let expected = (try? coordinateRule(rule)(run, settings)) ?? []
    return path(run, settings, expected: expected)
  }
}

/// The first step and parameter where `got` leaves `expected`, said in a sentence.
func comparePaths(
  _ got: OptimizerPath, _ expected: OptimizerPath, tolerance: Tolerance
) -> String? {
  guard got.count == expected.count else {
    return "the path has \(got.count) steps, expected \(expected.count)"
  }
  for step in got.indices {
    for index in expected[step].indices {
      let name = expected[step].count > 1 ? "parameter \(index)" : "p"
      guard
        let problem = compareParameter(
          name, got: got[step][index], expected: expected[step][index], tolerance: tolerance)
      else { continue }
      let agree =
        step == 0 ? "" : step == 1 ? " (step 1 agrees)" : " (steps 1–\(step) agree)"
      return "after step \(step + 1) of \(got.count): \(problem)\(agree)"
    }
  }
  return nil
}

/// The first element of a parameter that is out of tolerance, with the whole parameter
/// when it is small; nil when every element is close enough.
private func compareParameter(
  _ name: String, got: Matrix, expected: Matrix, tolerance: Tolerance
) -> String? {
  guard got.rows == expected.rows, got.columns == expected.columns else {
    return "\(name) has shape \(got.shapeDescription), expected \(expected.shapeDescription)"
  }
  let (g, e) = (got.elements, expected.elements)
  guard let k = g.indices.first(where: { !tolerance.accepts(g[$0], e[$0]) }) else {
    return nil
  }
  var problem =
    "\(name)[\(k / got.columns), \(k % got.columns)]: got \(formatted(g[k])), "
    + "expected \(formatted(e[k]))"
  if !g[k].isFinite {
    problem += " (not finite: a division by zero, or the root of a negative number?)"
  } else if formatted(g[k]) == formatted(e[k]) {
    // Ten digits agree: say by how much they differ, or the message reads "x, expected x".
    problem += String(format: " (they differ by %.2g, more than rounding explains)", g[k] - e[k])
  }
  if got.count <= 12 {
    problem += "; whole \(name): got \(formatted(got)), expected \(formatted(expected))"
  }
  return problem
}

/// One coordinate's update: the parameter `p`, its gradient `g`, up to two state values
/// `a` and `b` of this coordinate (both 0 before the first step, kept between steps) and
/// the step count `t` of this parameter (1 on its first step).
typealias CoordinateRule<Settings> =
  @Sendable (
    _ p: inout Double, _ g: Double, _ a: inout Double, _ b: inout Double, _ t: Int,
    _ settings: Settings
  ) -> Void

/// Turns a coordinate rule into a runner: every parameter keeps its own `a`, `b` and `t`.
///
/// The expected paths are written with it (the correct rule, in the check file) and so
/// are the mutants (each a rule with one mistake), independently of the Optimizers module.
func coordinateRule<Settings>(
  _ rule: @escaping CoordinateRule<Settings>
) -> OptimizerRunner<
  Settings
> {
  { run, settings in
    var first = run.start.map { [Double](repeating: 0, count: $0.count) }
    var second = first
    var counts = [Int](repeating: 0, count: run.start.count)
    return try run.drive { parameter, gradient, index in
      counts[index] += 1
      var values = parameter.elements
      let g = gradient.elements
      for k in values.indices {
        rule(&values[k], g[k], &first[index][k], &second[index][k], counts[index], settings)
      }
      parameter = Matrix(rows: parameter.rows, columns: parameter.columns, elements: values)
    }
  }
}

/// Drives an optimizer of the Optimizers module along a run, slot `i` for parameter `i`:
/// the `solution:` of every 3.3 exercise.
func referencePath(_ run: OptimizerRun, _ optimizer: some Optimizer) throws -> OptimizerPath {
  var optimizer = optimizer
  return try run.drive { parameter, gradient, index in
    optimizer.update(&parameter, along: gradient, slot: index)
  }
}
