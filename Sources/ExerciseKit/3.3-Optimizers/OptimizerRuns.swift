// What the 3.3 exercises share: a run (starting parameters, where the gradients come from,
// how many steps, the learning rate on each step), the driver that applies an update rule
// along it, and the trace it records: the parameters AND the optimizer's state after
// every step.
//
// The student writes ONE update step with its state passed in and out explicitly. The
// checks judge the step by its consequences: the driver starts every state at zero, calls
// the step again and again (each parameter with its own state) and records, after every
// step, the parameters, the state buffers and the step count. The state is compared too,
// because two different states can give the same path: DLFS's velocity v = −lr·b gives
// PyTorch's path at a constant learning rate (and parts ways when the rate changes, which
// one run does midway), an AdaGrad state holding √s gives the same steps as one holding s.
// The reference optimizer in the Optimizers module keeps its state privately, so its trace
// has parameters only. Expected traces come from each exercise's coordinate rule, written
// out in the check file with a mistake switch (`coordinateRule`).

import Foundation
import NumericsCore
import Optimizers

extension ExerciseChapter {
  /// Chapter 3.3.
  static let optimizers = ExerciseChapter(
    id: "3.3", title: "Optimizers (优化算法)", directory: "Exercises/3.3-optimizers")
}

/// Hyperparameters of a 3.3 exercise: printed into every message, and a learning rate the
/// run may change between steps.
public protocol OptimizerSettings: Sendable, CustomStringConvertible {
  /// `lr`, as passed to the step (the run may scale it on later steps).
  var learningRate: Double { get set }
}

/// A run and the hyperparameters it is followed with: the input of a 3.3 table row.
public struct OptimizerCase<Settings: OptimizerSettings>: Sendable, CustomStringConvertible {
  /// Where the parameters start, where the gradients come from, how many steps.
  public let run: OptimizerRun
  /// The hyperparameters.
  public let settings: Settings

  /// The run's input and the settings, printed.
  public var description: String { "\(run.input); \(settings)" }

  /// The settings of step `step` (from 1): the learning rate scaled as the run says.
  public func settings(at step: Int) -> Settings {
    var s = settings
    s.learningRate *= run.learningRateFactor(step)
    return s
  }
}

/// What an implementation of a 3.3 exercise does: follow a run, return the trace.
public typealias OptimizerRunner<Settings: OptimizerSettings> =
  @Sendable (OptimizerCase<Settings>) throws -> OptimizerTrace

/// The parameters (and, when observable, the state) after every step.
public struct OptimizerTrace: CheckedOutput {
  /// One step's record.
  public struct Step: Sendable {
    /// Every parameter after the step.
    public var parameters: [Matrix]
    /// Every parameter's state buffers after the step (`state[i][n]` is buffer `n` of
    /// parameter `i`), or nil when the implementation keeps them private (the reference).
    public var state: [[Matrix]]?
    /// Every parameter's step count after the step (Adam), or nil.
    public var counts: [Int]?
  }

  /// The steps, in order.
  public var steps: [Step]
  /// What the state buffers are called in the stub (`buffer`, `firstMoment`).
  public var stateNames: [String]

  public func mismatch(
    from expected: OptimizerTrace, label: String, tolerance: Tolerance
  )
    -> String?
  {
    guard steps.count == expected.steps.count else {
      return "the path has \(steps.count) steps, expected \(expected.steps.count)"
    }
    for (k, (got, want)) in zip(steps, expected.steps).enumerated() {
      let agree = k == 0 ? "" : k == 1 ? " (step 1 agrees)" : " (steps 1–\(k) agree)"
      let several = want.parameters.count > 1
      func located(_ problem: String) -> String {
        "after step \(k + 1) of \(steps.count): \(problem)\(agree)"
      }
      for i in want.parameters.indices {
        if let problem = compareParameter(
          several ? "parameter \(i)" : "p", got: got.parameters[i],
          expected: want.parameters[i], tolerance: tolerance)
        {
          return located(problem)
        }
      }
      if let gotState = got.state, let wantState = want.state {
        for i in wantState.indices {
          for (n, name) in stateNames.enumerated() {
            if let problem = compareParameter(
              several ? "\(name) of parameter \(i)" : name, got: gotState[i][n],
              expected: wantState[i][n], tolerance: tolerance)
            {
              return located(problem + " (the state the doc comment says this buffer holds)")
            }
          }
        }
      }
      if let gotCounts = got.counts, let wantCounts = want.counts, gotCounts != wantCounts {
        return located("step: got \(gotCounts), expected \(wantCounts)")
      }
    }
    return nil
  }

  public var fingerprint: [Double] {
    var numbers: [Double] = []
    for step in steps {
      for parameter in step.parameters { numbers += parameter.elements }
      for buffers in step.state ?? [] {
        for buffer in buffers { numbers += buffer.elements }
      }
      numbers += (step.counts ?? []).map { Double($0) }
    }
    return numbers
  }

}

