// How big each experiment is, in full and in quick mode. Quick mode runs in a few seconds
// in a debug build (the chapter test) and still shows every effect.

/// The sizes of the experiments.
struct ExperimentSizes {
  /// Experiment 1: keep every `wordStride`-th word of each part; orders 1 … `maximumOrder`;
  /// the add-k and Kneser–Ney grids searched on validation; words sampled per order.
  var wordStride: Int
  var maximumOrder: Int
  var addKGrid: [Double]
  var discountGrid: [Double]
  var samplesPerOrder: Int
  /// Experiment 2: lengths of the training, validation and test stretches of the signal,
  /// the orders p tried, and the longest forecast horizon.
  var signalTraining: Int
  var signalValidation: Int
  var signalTest: Int
  var arOrders: [Int]
  var maximumHorizon: Int
  /// Experiment 3: steps per decoded sequence, the state counts and noise levels swept,
  /// and the length of the long sequence.
  var hmmSteps: Int
  var stateCounts: [Int]
  var noiseLevels: [Double]
  var longSteps: Int

  init(quick: Bool) {
    wordStride = quick ? 8 : 1
    maximumOrder = quick ? 4 : 6
    addKGrid = quick ? [0.01, 0.1, 1] : [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1]
    discountGrid =
      quick ? [0.3, 0.6, 0.8, 1] : [0.1, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1]
    samplesPerOrder = quick ? 4 : 8
    signalTraining = quick ? 600 : 2000
    signalValidation = quick ? 300 : 1000
    signalTest = quick ? 300 : 1000
    arOrders = Array(1...(quick ? 16 : 40))
    maximumHorizon = quick ? 30 : 60
    hmmSteps = quick ? 800 : 5000
    stateCounts = quick ? [2, 4, 6] : [2, 3, 4, 6, 8]
    noiseLevels = quick ? [0.25, 0.5, 1, 2] : [0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2]
    longSteps = quick ? 20_000 : 100_000
  }
}
