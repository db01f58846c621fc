import ChapterKit
import Foundation
import NumericsCore
import Plot
import Recurrent

// Experiment 1: how ‖∂L/∂h_t‖ changes with the distance from the loss. The loss reads only
// the last hidden state, so the gradient on an earlier state got there through every
// recurrent Jacobian diag(1 − h²)·W_hh in between (Bengio, Simard & Frasconi 1994).
// W_hh = ρ·Q with Q a random orthogonal matrix: every eigenvalue of W_hh has modulus ρ, so
// ρ *is* its spectral radius, exactly.

/// A random `n × n` orthogonal matrix: Gram–Schmidt on the rows of a Gaussian matrix.
func randomOrthogonal(_ n: Int, using rng: inout Xoshiro256StarStar) -> Matrix {
  var rows = (0..<n).map { _ in (0..<n).map { _ in rng.nextNormal() } }
  for i in 0..<n {
    for j in 0..<i {
      let dot = zip(rows[i], rows[j]).reduce(0) { $0 + $1.0 * $1.1 }
      for k in 0..<n { rows[i][k] -= dot * rows[j][k] }
    }
    let norm = rows[i].reduce(0) { $0 + $1 * $1 }.squareRoot()
    rows[i] = rows[i].map { $0 / norm }
  }
  return Matrix(rows)
}

/// ‖∂L/∂h_t‖ (root mean square over the batch) for t = T−1 … 0, divided by its value at
/// the last step, as a function of the distance T−1−t.
func gradientProfile<Cell: RecurrentCell>(
  _ cell: Cell, inputs: [Matrix], readout: Matrix
) -> [Double] {
  let unrolled = unroll(cell, over: inputs, from: cell.zeroState(batch: inputs[0].rows))
  var direct = [Matrix?](repeating: nil, count: inputs.count)
  direct[inputs.count - 1] = readout
  var norms = [Double](repeating: 0, count: inputs.count)
  let batch = Double(inputs[0].rows)
  _ = backpropagateThroughTime(
    cell, unrolled, hiddenGradients: direct,
    observer: { t, g in norms[inputs.count - 1 - t] = g.norm() / batch.squareRoot() })
  return norms.map { $0 / norms[0] }
}

func runGradientDecay(run: ChapterRun, sizes: ExperimentSizes) throws -> JSONValue {
  run.section("1. Vanishing and exploding gradients, measured")
  var rng = run.makeGenerator(for: "gradient-decay")
  let (h, t, b, i) = (sizes.decayHidden, sizes.decaySteps, sizes.decayBatch, 4)
  let inputs = (0..<t).map { _ in Matrix.normal(rows: b, columns: i, using: &rng) }
  let readout = Matrix.normal(rows: b, columns: h, using: &rng)
  let q = randomOrthogonal(h, using: &rng)
  let weightIH = Matrix.normal(rows: h, columns: i, using: &rng) * (0.1 / Double(i).squareRoot())
  var profiles: [(label: String, values: [Double])] = []
  for rho in sizes.spectralRadii {
    let cell = RNNCell(
      parameters: RecurrentParameters(
        weightIH: weightIH, weightHH: q * rho, biasIH: .zeros(rows: 1, columns: h),
        biasHH: .zeros(rows: 1, columns: h)))
    profiles.append(
      ("tanh RNN, ρ = \(rho)", gradientProfile(cell, inputs: inputs, readout: readout)))
  }
  // The LSTM with PyTorch's initialisation, and with the forget gate's bias raised to 3
  // (f ≈ σ(3) ≈ 0.95), the value a trained LSTM moves towards when it must remember.
  var lstm = LSTMCell(inputSize: i, hiddenSize: h, using: &rng)
  profiles.append(("LSTM, PyTorch init", gradientProfile(lstm, inputs: inputs, readout: readout)))
  for j in h..<(2 * h) { lstm.parameters.biasIH[0, j] = 3 }
  for j in h..<(2 * h) { lstm.parameters.biasHH[0, j] = 0 }
  profiles.append(
    ("LSTM, forget bias 3", gradientProfile(lstm, inputs: inputs, readout: readout)))

  let distances = (0..<t).map(Double.init)
  let figure = Figure(width: 1200, height: 760)
  let axes = figure.axes
  axes.title =
    "A vanilla RNN's gradient vanishes geometrically for ρ < 1 and grows for ρ = 1.5: it avoids neither"
  axes.xLabel = "distance from the loss, T − 1 − t (steps)"
  axes.yLabel = "‖∂L/∂h_t‖ / ‖∂L/∂h_{T−1}‖ (log scale)"
  axes.yScale = .log
  axes.legendPosition = .outsideRight
  for (index, profile) in profiles.enumerated() {
    let floor = profile.values.map { max($0, 1e-300) }
    axes.line(
      x: distances, y: floor, label: profile.label,
      style: index < sizes.spectralRadii.count ? .solid : .dashed)
  }
  try run.save(
    figure, name: "gradient-decay",
    caption: "The gradient reaching h_t from a loss on the last state, against the distance: "
      + "geometric decay for spectral radius below 1, growth above 1; an LSTM's cell path "
      + "decays at the rate of its forget gate.")

  let checkpoints = [10, 50, t - 1].filter { $0 < t }
  run.table(
    header: ["model"] + checkpoints.map { "k = \($0)" },
    rows: profiles.map { p in [p.label] + checkpoints.map { String(format: "%.2e", p.values[$0]) } }
  )
  var json: [String: JSONValue] = ["steps": .number(Double(t)), "hidden": .number(Double(h))]
  let keys = sizes.spectralRadii.map { "rnn_rho_\($0)" } + ["lstm_default", "lstm_forget_bias_3"]
  for (key, profile) in zip(keys, profiles) {
    var entry: [String: JSONValue] = [:]
    for k in checkpoints { entry["ratio_at_\(k)"] = .number(profile.values[k]) }
    entry["ratio_at_end"] = .number(profile.values[t - 1])
    json[key.replacingOccurrences(of: ".", with: "_")] = .object(entry)
  }
  return .object(json)
}
