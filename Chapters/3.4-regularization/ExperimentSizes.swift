import Layers

// How big each experiment is, in full and in quick mode. The full run must fit in about
// seven minutes of release build on 2 cores (the CNN's training at most 300 s of it); quick
// mode runs in seconds in a debug build and is what the tests run.

/// The sizes of the six experiments.
struct ExperimentSizes {
  /// Images read from the training and test files (nil: all).
  var trainingLimit: Int?
  var testLimit: Int?
  /// The validation split, taken from the training file.
  var validationCount: Int
  /// The small training set that experiments 1–4 and 6 overfit.
  var smallTrainingCount: Int
  /// The wide MLP of the small-set experiments.
  var hidden: [Int]
  var epochs: Int
  var batchSize: Int
  var learningRate: Double
  /// Seeds per configuration for the ±SE of experiment 2.
  var seeds: Int
  /// Candidate strengths tuned on the validation split (experiment 2).
  var l2Candidates: [Double]
  var l1Candidates: [Double]
  var maxNormCandidates: [Double]
  /// The λ sweeps of experiment 3 (L2 and L1).
  var l2Sweep: [Double]
  var l1Sweep: [Double]
  /// Experiment 5: CNN epochs and batch, the MLPs' epochs, and the training images used.
  var cnnEpochs: Int
  var cnnBatchSize: Int
  /// The CNN's augmentation shift (pixels; flips always), dropout rate and GEMM precision.
  var cnnMaxShift: Int = 0
  var cnnDropout: Double = 0.3
  var cnnPrecision: ConvolutionPrecision = .float32
  var mlpEpochs: Int
  var fullTrainingCount: Int?

  static let full = ExperimentSizes(
    trainingLimit: nil, testLimit: nil, validationCount: 5000, smallTrainingCount: 1000,
    hidden: [256, 256], epochs: 30, batchSize: 50, learningRate: 0.02, seeds: 3,
    l2Candidates: [1e-3, 3e-3, 1e-2], l1Candidates: [1e-4, 3e-4, 1e-3],
    maxNormCandidates: [1, 2, 3],
    // Sweeps a decade apart (the half-decades added 4 runs and no shape to the curves).
    l2Sweep: [1e-4, 1e-3, 1e-2, 0.1, 0.3],
    l1Sweep: [1e-5, 1e-4, 1e-3, 1e-2],
    cnnEpochs: 18, cnnBatchSize: 64, mlpEpochs: 8, fullTrainingCount: nil)

  static let quick = ExperimentSizes(
    trainingLimit: 1200, testLimit: 300, validationCount: 200, smallTrainingCount: 300,
    hidden: [64], epochs: 2, batchSize: 50, learningRate: 0.05, seeds: 2,
    l2Candidates: [1e-2], l1Candidates: [1e-3], maxNormCandidates: [1],
    l2Sweep: [1e-3, 0.1], l1Sweep: [1e-3, 1e-2],
    cnnEpochs: 1, cnnBatchSize: 64, mlpEpochs: 1, fullTrainingCount: 200)
}
