// swift-tools-version: 6.0
//
// Deep Learning Lab: a runnable deep-learning course in Swift.
//
// Dependency direction (an arrow means "imports"):
//   system libraries ← NumericsCore ← topic modules ← chapters
// `Plot` imports only `CGD` and takes plain [Double], so no topic module depends on libgd.
// No topic module imports `Plot`; no chapter imports another chapter.

import PackageDescription

/// Every target of the project is compiled in the Swift 6 language mode (strict concurrency
/// checking), with warnings as errors. The flag is per target (not `-Xswiftc` on the command
/// line) so that a warning in a student's exercise file never fails `make test`.
let swiftSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6), .unsafeFlags(["-warnings-as-errors"]),
]

/// The student's exercise files: Swift 6 mode, warnings shown but never errors.
let exerciseSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// One library target per chapter of exercises, `Exercises31` at `Exercises/3.1-models`:
/// a file that does not compile blocks its own chapter only.
/// Each has a check runner, the executable `exercise-check-<chapter>` at
/// `Sources/exercise-checks/<chapter>` that links the chapter's stubs and runs their checks
/// in the child processes of `exercises` and ExerciseTests. 3.2 may call the student's own
/// 3.1 solutions (`import Exercises31`).
let exerciseChapters: [(chapter: String, path: String, earlier: [String])] = [
  ("2.3", "Exercises/2.3-production", []),
  ("3.1", "Exercises/3.1-models", []),
  ("3.2", "Exercises/3.2-loss-functions", ["3.1"]),
  ("3.3", "Exercises/3.3-optimizers", []),
  ("3.4", "Exercises/3.4-regularization", []),
  ("3.5", "Exercises/3.5-monte-carlo", []),
  ("3.6", "Exercises/3.6-sequences", []),
  ("3.7", "Exercises/3.7-rnn", []),
  ("3.8", "Exercises/3.8-gan", []),
]

/// `Exercises31` for chapter `3.1`.
func exerciseTarget(_ chapter: String) -> String {
  "Exercises" + chapter.filter { $0 != "." }
}

let exerciseTargets: [Target] = exerciseChapters.flatMap { chapter -> [Target] in
  [
    .target(
      name: exerciseTarget(chapter.chapter),
      dependencies: ["ExerciseSupport"] + chapter.earlier.map { .target(name: exerciseTarget($0)) },
      path: chapter.path, swiftSettings: exerciseSettings),
    .executableTarget(
      name: "ExerciseCheck" + chapter.chapter.filter { $0 != "." },
      dependencies: ["ExerciseKit", .target(name: exerciseTarget(chapter.chapter))],
      path: "Sources/exercise-checks/\(chapter.chapter)", swiftSettings: swiftSettings),
  ]
}

let exerciseProducts: [Product] = exerciseChapters.map {
  .executable(
    name: "exercise-check-\($0.chapter)",
    targets: ["ExerciseCheck" + $0.chapter.filter { $0 != "." }])
}

