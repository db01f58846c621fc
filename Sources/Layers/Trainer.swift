import Losses
import NumericsCore
import Optimizers

/// Trains a network by mini-batch gradient descent: the course's one training loop.
///
/// The steps and where each hook acts are listed at the top of `TrainingLoop.swift`.
/// Divergence is checked on every step: when the mini-batch loss or any gradient is NaN or
/// infinite, the run stops with `TrainingError.diverged` *before* the update, so the network
/// keeps the parameters it had before that step.
///
/// - Parameters:
///   - network: trained in place.
///   - examples: the training set.
///   - validation: evaluated after every epoch (for model choice and early stopping; never
///     the test set).
///   - loss: the batch loss; nil means `examples.targets.defaultLoss` (softmax
///     cross-entropy for classes, mean squared error for values).
///   - configuration: epochs, batch size, batching, schedule.
///   - optimizer: the update rule; its `learningRate` is the schedule's `lr₀` and is set by
///     the schedule; its state carries over between epochs and schedule changes.
///   - hooks: what this run does beyond plain training.
///   - rng: shuffles or samples the batches, drives dropout, and is handed to the hooks.
/// - Returns: the per-epoch records and per-step losses.
/// - Throws: `TrainingError.diverged(step:loss:)`.
/// - Precondition: `epochs ≥ 0`, `batchSize ≥ 1`, a valid schedule, a Poisson rate in
///   (0, 1], validation targets of the same kind as the training targets.
@discardableResult
public func train<O: Optimizer, G: RandomNumberGenerator>(
  _ network: inout Sequential, on examples: Examples, validation: Examples? = nil,
  loss: TrainingLoss? = nil, configuration: TrainingConfiguration, optimizer: inout O,
  hooks: TrainingHooks<G> = TrainingHooks(), using rng: inout G
) throws(TrainingError) -> TrainingHistory {
  let config = configuration
  precondition(config.epochs >= 0, "train: epochs \(config.epochs) must be ≥ 0")
  precondition(config.batchSize >= 1, "train: batch size \(config.batchSize) must be ≥ 1")
  if let problem = config.schedule.validationError { preconditionFailure("train: \(problem)") }
  if case .poisson(let rate) = config.batching {
    precondition(rate > 0 && rate <= 1, "train: Poisson sampling rate \(rate) must lie in (0, 1]")
  }
  let lossOf: TrainingLoss = loss ?? { output, targets in targets.defaultLoss(output) }
  let baseRate = optimizer.learningRate
  let roles = network.layers.map(\.parameterRoles)
  var history = TrainingHistory()
  let clock = ContinuousClock()
  var step = 0

  for epoch in stride(from: 1, through: config.epochs, by: 1) {
    if config.scheduleUnit == .epoch {
      optimizer.learningRate = config.schedule.learningRate(base: baseRate, at: epoch - 1)
    }
    var elapsed = Duration.zero
    var lossSum = 0.0
    var batchCount = 0
    for rows in epochBatches(count: examples.count, configuration: config, using: &rng) {
      if rows.isEmpty { continue }
      let began = clock.now
      if config.scheduleUnit == .step {
        optimizer.learningRate = config.schedule.learningRate(base: baseRate, at: step)
      }
      var batch = examples.rows(rows)
      hooks.transformBatch?(&batch.inputs, rows, &rng)
      let context = StepContext(
        step: step + 1, epoch: epoch, learningRate: optimizer.learningRate, roles: roles)
      let value: Double
      if hooks.computeGradients == nil && hooks.transformGradients == nil {
        // No hook needs the gradients: the update may be folded into the backward pass
        // (plain SGD's step into the Dense products; the same bits), once every gradient
        // is shown finite; otherwise they are formed and checked below.
        let (result, caches) = forwardLoss(network, batch, lossOf, &rng)
        value = result.value
        guard value.isFinite else { throw TrainingError.diverged(step: step + 1, loss: value) }
        if !network.backwardAndUpdate(result.gradient, caches: caches, optimizer: &optimizer) {
          try update(
            &network, along: network.backward(result.gradient, caches: caches).gradients,
            with: &optimizer, loss: value, step: step + 1)
        }
      } else {
        var gradients: [[Matrix]]
        (value, gradients) =
          hooks.computeGradients?(network, batch, lossOf, &rng)
          ?? plainGradients(network, batch, lossOf, &rng)
        guard value.isFinite else { throw TrainingError.diverged(step: step + 1, loss: value) }
        hooks.transformGradients?(&gradients, network, context, &rng)
        try update(&network, along: gradients, with: &optimizer, loss: value, step: step + 1)
      }
      hooks.afterUpdate?(&network, context)
      network.recordTrainingStep()
      step += 1
      elapsed += clock.now - began
      lossSum += value
      batchCount += 1
      history.stepLosses.append(value)
      hooks.afterStep?(
        StepRecord(
          step: step, epoch: epoch, loss: value, learningRate: optimizer.learningRate,
          batchSize: rows.count))
    }
    let record = EpochRecord(
      epoch: epoch, meanBatchLoss: batchCount > 0 ? lossSum / Double(batchCount) : .nan,
      training: config.evaluatesTrainingSet
        ? evaluate(network, on: examples, loss: loss, batchSize: config.evaluationBatchSize)
        : nil,
      validation: validation.map {
        evaluate(network, on: $0, loss: loss, batchSize: config.evaluationBatchSize)
      },
      learningRate: optimizer.learningRate,
      trainingSeconds: Double(elapsed.components.seconds)
        + Double(elapsed.components.attoseconds) * 1e-18)
    history.epochs.append(record)
    if hooks.afterEpoch?(record, &network) == .stop {
      history.stoppedEarly = epoch < config.epochs
      break
    }
  }
  return history
}

