// A small classifier for the noise experiments: two interleaving half moons and a network
// with one hidden layer, written out here so the chapter depends only on NumericsCore.

import Foundation
import NumericsCore
import Optimizers

/// Two interleaving half circles with Gaussian noise: class 0 on the upper arc centred at
/// (0, 0), class 1 on the lower arc centred at (1, 0.5).
func makeMoons(
  count: Int, noise: Double, using rng: inout some RandomNumberGenerator
) -> (inputs: Matrix, labels: [Int]) {
  var rows: [[Double]] = []
  var labels: [Int] = []
  for i in 0..<count {
    let label = i % 2
    let angle = Double.pi * rng.nextUniform()
    let (x, y) =
      label == 0 ? (cos(angle), sin(angle)) : (1 - cos(angle), 0.5 - sin(angle))
    rows.append([
      x + noise * rng.nextNormal(), y + noise * rng.nextNormal(),
    ])
    labels.append(label)
  }
  return (Matrix(rows), labels)
}

/// A network `2 → hidden (tanh) → 2` trained with softmax cross-entropy.
///
/// Parameters, in slot order: `W1` (2 × hidden), `b1` (1 × hidden), `W2` (hidden × 2),
/// `b2` (1 × 2).
struct MoonsNetwork {
  var parameters: [Matrix]

  /// Glorot-normal weights, zero biases.
  init(hidden: Int, using rng: inout some RandomNumberGenerator) {
    parameters = [
      .normal(
        rows: 2, columns: hidden, mean: 0,
        standardDeviation: (2.0 / Double(2 + hidden)).squareRoot(), using: &rng),
      .zeros(rows: 1, columns: hidden),
      .normal(
        rows: hidden, columns: 2, mean: 0,
        standardDeviation: (2.0 / Double(hidden + 2)).squareRoot(), using: &rng),
      .zeros(rows: 1, columns: 2),
    ]
  }

  /// The mean cross-entropy over the batch and its gradient with respect to every parameter.
  ///
  /// ```
  /// h = tanh(X·W1 + b1)      s = h·W2 + b2      L = mean_i(logsumexp(s_i) − s_{i,y_i})
  /// ∂L/∂s = (softmax(s) − onehot(y))/B,  ∂L/∂W2 = hᵀ·∂s,  ∂L/∂h = ∂s·W2ᵀ
  /// ∂L/∂z1 = ∂h ⊙ (1 − h²),  ∂L/∂W1 = Xᵀ·∂z1,  biases: column sums
  /// ```
  func lossAndGradients(_ inputs: Matrix, _ labels: [Int]) -> (loss: Double, gradients: [Matrix]) {
    let (w1, b1, w2, b2) = (parameters[0], parameters[1], parameters[2], parameters[3])
    let h = (matmul(inputs, w1) + b1).map { tanh($0) }
    let scores = matmul(h, w2) + b2
    var dScores = scores
    var loss = 0.0
    let batch = Double(inputs.rows)
    for i in 0..<scores.rows {
      let row = scores.row(i)
      let top = row.max() ?? 0
      let exps = row.map { exp($0 - top) }
      let total = exps.reduce(0, +)
      loss += log(total) + top - row[labels[i]]
      for j in 0..<row.count {
        dScores[i, j] = (exps[j] / total - (j == labels[i] ? 1 : 0)) / batch
      }
    }
    let dW2 = matmul(h, dScores, transposeA: true)
    let dh = matmul(dScores, w2, transposeB: true)
    let dz1 = Matrix.zipMap(dh, h) { g, a in g * (1 - a * a) }
    let dW1 = matmul(inputs, dz1, transposeA: true)
    return (loss / batch, [dW1, dz1.columnSums(), dW2, dScores.columnSums()])
  }

  /// The fraction of rows classified correctly.
  func accuracy(_ inputs: Matrix, _ labels: [Int]) -> Double {
    let h = (matmul(inputs, parameters[0]) + parameters[1]).map { tanh($0) }
    let predicted = (matmul(h, parameters[2]) + parameters[3]).rowArgmax()
    return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
  }

  /// The Euclidean norm of all weights and biases together.
  var parameterNorm: Double {
    parameters.map { $0.norm() * $0.norm() }.reduce(0, +).squareRoot()
  }

  /// The largest relative error between the analytic and the numerical gradients.
  func gradientCheck(_ inputs: Matrix, _ labels: [Int]) -> Double {
    let analytic = lossAndGradients(inputs, labels).gradients
    var worst = 0.0
    for slot in parameters.indices {
      var probe = self
      let result = checkGradient(
        of: { p in
          probe.parameters[slot] = p
          return probe.lossAndGradients(inputs, labels).loss
        }, at: parameters[slot], analytic: analytic[slot])
      worst = max(worst, result.maxRelativeError)
    }
    return worst
  }
}

/// One training run: the full-training-set loss after every epoch (index 0 = before
/// training), with mini-batches drawn by shuffling.
struct TrainingRecord {
  var losses: [Double]
  var norms: [Double]
  var accuracy: Double
}

func trainClassifier(
  _ network: inout MoonsNetwork, optimizer: inout any Optimizer,
  data: (inputs: Matrix, labels: [Int]), test: (inputs: Matrix, labels: [Int]),
  epochs: Int, batchSize: Int, using rng: inout some RandomNumberGenerator,
  observe: ((_ gradients: [Matrix], _ parameters: [Matrix]) -> Void)? = nil
) -> TrainingRecord {
  let count = data.labels.count
  var record = TrainingRecord(
    losses: [network.lossAndGradients(data.inputs, data.labels).loss],
    norms: [network.parameterNorm], accuracy: 0)
  for _ in 0..<epochs {
    let order = randomPermutation(count, using: &rng)
    for batchStart in stride(from: 0, to: count, by: batchSize) {
      let indices = Array(order[batchStart..<min(batchStart + batchSize, count)])
      let batch = data.inputs.rows(at: indices)
      let (_, gradients) = network.lossAndGradients(batch, indices.map { data.labels[$0] })
      observe?(gradients, network.parameters)
      optimizer.update(&network.parameters, along: gradients)
    }
    record.losses.append(network.lossAndGradients(data.inputs, data.labels).loss)
    record.norms.append(network.parameterNorm)
  }
  record.accuracy = network.accuracy(test.inputs, test.labels)
  return record
}
