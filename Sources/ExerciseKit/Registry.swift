// The registry: every exercise of the course, in the order a student does them.
//
// HOW TO ADD AN EXERCISE (say 3.3.1, "SGD with momentum", in chapter 3.3):
//
// 1. Stub: `Exercises/3.3-optimizers/MomentumStep.swift`. Same signature as the reference
//    function in the topic module, plus `throws`; a doc comment that states the task
//    exactly (formula in a code block, shapes, conventions, a worked example); the body
//    `throw ExerciseError.notAttempted`. Never `fatalError` (it ends the whole test run).
//    Name the function like the reference: the checks call it as `Exercises.name(...)`.
//    A new topic module goes into the dependencies of the `Exercises` and `ExerciseKit`
//    targets in Package.swift (the stubs use its types, the checks its reference).
// 2. Check file: `Sources/ExerciseKit/3.3-Optimizers/MomentumStepExercise.swift` with an
//    `ExerciseDefinition<YourFunctionType>`: id, title, stub path, reference location,
//    2–3 hints (the last close to the answer), `student:` calling `Exercises.…`,
//    `solution:` calling the reference module, and `cases`: fixed cases worked out by
//    hand (write the arithmetic in a comment), seeded random cases on several shapes
//    compared with an independent computation written out in the file (never with the
//    reference module, which these same cases check), edge cases, and a
//    `.gradientCheck` case for every gradient. `CheckCase.loss` / `.gradientCheck` cover
//    functions returning `LossResult`; for other outputs write `CheckCase(name, input:)`
//    returning an `Observation` (use `compare` and `formatted` for messages).
// 3. Mutants: `Sources/ExerciseKit/3.3-Optimizers/MomentumStepMutants.swift`, an extension
//    holding `static let mutants`: at least two realistic mistakes, each with a diagnosis
//    sentence ("this is … without bias correction") and the hint tier that addresses it.
//    ExerciseKitTests fails if a mutant passes or is not recognised as itself; if two
//    mutants give the same numbers on every case, add a case that tells them apart.
//    An edge case about one number only (overflow at extreme inputs) is best a separate
//    value-only case (`.lossValue`), so the mistake is recognised whatever else it breaks.
// 4. One registry line below (and a chapter in `chapters` if it is new; declare it next
//    to the chapter's function types, as `ExerciseChapter.lossFunctions` is).
// 5. One test method in `Tests/ExerciseTests/StudentExerciseTests.swift`
//    (`func test_3_3_1() throws { try checkStudent("3.3.1") }`); a guard test there fails
//    until it exists.
// Then run `swift test --filter ExerciseKitTests`: the reference must pass, every mutant
// must fail, and the stub must still be unattempted.

/// A chapter's exercises share a number prefix and a folder of stubs.
public struct ExerciseChapter: Sendable, Equatable {
  /// `3.2`.
  public let id: String
  /// `Loss functions (损失函数)`.
  public let title: String
  /// The folder of stubs from the package root.
  public let directory: String

  /// Creates a chapter.
  public init(id: String, title: String, directory: String) {
    self.id = id
    self.title = title
    self.directory = directory
  }
}

/// Every chapter and exercise, in course order.
public enum ExerciseRegistry {
  /// The chapters that have exercises.
  public static let chapters: [ExerciseChapter] = [
    .models, .lossFunctions, .optimizers, .monteCarlo,
  ]

  /// Every exercise: one line each.
  public static let all: [Exercise] = [
    Exercise(DenseForwardExercise.definition),
    Exercise(DenseBackwardExercise.definition),
    Exercise(ReLUBackwardExercise.definition),
    Exercise(StableSoftmaxExercise.definition),
    Exercise(ClassificationAccuracyExercise.definition),
    Exercise(MeanSquaredErrorExercise.definition),
    Exercise(HuberLossExercise.definition),
    Exercise(BinaryCrossEntropyExercise.definition),
    Exercise(SoftmaxCrossEntropyExercise.definition),
    Exercise(MomentumExercise.definition),
    Exercise(AdaGradExercise.definition),
    Exercise(RMSpropExercise.definition),
    Exercise(AdamExercise.definition),
    Exercise(AdaDeltaExercise.definition),
    Exercise(EstimatePiExercise.definition),
    Exercise(IntegrateExercise.definition),
    Exercise(ImportanceSamplingExercise.definition),
    Exercise(MetropolisStepExercise.definition),
  ]

  /// The exercise with this identifier, if any.
  public static func exercise(_ id: String) -> Exercise? {
    all.first { $0.id == id }
  }

  /// The exercises of a chapter, in order.
  public static func exercises(in chapter: ExerciseChapter) -> [Exercise] {
    all.filter { $0.chapterID == chapter.id }
  }
}
