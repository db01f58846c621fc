// A small classifier for the noise experiments: two interleaving half moons (Datasets'
// `Synthetic.moons`) and a `2 → hidden (tanh) → 2` network (Layers' `Sequential`), trained
// by the course's one loop (`train`) with whichever optimizer the experiment compares.

import Datasets
import Foundation
import Layers
import Losses
import NumericsCore
import Optimizers

/// The two moons as training examples (`count` points, half per class), noise σ = `noise`.
func makeMoons(
  count: Int, noise: Double, using rng: inout some RandomNumberGenerator
) -> Examples {
  let set = Synthetic.moons(pointsPerClass: count / 2, noise: noise, using: &rng)
  return Examples(inputs: set.features, labels: set.labels, classCount: set.classCount)
}

/// `Dense(2 → hidden) → Tanh → Dense(hidden → 2)`, Glorot-uniform weights, zero biases.
func makeMoonsNetwork(hidden: Int, using rng: inout some RandomNumberGenerator) -> Sequential {
  Sequential.multilayerPerceptron(sizes: [2, hidden, 2], activation: .tanh, using: &rng)
}

/// The largest relative error between the network's backward pass and central differences
/// of the mean softmax cross-entropy, over every parameter.
func gradientCheck(_ network: Sequential, on examples: Examples) -> Double {
  guard case .classes(let labels, _) = examples.targets else { return .nan }
  var none = NoRandomness()
  let (output, caches) = network.forward(examples.inputs, mode: .inference, using: &none)
  let lossGradient = softmaxCrossEntropy(logits: output, labels: labels).gradient
  let analytic = network.backward(lossGradient, caches: caches).gradients.flatMap { $0 }
  let parameters = network.parameters
  var worst = 0.0
  for slot in parameters.indices {
    var probe = network
    let result = checkGradient(
      of: { p in
        probe.parameters[slot] = p
        return softmaxCrossEntropy(logits: probe.predict(examples.inputs), labels: labels).value
      }, at: parameters[slot], analytic: analytic[slot])
    worst = max(worst, result.maxRelativeError)
  }
  return worst
}

/// One training run: the full-training-set loss and the parameter norm after every epoch
/// (index 0 = before training), and the test accuracy at the end.
struct TrainingRecord {
  var losses: [Double]
  var norms: [Double]
  var accuracy: Double
}

/// Trains `network` with shuffled mini-batches of softmax cross-entropy.
///
/// - Parameter observe: sees every step's gradients and the parameters they are applied to
///   (both flat, in optimizer slot order), before the update.
func trainMoons(
  _ network: inout Sequential, optimizer: inout any Optimizer, data: Examples, test: Examples,
  epochs: Int, batchSize: Int, using rng: inout some RandomNumberGenerator,
  observe: ((_ gradients: [Matrix], _ parameters: [Matrix]) -> Void)? = nil
) throws(TrainingError) -> TrainingRecord {
  var record = TrainingRecord(
    losses: [evaluate(network, on: data).loss], norms: [globalNorm(network.parameters)],
    accuracy: 0)
  func run<O: Optimizer, G: RandomNumberGenerator>(
    _ optimizer: inout O, _ rng: inout G
  ) throws(TrainingError) {
    var hooks = TrainingHooks<G>()
    if let observe {
      hooks.transformGradients = { gradients, network, _, _ in
        observe(gradients.flatMap { $0 }, network.parameters)
      }
    }
    hooks.afterEpoch = { epoch, network in
      record.losses.append(epoch.training?.loss ?? .nan)
      record.norms.append(globalNorm(network.parameters))
      return .proceed
    }
    try train(
      &network, on: data,
      configuration: TrainingConfiguration(epochs: epochs, batchSize: batchSize),
      optimizer: &optimizer, hooks: hooks, using: &rng)
  }
  try run(&optimizer, &rng)
  record.accuracy = evaluate(network, on: test).accuracy ?? .nan
  return record
}