/// The optimizer's update along `gradients`, once they are all finite (else the step
/// diverged, and the parameters stay as they were).
private func update<O: Optimizer>(
  _ network: inout Sequential, along gradients: [[Matrix]], with optimizer: inout O,
  loss: Double, step: Int
) throws(TrainingError) {
  guard gradients.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
    throw TrainingError.diverged(step: step, loss: loss)
  }
  network.update(along: gradients, with: &optimizer)
}

/// Forward in training mode and the loss of the output, with the caches for backward.
private func forwardLoss<G: RandomNumberGenerator>(
  _ network: Sequential, _ batch: Examples, _ loss: TrainingLoss, _ rng: inout G
) -> (result: LossResult, caches: [any Sendable]) {
  let (output, caches) = network.forward(batch.inputs, mode: .training, using: &rng)
  return (loss(output, batch.targets), caches)
}

/// The default gradient computation: forward in training mode, the loss, backward.
private func plainGradients<G: RandomNumberGenerator>(
  _ network: Sequential, _ batch: Examples, _ loss: TrainingLoss, _ rng: inout G
) -> (loss: Double, gradients: [[Matrix]]) {
  let (result, caches) = forwardLoss(network, batch, loss, &rng)
  guard result.value.isFinite else { return (result.value, []) }
  return (result.value, network.backward(result.gradient, caches: caches).gradients)
}

/// The row indices of one epoch's batches.
private func epochBatches<G: RandomNumberGenerator>(
  count: Int, configuration: TrainingConfiguration, using rng: inout G
) -> [[Int]] {
  switch configuration.batching {
  case .shuffled:
    return shuffledBatches(count: count, batchSize: configuration.batchSize, using: &rng)
  case .inOrder:
    return sequentialBatches(count: count, batchSize: configuration.batchSize).map(Array.init)
  case .poisson(let rate):
    let steps = Swift.max(1, Int((1 / rate).rounded()))
    return (0..<steps).map { _ in
      (0..<count).filter { _ in rng.nextUniform() < rate }
    }
  }
}

/// The loss (and accuracy, for classes) of a network on examples, at inference, in batches.
///
/// For classes with the default loss this is `evaluateClassifier` (the mean softmax
/// cross-entropy); otherwise the given loss (default MSE for values) of all outputs at once.
public func evaluate(
  _ network: Sequential, on examples: Examples, loss: TrainingLoss? = nil, batchSize: Int = 1000
) -> Metrics {
  if case .classes(let labels, let classCount) = examples.targets, loss == nil {
    let result = evaluateClassifier(
      network, features: examples.inputs, labels: labels, classCount: classCount,
      batchSize: batchSize)
    return Metrics(loss: result.loss, accuracy: result.accuracy)
  }
  // One loss over the whole set (`predict` batches the forward pass only), so the value is
  // exactly the loss of all outputs, not an average of batch averages.
  let output = network.predict(examples.inputs, batchSize: batchSize)
  let value = (loss ?? { output, targets in targets.defaultLoss(output) })(
    output, examples.targets
  ).value
  guard case .classes(let labels, _) = examples.targets else {
    return Metrics(loss: value, accuracy: nil)
  }
  let correct = zip(output.rowArgmax(), labels).filter { $0 == $1 }.count
  return Metrics(loss: value, accuracy: Double(correct) / Double(Swift.max(labels.count, 1)))
}
