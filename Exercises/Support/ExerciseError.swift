// The one error every stub throws until the student writes a solution.
//
// A stub must never trap (a fatal error): that would end the whole test run, and the
// `exercises` tool could not tell "not started" from "crashed". Throwing lets the test
// runner count the exercise as skipped and the tool show it as "not attempted".

/// What a stub in `Exercises/` throws until you replace its body with your solution.
///
/// ```swift
/// public func meanSquaredError(...) throws -> LossResult {
///   throw ExerciseError.notAttempted   // ← delete this line and write your code
/// }
/// ```
public enum ExerciseError: Error, Equatable, CustomStringConvertible {
  /// The stub still has its original body: nothing has been written yet.
  case notAttempted

  /// `not attempted yet`.
  public var description: String { "not attempted yet" }
}
