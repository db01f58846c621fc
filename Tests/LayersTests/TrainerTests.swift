import Layers
import Losses
import NumericsCore
import Optimizers
import XCTest

/// The one training loop: hook order, divergence, early stopping, batching, schedules.
final class TrainerTests: XCTestCase {
  /// y = 2x − 1 on 8 points, a single Dense(1 → 1): small enough to follow every step.
  private func line(count: Int = 8) -> Examples {
    let x = Matrix(column: (0..<count).map { Double($0) / Double(count) })
    return Examples(inputs: x, values: x.map { 2 * $0 - 1 })
  }

  private func network(seed: UInt64 = 1) -> Sequential {
    var rng = Xoshiro256StarStar(seed: seed)
    return Sequential([Dense(inputSize: 1, outputSize: 1, initializer: .glorotUniform, using: &rng)]
    )
  }

  /// The documented order of one step, twice per epoch, and `afterEpoch` after the epoch's
  /// steps; `transformGradients` sees the parameters before the update, `afterUpdate` after.
  func testHooksAreCalledInTheDocumentedOrder() throws {
    var events: [String] = []
    var hooks = TrainingHooks<Xoshiro256StarStar>()
    var before: [Matrix] = []
    hooks.transformBatch = { _, rows, _ in events.append("batch(\(rows.count))") }
    hooks.computeGradients = { network, batch, loss, _ in
      events.append("gradients")
      var none = NoRandomness()
      let (output, caches) = network.forward(batch.inputs, mode: .training, using: &none)
      let result = loss(output, batch.targets)
      return (result.value, network.backward(result.gradient, caches: caches).gradients)
    }
    hooks.transformGradients = { _, network, context, _ in
      events.append("transform(step \(context.step), epoch \(context.epoch))")
      XCTAssertEqual(context.roles, [[.weight, .bias]])
      before = network.parameters
    }
    hooks.afterUpdate = { network, context in
      events.append("afterUpdate(step \(context.step))")
      XCTAssertNotEqual(network.parameters, before)
    }
    hooks.afterStep = { record in events.append("afterStep(\(record.step))") }
    hooks.afterEpoch = { record, _ in
      events.append("afterEpoch(\(record.epoch))")
      return .proceed
    }
    var net = network()
    var sgd = SGD(learningRate: 0.1)
    var rng = Xoshiro256StarStar(seed: 2)
    let history = try train(
      &net, on: line(), configuration: TrainingConfiguration(epochs: 2, batchSize: 4),
      optimizer: &sgd, hooks: hooks, using: &rng)
    let step = { (n: Int, e: Int) in
      [
        "batch(4)", "gradients", "transform(step \(n), epoch \(e))", "afterUpdate(step \(n))",
        "afterStep(\(n))",
      ]
    }
    XCTAssertEqual(
      events,
      step(1, 1) + step(2, 1) + ["afterEpoch(1)"] + step(3, 2) + step(4, 2) + ["afterEpoch(2)"])
    XCTAssertEqual(history.stepLosses.count, 4)
    XCTAssertEqual(net.trainingSteps, 4)
  }

  /// A NaN gradient at step 3 stops the run before that update: the parameters are exactly
  /// those after step 2, and the error names step 3.
  func testDivergenceLeavesTheParametersOfThePreviousStep() {
    var hooks = TrainingHooks<Xoshiro256StarStar>()
    var afterTwo: [Matrix] = []
    hooks.transformGradients = { gradients, _, context, _ in
      if context.step == 3 { gradients[0][0][0, 0] = .nan }
    }
    hooks.afterStep = { _ in }
    var net = network()
    hooks.afterUpdate = { network, context in
      if context.step == 2 { afterTwo = network.parameters }
    }
    var sgd = SGD(learningRate: 0.1)
    var rng = Xoshiro256StarStar(seed: 3)
    XCTAssertThrowsError(
      try train(
        &net, on: line(), configuration: TrainingConfiguration(epochs: 3, batchSize: 4),
        optimizer: &sgd, hooks: hooks, using: &rng)
    ) { error in
      guard case .diverged(let step, _) = error as? TrainingError else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(step, 3)
      XCTAssertEqual(
        "\(error)".hasSuffix("; try a smaller learning rate"), true, "\(error)")
    }
    XCTAssertEqual(net.parameters, afterTwo)
    XCTAssertEqual(net.trainingSteps, 2)
  }

  /// A loss that becomes infinite is caught before the backward pass and the update.
  func testInfiniteLossStopsTheRun() {
    var net = network()
    let start = net.parameters
    var sgd = SGD(learningRate: 0.1)
    var rng = Xoshiro256StarStar(seed: 4)
    XCTAssertThrowsError(
      try train(
        &net, on: line(), loss: { _, _ in LossResult(value: .infinity, gradient: [[0]]) },
        configuration: TrainingConfiguration(epochs: 1, batchSize: 8), optimizer: &sgd,
        using: &rng)
    ) { error in
      XCTAssertEqual(error as? TrainingError, .diverged(step: 1, loss: .infinity))
    }
    XCTAssertEqual(net.parameters, start)
  }

