// swift-tools-version: 6.0
//
// Deep Learning Lab: a runnable deep-learning course in Swift.
//
// Dependency direction (an arrow means "imports"):
//   system libraries ← NumericsCore ← topic modules ← chapters
// `Plot` imports only `CGD` and takes plain [Double], so no topic module depends on libgd.
// No topic module imports `Plot`; no chapter imports another chapter.

import PackageDescription

/// Every target is compiled in the Swift 6 language mode (strict concurrency checking).
let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let argumentParser: Target.Dependency = .product(
  name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
  name: "DeepLearningLab",
  products: [
    .executable(name: "losses", targets: ["LossesChapter"]),
    .executable(name: "optimizers", targets: ["OptimizersChapter"]),
    .executable(name: "models", targets: ["ModelsChapter"]),
    .executable(name: "monte-carlo", targets: ["MonteCarloChapter"]),
    .executable(name: "production", targets: ["ProductionChapter"]),
    .executable(name: "course", targets: ["Course"]),
    .executable(name: "exercises", targets: ["ExercisesTool"]),
    .executable(name: "bench", targets: ["Bench"]),
    .executable(name: "plot-gallery", targets: ["PlotGallery"]),
  ],
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

    /// Matrix, BLAS bridge, seeded generators, sampling, statistics, gradient checking.
    .target(name: "NumericsCore", dependencies: ["CBLAS"], swiftSettings: swiftSettings),
    /// Figures on libgd: axes, ticks, series, legends, subplots → PNG.
    .target(name: "Plot", dependencies: ["CGD"], swiftSettings: swiftSettings),
    /// Fashion-MNIST (IDX), the word list, seeded synthetic data sets, mini-batches.
    .target(
      name: "Datasets", dependencies: ["NumericsCore", "CZlib"], swiftSettings: swiftSettings),
    /// 3.2: loss functions with their gradients.
    .target(name: "Losses", dependencies: ["NumericsCore"], swiftSettings: swiftSettings),
    /// 3.3: optimizers with PyTorch's update rules, and test functions.
    .target(name: "Optimizers", dependencies: ["NumericsCore"], swiftSettings: swiftSettings),
    /// 3.1: layers as values with hand-written backward passes, networks, training.
    .target(
      name: "Layers", dependencies: ["NumericsCore", "Losses", "Optimizers"],
      swiftSettings: swiftSettings),
    /// 3.5: Monte Carlo estimators, importance sampling, Metropolis–Hastings.
    .target(name: "MonteCarlo", dependencies: ["NumericsCore"], swiftSettings: swiftSettings),
    /// What every chapter shares: options, report tables, figures, summary.json, progress.
    .target(
      name: "ChapterKit", dependencies: ["NumericsCore", "Plot", argumentParser],
      swiftSettings: swiftSettings),
    /// Exercise descriptors, checks (run against student, reference and mutants), hints.
    .target(
      name: "ExerciseKit",
      dependencies: ["NumericsCore", "Losses", "Optimizers", "MonteCarlo", "Layers", "Exercises"],
      swiftSettings: swiftSettings),
    /// The student's stubs: every function throws `ExerciseError.notAttempted` until solved.
    .target(
      name: "Exercises",
      dependencies: ["NumericsCore", "Losses", "Optimizers", "MonteCarlo", "Layers"],
      path: "Exercises",
      exclude: ["README.md"], swiftSettings: swiftSettings),

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
      dependencies: ["ChapterKit", "Datasets", "Layers", "Losses", "Optimizers", "Plot"],
      path: "Chapters/3.1-models", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "LossesChapter", dependencies: ["ChapterKit", "Losses", "Plot"],
      path: "Chapters/3.2-loss-functions", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "OptimizersChapter", dependencies: ["ChapterKit", "Optimizers", "Datasets", "Plot"],
      path: "Chapters/3.3-optimizers", exclude: ["LESSON.md"], swiftSettings: swiftSettings),
    .executableTarget(
      name: "MonteCarloChapter", dependencies: ["ChapterKit", "Layers", "MonteCarlo", "Plot"],
      path: "Chapters/3.5-monte-carlo", exclude: ["LESSON.md"], swiftSettings: swiftSettings),

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
        "NumericsCore", "MonteCarlo", "Layers", "ChapterKit", "CBLAS", argumentParser,
      ],
      path: "Sources/bench", swiftSettings: swiftSettings),
    /// One figure of every kind, to look at: the plotting module's visual check.
    .executableTarget(
      name: "PlotGallery", dependencies: ["Plot", argumentParser], path: "Sources/plot-gallery",
      swiftSettings: swiftSettings),

    // MARK: - Unit test bundles (mirror the modules)

    /// Shared XCTest helpers: the one gradient checker every layer and loss test calls.
    .target(
      name: "TestSupport", dependencies: ["NumericsCore"], path: "Tests/TestSupport",
      swiftSettings: swiftSettings),

    .testTarget(
      name: "NumericsCoreTests", dependencies: ["TestSupport", "NumericsCore"],
      swiftSettings: swiftSettings),
    .testTarget(name: "PlotTests", dependencies: ["Plot"], swiftSettings: swiftSettings),
    .testTarget(
      name: "DatasetsTests", dependencies: ["TestSupport", "Datasets"], swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LossesTests", dependencies: ["TestSupport", "Losses"], swiftSettings: swiftSettings),
    .testTarget(
      name: "OptimizersTests", dependencies: ["TestSupport", "Optimizers"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "LayersTests", dependencies: ["TestSupport", "Layers"], swiftSettings: swiftSettings),
    .testTarget(
      name: "MonteCarloTests", dependencies: ["TestSupport", "MonteCarlo"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "ProductionTests", dependencies: ["TestSupport", "Production", "Layers"],
      resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
    .testTarget(
      name: "ChapterKitTests", dependencies: ["ChapterKit"], swiftSettings: swiftSettings),
    /// Runs each built chapter executable with --quick into a temporary folder.
    .testTarget(name: "ChapterTests", dependencies: ["NumericsCore"], swiftSettings: swiftSettings),
    /// The student's work: not attempted ⇒ skipped, so a fresh clone is green.
    .testTarget(
      name: "ExerciseTests", dependencies: ["ExerciseKit", "Exercises"],
      swiftSettings: swiftSettings),
    /// The checks themselves: the reference passes, every known mistake fails.
    .testTarget(
      name: "ExerciseKitTests",
      dependencies: ["ExerciseKit", "Losses", "Optimizers", "MonteCarlo", "Layers"],
      swiftSettings: swiftSettings),
  ]
)
