// Ready-made cases for exercises whose answer is a `LossResult` (a value and a gradient):
// compare both with an expected result, or gradient-check the implementation's gradient
// against finite differences of its own value.

import Losses
import NumericsCore

extension CheckCase {
  /// A case that compares the value and the gradient with `expected`.
  ///
  /// The fingerprint is the value, the gradient's shape and its elements.
  /// - Parameters:
  ///   - name: shown in messages, e.g. `fixed 2×2, reduction .mean`.
  ///   - input: the input, printed.
  ///   - expected: the right answer, from hand calculation or an independent computation.
  ///   - tolerance: how close is right (default `.standard`).
  ///   - call: runs the implementation on the input.
  public static func loss(
    _ name: String, input: String, expected: LossResult, tolerance: Tolerance = .standard,
    call: @escaping @Sendable (Implementation) throws -> LossResult
  ) -> CheckCase {
    CheckCase(name, input: input) { implementation in
      let got = try call(implementation)
      let problem =
        compare("value", got: got.value, expected: expected.value, tolerance: tolerance)
        ?? compare(
          "gradient", got: got.gradient, expected: expected.gradient, tolerance: tolerance)
      return Observation(fingerprint: fingerprint(of: got), problem: problem)
    }
  }

  /// A case that compares only the value with `expected` (the fingerprint is the value).
  ///
  /// Use it for edge cases about the value alone, such as overflow at extreme logits: a
  /// student's overflow is then recognised whatever their gradient does there.
  public static func lossValue(
    _ name: String, input: String, expected: Double, tolerance: Tolerance = .standard,
    call: @escaping @Sendable (Implementation) throws -> LossResult
  ) -> CheckCase {
    CheckCase(name, input: input) { implementation in
      let got = try call(implementation).value
      return Observation(
        fingerprint: [got],
        problem: compare("value", got: got, expected: expected, tolerance: tolerance))
    }
  }

  /// A case that checks the returned gradient against central finite differences of the
  /// returned value (NumericsCore's `checkGradient`), at `point`.
  ///
  /// This catches a gradient that is not the derivative of the value, whatever the value.
  /// - Parameters:
  ///   - name: shown in messages.
  ///   - input: the input, printed.
  ///   - point: where the gradient is checked (the loss's first argument).
  ///   - tolerance: the largest acceptable relative error `|a − n| / max(1e-8, |a| + |n|)`:
  ///     1e-7 for smooth losses, larger only when a kink is nearby.
  ///   - call: runs the implementation with `point` (or a perturbed copy) as first argument.
  public static func gradientCheck(
    _ name: String, input: String, at point: Matrix, tolerance: Double = 1e-7,
    call: @escaping @Sendable (Implementation, Matrix) throws -> LossResult
  ) -> CheckCase {
    CheckCase(name, input: input) { implementation in
      let result = try call(implementation, point)
      guard result.gradient.rows == point.rows, result.gradient.columns == point.columns else {
        return Observation(
          fingerprint: fingerprint(of: result),
          problem: "gradient has shape \(result.gradient.shapeDescription), "
            + "expected \(point.shapeDescription) (the shape of the first argument)")
      }
      var thrown: (any Error)?
      let check = checkGradient(
        of: { x in
          do { return try call(implementation, x).value } catch {
            thrown = error
            return .nan
          }
        }, at: point, analytic: result.gradient)
      if let thrown { throw thrown }
      let problem =
        check.passes(tolerance: tolerance)
        ? nil
        : "gradient check: your gradient is not the derivative of your loss value: at "
          + "element \(check.worstIndex) your gradient is \(formatted(check.analytic)), "
          + "finite differences of your value give \(formatted(check.numeric)) "
          + "(relative error \(formatted(check.maxRelativeError)) > \(formatted(tolerance)))"
      return Observation(fingerprint: result.gradient.elements, problem: problem)
    }
  }
}

/// The numbers a `LossResult` is recognised by: value, gradient shape, gradient elements.
func fingerprint(of result: LossResult) -> [Double] {
  [result.value, Double(result.gradient.rows), Double(result.gradient.columns)]
    + result.gradient.elements
}