let argumentParser: Target.Dependency = .product(
  name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
  name: "DeepLearningLab",
  products: [
    .executable(name: "losses", targets: ["LossesChapter"]),
    .executable(name: "optimizers", targets: ["OptimizersChapter"]),
    .executable(name: "models", targets: ["ModelsChapter"]),
    .executable(name: "monte-carlo", targets: ["MonteCarloChapter"]),
    .executable(name: "overview", targets: ["OverviewChapter"]),
    .executable(name: "sequences", targets: ["SequencesChapter"]),
    .executable(name: "rnn", targets: ["RNNChapter"]),
    .executable(name: "gan", targets: ["GANChapter"]),
    .executable(name: "regularization", targets: ["RegularizationChapter"]),
    .executable(name: "production", targets: ["ProductionChapter"]),
    .executable(name: "course", targets: ["Course"]),
    .executable(name: "exercises", targets: ["ExercisesTool"]),
    .executable(name: "bench", targets: ["Bench"]),
    .executable(name: "plot-gallery", targets: ["PlotGallery"]),
  ] + exerciseProducts,
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // MARK: - System libraries (module maps only; never products)

    /// libgd: PNG canvas, antialiased drawing, FreeType text. Used only by `Plot`.
    .systemLibrary(name: "CGD", path: "Sources/CGD"),
    /// OpenBLAS's CBLAS: `cblas_dgemm` behind `Matrix` multiplication.
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
    /// zlib: reads the gzip-compressed IDX files of Fashion-MNIST.
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),

    // MARK: - Library modules: the reference implementations, readable as a textbook

    /// Element kernels in C (Adam, SGD, rectifiers, column sums, gate nonlinearities),
    /// compiled for the baseline, AVX2 and AVX-512 and chosen at run time. No fused
    /// multiply-add (`-ffp-contract=off`), so every version gives the bits of the scalar
    /// rule; `-fno-math-errno` lets `sqrt` vectorise. Also the recurrent step's small
    /// product (AVX-512 only, explicit FMAs in BLAS's summation order).
    .target(
      name: "CElementKernels", path: "Sources/CElementKernels",
      cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off", "-fno-math-errno"])]),
    /// Matrix, BLAS bridge, seeded generators, sampling, statistics, gradient checking.
    .target(
      name: "NumericsCore", dependencies: ["CBLAS", "CElementKernels"],
      swiftSettings: swiftSettings),
    /// Figures on libgd: axes, ticks, series, legends, subplots → PNG.
    .target(name: "Plot", dependencies: ["CGD"], swiftSettings: swiftSettings),
    /// Fashion-MNIST (IDX), the word list, seeded synthetic data sets, mini-batches.
    .target(
      name: "Datasets", dependencies: ["NumericsCore", "CZlib"], swiftSettings: swiftSettings),
    /// The value types shared by the reference modules and the exercise stubs: LossResult,
    /// Reduction, MonteCarloEstimate (re-exported by Losses and MonteCarlo).
    .target(name: "CourseTypes", dependencies: ["NumericsCore"], swiftSettings: swiftSettings),
    /// 3.2: loss functions with their gradients.
    .target(
      name: "Losses", dependencies: ["NumericsCore", "CourseTypes"], swiftSettings: swiftSettings
    ),
    /// 3.3: optimizers with PyTorch's update rules, and test functions.
    .target(name: "Optimizers", dependencies: ["NumericsCore"], swiftSettings: swiftSettings),
    /// 3.1: layers as values with hand-written backward passes, networks, training.
    .target(
      name: "Layers", dependencies: ["NumericsCore", "Losses", "Optimizers"],
      swiftSettings: swiftSettings),
    /// 3.4: L1/L2 penalties, weight decay, proximal L1, max-norm, early stopping, image
    /// augmentation: all as hooks of the one training loop.
    .target(
      name: "Regularization", dependencies: ["NumericsCore", "Layers"],
      swiftSettings: swiftSettings),
    /// 3.5: Monte Carlo estimators, importance sampling, Metropolis–Hastings.
    .target(
      name: "MonteCarlo", dependencies: ["NumericsCore", "CourseTypes"],
      swiftSettings: swiftSettings),
    /// 3.6: character n-gram models, AR(p) by QR least squares, hidden Markov models.
    .target(name: "Sequences", dependencies: ["NumericsCore"], swiftSettings: swiftSettings),
    /// 3.7: recurrent cells (tanh RNN, LSTM, GRU) in PyTorch layout, BPTT, heads.
    .target(
      name: "Recurrent", dependencies: ["NumericsCore", "Optimizers", "CBLAS", "CElementKernels"],
      swiftSettings: swiftSettings),
    /// 3.8: generative adversarial networks: both players' losses, alternating updates.
    .target(
      name: "Adversarial", dependencies: ["NumericsCore", "Layers", "Losses", "Optimizers"],
      swiftSettings: swiftSettings),
    /// What every chapter shares: options, report tables, figures, summary.json, progress.
    .target(
      name: "ChapterKit", dependencies: ["Datasets", "NumericsCore", "Plot", argumentParser],
      swiftSettings: swiftSettings),
    /// Exercise descriptors, checks (run against student, reference and mutants), hints.
    /// It never links the student's code, so the `exercises` tool builds whatever they wrote.
    .target(
      name: "ExerciseKit",
      dependencies: [
        "NumericsCore", "Losses", "Optimizers", "MonteCarlo", "Layers", "Sequences", "Recurrent",
        "Adversarial", "Regularization", "Production", "ExerciseSupport",
      ],
      swiftSettings: swiftSettings),
    /// What the stubs see: Matrix, generators, LossResult, Reduction, MonteCarloEstimate and
    /// ExerciseError; never the reference implementations they are asked to write.
    .target(
      name: "ExerciseSupport", dependencies: ["NumericsCore", "CourseTypes"],
      path: "Exercises/Support", swiftSettings: swiftSettings),

    /// 2.3's int8 product kernel in C: compiled for the baseline and for AVX2, chosen at run
    /// time (Swift has no per-function target attribute).
    .target(name: "CInt8", path: "Sources/CInt8", cSettings: [.unsafeFlags(["-O3"])]),
    /// 2.3: the problems of production: calibration, shift, quantisation, privacy, attribution.
    .target(
      name: "Production",
      dependencies: ["NumericsCore", "CBLAS", "CInt8", "Layers", "Losses", "Optimizers"],
      swiftSettings: swiftSettings),

    // MARK: - Chapters: one executable each, at Chapters/<n>-<topic>/

    .executableTarget(
      name: "ModelsChapter",
      dependencies: [
        "ChapterKit", "Datasets", "Layers", "NumericsCore", "Optimizers", "Plot", argumentParser,
      ],
      path: "Chapters/3.1-models", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "LossesChapter",
      dependencies: [
        "ChapterKit", "Layers", "Losses", "NumericsCore", "Optimizers", "Plot", argumentParser,
      ],
      path: "Chapters/3.2-loss-functions", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "OptimizersChapter",
      dependencies: [
        "ChapterKit", "Datasets", "Layers", "Losses", "NumericsCore", "Optimizers", "Plot",
        argumentParser,
      ],
      path: "Chapters/3.3-optimizers", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "OverviewChapter",
      dependencies: ["ChapterKit", "Datasets", "Layers", "NumericsCore", "Optimizers", "Plot"],
      path: "Chapters/2.1-overview", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "RegularizationChapter",
      dependencies: [
        "ChapterKit", "Datasets", "Layers", "Losses", "Optimizers", "Regularization", "Plot",
      ],
      path: "Chapters/3.4-regularization", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "MonteCarloChapter",
      dependencies: [
        "ChapterKit", "Layers", "MonteCarlo", "NumericsCore", "Optimizers", "Plot", argumentParser,
      ],
      path: "Chapters/3.5-monte-carlo", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "RNNChapter",
      dependencies: [
        "ChapterKit", "CBLAS", "Datasets", "Optimizers", "Plot", "Recurrent", "Sequences",
      ],
      path: "Chapters/3.7-rnn", exclude: ["LESSON.md"], swiftSettings: swiftSettings),

    .executableTarget(
      name: "SequencesChapter", dependencies: ["ChapterKit", "Datasets", "Sequences", "Plot"],
      path: "Chapters/3.6-sequences", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "GANChapter",
      dependencies: [
        "ChapterKit", "Adversarial", "CBLAS", "Datasets", "Layers", "Losses", "Optimizers", "Plot",
      ],
      path: "Chapters/3.8-gan", exclude: ["LESSON.md"], swiftSettings: swiftSettings),

    .executableTarget(
      name: "ProductionChapter",
      dependencies: [
        "ChapterKit", "Datasets", "Layers", "Losses", "Optimizers", "Production", "Plot",
        argumentParser,
      ],
      path: "Chapters/2.3-production", exclude: ["LESSON.md"], swiftSettings: swiftSettings),

    // MARK: - Tools

    /// Runs every chapter in subprocesses, two at a time, and writes the figure gallery.
    .executableTarget(
      name: "Course", dependencies: ["ChapterKit", argumentParser], path: "Sources/course",
      swiftSettings: swiftSettings),
    /// The student's progress tool: status, checks in child processes, hints.
    .executableTarget(
      name: "ExercisesTool", dependencies: ["ExerciseKit", argumentParser],
      path: "Sources/exercises", swiftSettings: swiftSettings),
    /// Benchmarks of the hot paths (release builds only), table or JSON.
    .executableTarget(
      name: "Bench",
      dependencies: [
        "Adversarial", "CBLAS", "ChapterKit", "Layers", "MonteCarlo", "NumericsCore", "Optimizers",
        "Production", "Recurrent",
        argumentParser,
      ],
      path: "Sources/bench", swiftSettings: swiftSettings),
    /// One figure of every kind, to look at: the plotting module's visual check.
    .executableTarget(
      name: "PlotGallery", dependencies: ["NumericsCore", "Plot", argumentParser],
      path: "Sources/plot-gallery",
      swiftSettings: swiftSettings),

    // MARK: - Unit test bundles (mirror the modules)

    /// Shared XCTest helpers: the one gradient checker every layer and loss test calls, and
    /// `checkLayerGradients` for every layer (input and parameter gradients).
    .target(
      name: "TestSupport", dependencies: ["Layers", "NumericsCore"], path: "Tests/TestSupport",
      swiftSettings: swiftSettings),

    .testTarget(
      name: "NumericsCoreTests",
      dependencies: ["CBLAS", "CElementKernels", "NumericsCore", "TestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(name: "PlotTests", dependencies: ["Plot"], swiftSettings: swiftSettings),
    .testTarget(
      name: "DatasetsTests", dependencies: ["CZlib", "Datasets", "NumericsCore"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "LossesTests", dependencies: ["Losses", "NumericsCore", "TestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "OptimizersTests", dependencies: ["NumericsCore", "Optimizers", "TestSupport"],
      exclude: ["Fixtures"], swiftSettings: swiftSettings),
    .testTarget(
      name: "LayersTests",
      dependencies: ["Layers", "Losses", "NumericsCore", "Optimizers", "TestSupport"],
      exclude: ["Fixtures"], swiftSettings: swiftSettings),
    .testTarget(
      name: "RegularizationTests", dependencies: ["TestSupport", "Regularization", "Layers"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "MonteCarloTests", dependencies: ["MonteCarlo", "NumericsCore"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "ChapterKitTests", dependencies: ["ChapterKit", argumentParser],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "AdversarialTests", dependencies: ["TestSupport", "Adversarial"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SequencesTests", dependencies: ["TestSupport", "Sequences"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RecurrentTests", dependencies: ["TestSupport", "Recurrent"],
      exclude: ["Fixtures"], swiftSettings: swiftSettings),
    .testTarget(
      name: "ProductionTests", dependencies: ["TestSupport", "Production", "Layers"],
      resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
    /// Runs each built chapter executable with --quick into a temporary folder.
    .testTarget(name: "ChapterTests", swiftSettings: swiftSettings),
    /// The student's work, each exercise in a child process (the chapter's check runner)
    /// with a time limit: not attempted ⇒ skipped, so a fresh clone is green.
    .testTarget(name: "ExerciseTests", dependencies: ["ExerciseKit"], swiftSettings: swiftSettings),
    /// The checks themselves: the reference passes, every known mistake fails.
    .testTarget(
      name: "ExerciseKitTests",
      dependencies: ["ExerciseKit", "Losses", "Optimizers", "MonteCarlo", "Layers"],
      swiftSettings: swiftSettings),
  ] + exerciseTargets
)
