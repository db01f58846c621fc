// How big each experiment is, in full and in quick mode. Quick mode has to run in seconds in
// a debug build (what the chapter test runs); full mode makes the committed figures in a
// few minutes on two cores in a release build.

/// The sizes of the experiments.
struct ExperimentSizes {
  /// Experiment 1: hidden units, sequence length, batch, and the spectral radii swept.
  var decayHidden: Int
  var decaySteps: Int
  var decayBatch: Int
  var spectralRadii: [Double]
  /// Experiment 2: hidden units, sequence length, training steps, learning rate, threshold.
  var clipHidden: Int
  var clipLag: Int
  var clipSteps: Int
  var clipLearningRate: Double
  var clipThreshold: Double
  /// Experiment 3: lags, hidden units, training steps, batch, test sequences.
  var addingLags: [Int]
  var addingHidden: Int
  var addingSteps: Int
  var addingBatch: Int
  var addingTestCount: Int
  /// Experiment 4: the model and its training, words used (nil = all), samples per
  /// temperature.
  var lmRecipe: LanguageModelRecipe
  var lmWordLimit: Int?
  var lmSamples: Int
  /// Experiment 5: 3.6's signal stretches and AR orders; the forecast horizon; the GRU's
  /// window, hidden units, training steps and batch.
  var signalTraining: Int
  var signalValidation: Int
  var signalTest: Int
  var arOrders: [Int]
  var forecastHorizon: Int
  var forecastWindow: Int
  var forecastHidden: Int
  var forecastSteps: Int
  var forecastBatch: Int

  init(quick: Bool, lmEpochs: Int?, addingSteps: Int?) {
    decayHidden = quick ? 16 : 64
    decaySteps = quick ? 30 : 100
    decayBatch = quick ? 8 : 32
    spectralRadii = [0.5, 0.9, 1.0, 1.1, 1.5]
    clipHidden = quick ? 8 : 32
    clipLag = quick ? 10 : 40
    clipSteps = quick ? 30 : 600
    clipLearningRate = 0.05
    clipThreshold = 1
    addingLags = quick ? [5, 10] : [10, 25, 50, 100, 200]
    addingHidden = quick ? 8 : 32
    self.addingSteps = addingSteps ?? (quick ? 40 : 3000)
    addingBatch = quick ? 16 : 32
    addingTestCount = quick ? 64 : 1000
    lmRecipe = LanguageModelRecipe(
      layers: quick ? 1 : 2, hidden: quick ? 16 : 256, dropout: 0,
      epochs: lmEpochs ?? (quick ? 1 : 9),
      batch: 32, learningRate: 1e-2, weightDecay: 0.03)
    lmWordLimit = quick ? 1500 : nil
    lmSamples = quick ? 3 : 8
    // The same stretches and orders as 3.6's ExperimentSizes, so the AR baseline is 3.6's.
    signalTraining = quick ? 600 : 2000
    signalValidation = quick ? 300 : 1000
    signalTest = quick ? 300 : 1000
    arOrders = Array(1...(quick ? 16 : 40))
    forecastHorizon = quick ? 20 : 60
    forecastWindow = quick ? 20 : 40
    forecastHidden = quick ? 8 : 32
    forecastSteps = quick ? 24 : 3000
    forecastBatch = 32
  }
}
