// The registry: every exercise of the course, in the order a student does them.
//
// HOW TO ADD AN EXERCISE (the pattern every exercise follows; say 3.4.1, "L2 penalty", in a
// new chapter 3.4 — see MeanSquaredErrorExercise.swift for a complete one, ~130 lines):
//
// 1. Stub: `Exercises/3.4-regularization/L2Penalty.swift`. Same signature as the reference
//    function in the topic module, plus `throws`; `import ExerciseSupport` (never a
//    reference module); a doc comment that states the task exactly (formula in a code
//    block, shapes, conventions, the order of any random draws, a worked example); the body
//    `throw ExerciseError.notAttempted  // ← replace this line with your solution`.
//    Never `fatalError`. A type the stub needs that lives in a reference module moves down
//    into `CourseTypes` (re-exported by that module, so nothing else changes).
// 2. New chapter only: one row in `exerciseChapters` in Package.swift
//    (`("3.4", "Exercises/3.4-regularization", [])`; list earlier chapters whose solutions
//    the student may call), a `Sources/exercise-checks/3.4/main.swift` (copy 3.1's), an
//    `ExerciseChapter` next to the chapter's input type, and a line in `chapters` below.
// 3. Check file: `Sources/ExerciseKit/3.4-Regularization/L2PenaltyExercise.swift`:
//    - an input struct (or reuse the chapter's) that prints itself with the stub's argument
//      names: messages show `row.input.description`, so what is printed is what was run;
//    - `enum Mistake` and `static func answer(_ input, _ mistake: Mistake?) -> Output`: the
//      formula written out in the check (never the reference module, which these checks
//      judge); each known mistake is a `case` that changes one line of it;
//    - `ExerciseDefinition<…>.table(id:title:stub:reference:hints:label:solution:answer:
//      mistakes:rows:otherCases:)`: 2–3 hints (the last close to the answer), `solution:`
//      calling the reference, `mistakes:` one `MistakeRow(.case, name, hint:, diagnosis)`
//      per mistake (a structurally different one may be a `Mutant` in `otherMutants:`);
//    - `rows()`: rows worked out by hand with `byHand:` (the arithmetic in a comment; a
//      test checks the answer function agrees), edge cases, and `seededRows(seed:…)` on
//      several shapes (non-square, batch 1);
//    - `otherCases`: `.gradientCheck(…)` for every gradient (one checker for all: give the
//      argument, how to read and replace it, the scalar it is the derivative of), and
//      anything that is not a row (a statistical case).
//    The output compares itself: `Matrix`, `Double`, `LossResult`, `NamedMatrices` (several
//    matrices, or a sequence `NamedMatrices(sequence: "h", states)`) and `OptimizerTrace`
//    (parameters and state after every step) are `CheckedOutput`s; a new kind conforms once.
//    Random draws the doc comment fixes are checked with `MonteCarloCheckGenerator`, which
//    scripts uniforms and records how many words were drawn (`draws`).
// 4. Binding: in `Sources/exercise-checks/3.4/main.swift`, one
//    `L2PenaltyExercise.definition.binding({ try Exercises34.l2Penalty(…) })`: the only place
//    that calls the student's code (ExerciseKit never links it).
// 5. One registry line below, and one test method in
//    `Tests/ExerciseTests/StudentExerciseTests.swift`
//    (`func test_3_4_1() throws { try checkStudent("3.4.1") }`); guard tests fail until both
//    exist.
// Then `swift test --filter ExerciseKitTests`: the answer function agrees with every hand
// value, the reference passes, every mistake fails and is named (if two mistakes give the
// same numbers on every case, add a row that tells them apart), every exercise is bound,
// and the stub is still unattempted.
//
// How a mistake is named: only when the mutant fails exactly the cases the student fails,
// with the student's numbers on each (Evaluation.swift); otherwise the message shows case,
// input, got and expected, and names nothing.

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
    .production, .models, .lossFunctions, .optimizers, .regularization, .monteCarlo, .sequences,
    .recurrent,
    .adversarial,
  ]

  /// Every exercise: one line each.
  public static let all: [Exercise] = [
    Exercise(CalibrationErrorExercise.definition),
    Exercise(PerExampleClippingExercise.definition),
    Exercise(IntegratedGradientsExercise.definition),
    Exercise(QuantizeColumnExercise.definition),
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
    Exercise(SoftThresholdExercise.definition),
    Exercise(MaxNormExercise.definition),
    Exercise(DropoutExercise.definition),
    Exercise(MaxPoolBackwardExercise.definition),
    Exercise(L2GradientExercise.definition),
    Exercise(Im2ColExercise.definition),
    Exercise(EstimatePiExercise.definition),
    Exercise(IntegrateExercise.definition),
    Exercise(ImportanceSamplingExercise.definition),
    Exercise(MetropolisStepExercise.definition),
    Exercise(AddKProbabilitiesExercise.definition),
    Exercise(PerplexityExercise.definition),
    Exercise(ViterbiStepExercise.definition),
    Exercise(AutoregressiveDesignExercise.definition),
    Exercise(RNNCellForwardExercise.definition),
    Exercise(RNNBackpropagationExercise.definition),
    Exercise(ClipByGlobalNormExercise.definition),
    Exercise(LSTMCellForwardExercise.definition),
    Exercise(DiscriminatorLossExercise.definition),
    Exercise(GeneratorGradientExercise.definition),
    Exercise(AlternatingStepExercise.definition),
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