/// Starting parameters, where their gradients come from, how many steps to take, and the
/// learning rate's factor on each step.
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
  /// The factor the settings' learning rate is multiplied by on step `step` (1 throughout,
  /// unless the run changes the rate midway as a schedule does).
  public var learningRateFactor: @Sendable (_ step: Int) -> Double = { _ in 1 }

  /// The same run with the learning rate multiplied by `factor` from step `step` on.
  func changingLearningRate(by factor: Double, from step: Int) -> OptimizerRun {
    var run = OptimizerRun(
      name: name + ", lr × \(formatted(factor)) from step \(step)",
      input: input + "; the learning rate is multiplied by \(formatted(factor)) from step "
        + "\(step) on (a schedule; the state must carry over)",
      start: start, steps: steps, gradient: gradient)
    run.learningRateFactor = { $0 >= step ? factor : 1 }
    return run
  }

  /// Applies `update(&parameter, gradient, &stateA, &stateB, &count, step, index)`
  /// to every parameter on every step, each parameter with its own zero-started state,
  /// and records the trace.
  ///
  /// - Parameters:
  ///   - stateNames: the buffers the update keeps (0, 1 or 2), as the stub names them; none
  ///     for an implementation whose state is private (the trace then has no state).
  ///   - countsSteps: whether the update keeps a step count (Adam).
  /// - Throws: `OptimizerRunError.shapeChanged` when an update changes a parameter's
  ///   shape (before the next gradient, which expects the old shape, is asked for).
  public func drive(
    stateNames: [String], countsSteps: Bool = false,
    _ update: (
      inout Matrix, Matrix, inout Matrix, inout Matrix, inout Int, _ step: Int, _ index: Int
    ) throws -> Void
  ) throws -> OptimizerTrace {
    var current = start
    var first = start.map { Matrix.zeros(like: $0) }
    var second = first
    var counts = [Int](repeating: 0, count: start.count)
    var trace = OptimizerTrace(steps: [], stateNames: stateNames)
    for step in stride(from: 1, through: steps, by: 1) {
      for index in current.indices {
        guard let g = gradient(index, current[index], step) else { continue }
        let before = current[index].shapeDescription
        var (a, b, t) = (first[index], second[index], counts[index])
        try update(&current[index], g, &a, &b, &t, step, index)
        (first[index], second[index], counts[index]) = (a, b, t)
        if current[index].shapeDescription != before {
          throw OptimizerRunError.shapeChanged(
            parameter: index, step: step, from: before, to: current[index].shapeDescription)
        }
      }
      let state = stateNames.isEmpty ? nil : first.indices.map { [first[$0], second[$0]] }
      trace.steps.append(
        OptimizerTrace.Step(
          parameters: current, state: state.map { $0.map { Array($0.prefix(stateNames.count)) } },
          counts: countsSteps ? counts : nil))
    }
    return trace
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

extension Tolerance {
  /// `1e-12` absolute plus `1e-11` relative. Writing a rule in another order of operations
  /// (`lr·g/√s` or `lr/√s·g`, `m̂/(√v̂ + ε)` or PyTorch's `lr/(1 − β1^t) · m/(√v/√(1 − β2^t) + ε)`)
  /// changes these paths by less than 1e-13 (measured on every run here, whose steps do not
  /// amplify rounding); every mistake changes them by far more than 1e-11.
  static let path = Tolerance(absolute: 1e-12, relative: 1e-11)
}

/// The first element of a matrix that is out of tolerance, with the whole matrix when it
/// is small; nil when every element is close enough.
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
/// `a` and `b` of this coordinate (both 0 before the first step, kept between steps), the
/// step count `t` of this parameter (1 on its first step) and this step's settings.
typealias CoordinateRule<Settings> =
  @Sendable (
    _ p: inout Double, _ g: Double, _ a: inout Double, _ b: inout Double, _ t: Int,
    _ settings: Settings
  ) -> Void

/// Turns a coordinate rule into a runner whose trace records `stateNames.count` buffers
/// (and the step count when `countsSteps`): the answer function of every 3.3 exercise.
func coordinateRule<Settings>(
  _ rule: @escaping CoordinateRule<Settings>, stateNames: [String], countsSteps: Bool = false
) -> OptimizerRunner<Settings> {
  { x in
    try x.run.drive(stateNames: stateNames, countsSteps: countsSteps) { p, g, a, b, t, step, _ in
      t += 1
      let settings = x.settings(at: step)
      var (values, first, second) = (p.elements, a.elements, b.elements)
      let gradient = g.elements
      for k in values.indices {
        rule(&values[k], gradient[k], &first[k], &second[k], t, settings)
      }
      p = Matrix(rows: p.rows, columns: p.columns, elements: values)
      a = Matrix(rows: a.rows, columns: a.columns, elements: first)
      b = Matrix(rows: b.rows, columns: b.columns, elements: second)
    }
  }
}

/// Drives an optimizer of the Optimizers module along a run, slot `i` for parameter `i`,
/// setting its learning rate before every step: the `solution:` of every 3.3 exercise.
func referenceTrace<Settings>(
  _ x: OptimizerCase<Settings>, _ optimizer: some Optimizer
) throws -> OptimizerTrace {
  var optimizer = optimizer
  return try x.run.drive(stateNames: []) { parameter, gradient, _, _, _, step, index in
    optimizer.learningRate = x.settings(at: step).learningRate
    optimizer.update(&parameter, along: gradient, slot: index)
  }
}

/// A row of a 3.3 table: the run followed with the settings.
func pathRow<Settings>(
  _ run: OptimizerRun, _ settings: Settings, byHand: OptimizerTrace? = nil
) -> Row<OptimizerCase<Settings>, OptimizerTrace> {
  Row(
    "\(run.name), \(settings)", OptimizerCase(run: run, settings: settings), byHand: byHand,
    tolerance: .path)
}

/// A one-parameter trace worked out by hand: `parameters[k]` and `state[k]` (one row per
/// buffer) after step k + 1; counts 1, 2, … when `countsSteps`.
func handTrace(
  parameters: [[Double]], state: [[[Double]]], stateNames: [String], countsSteps: Bool = false
) -> OptimizerTrace {
  OptimizerTrace(
    steps: parameters.indices.map { k in
      OptimizerTrace.Step(
        parameters: [Matrix(row: parameters[k])], state: [state[k].map { Matrix(row: $0) }],
        counts: countsSteps ? [k + 1] : nil)
    }, stateNames: stateNames)
}