  /// `afterEpoch` returning `.stop` after epoch 2 of 10 ends the run there.
  func testAfterEpochStopsTheRunEarly() throws {
    var hooks = TrainingHooks<Xoshiro256StarStar>()
    hooks.afterEpoch = { record, _ in record.epoch == 2 ? .stop : .proceed }
    var net = network()
    var adam = Adam(learningRate: 0.01)
    var rng = Xoshiro256StarStar(seed: 5)
    let history = try train(
      &net, on: line(), validation: line(count: 4),
      configuration: TrainingConfiguration(epochs: 10, batchSize: 3), optimizer: &adam,
      hooks: hooks, using: &rng)
    XCTAssertEqual(history.epochs.map(\.epoch), [1, 2])
    XCTAssertTrue(history.stoppedEarly)
    XCTAssertEqual(net.trainingSteps, 2 * 3)  // ⌈8 / 3⌉ = 3 steps per epoch
    XCTAssertNotNil(history.epochs[1].validation)
    XCTAssertNil(history.epochs[1].validation?.accuracy)  // regression: no accuracy
  }

  /// Poisson sampling at rate q = 0.05 from N = 1000: round(1/q) = 20 steps per epoch, each
  /// batch Binomial(1000, 0.05) (mean 50, variance 47.5). Over 4 epochs (80 batches) the
  /// mean batch size must lie within 4 standard errors (4·√(47.5/80) ≈ 3.1) of 50, and the
  /// sample variance within 4 of its standard deviations (≈ 47.5·√(2/79) ≈ 7.6) of 47.5.
  func testPoissonBatchesHaveBinomialSizes() throws {
    var sizes: [Double] = []
    var hooks = TrainingHooks<Xoshiro256StarStar>()
    hooks.afterStep = { record in sizes.append(Double(record.batchSize)) }
    var net = network()
    var sgd = SGD(learningRate: 1e-3)
    var rng = Xoshiro256StarStar(seed: 6)
    var configuration = TrainingConfiguration(
      epochs: 4, batchSize: 1, batching: .poisson(rate: 0.05))
    configuration.evaluatesTrainingSet = false
    try train(
      &net, on: line(count: 1000), configuration: configuration, optimizer: &sgd, hooks: hooks,
      using: &rng)
    XCTAssertEqual(sizes.count, 80)
    let mean = sizes.reduce(0, +) / 80
    let variance = sizes.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 79
    XCTAssertEqual(mean, 50, accuracy: 3.1)
    XCTAssertEqual(variance, 47.5, accuracy: 30.4)
  }

  /// Per-step schedules set the rate of every step; per-epoch ones once per epoch.
  func testSchedulesSetTheRateOfEveryStepOrEpoch() throws {
    for unit in [ScheduleUnit.step, .epoch] {
      var rates: [Double] = []
      var hooks = TrainingHooks<Xoshiro256StarStar>()
      hooks.afterStep = { record in rates.append(record.learningRate) }
      var net = network()
      var sgd = SGD(learningRate: 0.4)
      var rng = Xoshiro256StarStar(seed: 7)
      let schedule = LearningRateSchedule.step(size: 2, factor: 0.5)
      try train(
        &net, on: line(),
        configuration: TrainingConfiguration(
          epochs: 3, batchSize: 4, schedule: schedule, scheduleUnit: unit),
        optimizer: &sgd, hooks: hooks, using: &rng)
      let expected: [Double] =
        unit == .step ? [0.4, 0.4, 0.2, 0.2, 0.1, 0.1] : [0.4, 0.4, 0.4, 0.4, 0.2, 0.2]
      XCTAssertEqual(rates, expected, "\(unit)")
    }
  }

  /// Shuffled batching is the old loop's order: `shuffledBatches` then one forward per
  /// batch, so the same seed trains the same weights as calling `trainStep` by hand.
  func testShuffledTrainingEqualsStepsOnShuffledBatches() throws {
    let examples = line()
    var byHand = network()
    var handOptimizer = Adam(learningRate: 0.05)
    var handRNG = Xoshiro256StarStar(seed: 9)
    for _ in 0..<3 {
      for rows in shuffledBatches(count: 8, batchSize: 3, using: &handRNG) {
        let batch = examples.rows(rows)
        guard case .values(let y) = batch.targets else { return XCTFail("values expected") }
        try byHand.trainStep(
          batch.inputs, loss: { meanSquaredError(predicted: $0, expected: y) },
          optimizer: &handOptimizer, using: &handRNG)
      }
    }
    var looped = network()
    var optimizer = Adam(learningRate: 0.05)
    var rng = Xoshiro256StarStar(seed: 9)
    try train(
      &looped, on: examples, configuration: TrainingConfiguration(epochs: 3, batchSize: 3),
      optimizer: &optimizer, using: &rng)
    XCTAssertEqual(looped.parameters, byHand.parameters)
  }
}
