import CBLAS
import ChapterKit
import NumericsCore
import Optimizers
import Recurrent

/// One training step of a recurrent layer (chapter 3.7): batch 32, T = 50 steps, 16 input
/// features, 64 hidden units, a many-to-one linear readout, MSE, full BPTT and Adam, float64.
/// The same workload as `Benchmarks/peers/rnn_step.py` (NumPy by hand, PyTorch `nn.RNN` /
/// `nn.LSTM` + `nn.Linear`). Only the recurrent products stay per time step (two small
/// products, 32×64·64×G·64, forward and backward, by a hand-written AVX-512 kernel that
/// reads both operands in place: `Sources/CElementKernels/small_gemm.c`); the input
/// projection and the weight gradients are one GEMM each over all 50 steps, the gate
/// nonlinearities run 8 lanes at a time in C (`activation_kernels.c`), and the tanh RNN
/// keeps all its states in one stacked matrix (Recurrent's `StackedRNN.swift`).
struct RecurrentStepSection: BenchmarkSection {
  let key = "recurrent_step"
  let title = "Recurrent training step, B 32, T 50, I 16, H 64, BPTT + Adam, float64, ms per step"

  func run(_ settings: BenchSettings) -> SectionResult {
    // One BLAS thread, as the rnn chapter runs: the per-step GEMMs are too small to split
    // (measured under load 4–5: 2.05 ms instead of 6.4 ms for the tanh RNN step).
    let threads = openblas_get_num_threads()
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(threads) }
    var rng = Xoshiro256StarStar(seed: 1)
    let xs = (0..<50).map { _ in Matrix.normal(rows: 32, columns: 16, using: &rng) }
    let y = Matrix.normal(rows: 32, columns: 1, using: &rng)
    var rnn = RecurrentStep(
      SequenceRegressor(
        cell: RNNCell(inputSize: 16, hiddenSize: 64, using: &rng),
        readout: Readout(hiddenSize: 64, outputSize: 1, using: &rng)), xs, y)
    var lstm = RecurrentStep(
      SequenceRegressor(
        cell: LSTMCell(inputSize: 16, hiddenSize: 64, using: &rng),
        readout: Readout(hiddenSize: 64, outputSize: 1, using: &rng)), xs, y)
    var losses = (0.0, 0.0)
    let times = measureInterleaved(
      [{ losses.0 = rnn.step() }, { losses.1 = lstm.step() }],
      targetSeconds: settings.targetSeconds)
    precondition(losses.0.isFinite && losses.1.isFinite, "recurrent benchmark: non-finite loss")
    let names = ["tanh RNN", "LSTM"]
    var rows: [[String]] = []
    var records: [JSONValue] = []
    for i in 0..<2 {
      let ms = times[i].seconds(settings.statistic) * 1e3
      rows.append([names[i], fixed(ms, 3)])
      records.append(
        .object(["cell": .string(names[i] == "LSTM" ? "lstm" : "rnn"), "ms_per_step": .number(ms)]))
    }
    return SectionResult(header: ["cell", "ms/step"], rows: rows, records: records)
  }
}

/// A model, its batch and its optimizer: `step()` is one forward, BPTT and Adam update.
private struct RecurrentStep<Cell: RecurrentCell> {
  var model: SequenceRegressor<Cell>
  var parameters: [Matrix]
  var adam = Adam(learningRate: 1e-3)
  let xs: [Matrix]
  let y: Matrix

  init(_ model: SequenceRegressor<Cell>, _ xs: [Matrix], _ y: Matrix) {
    self.model = model
    parameters = model.parameters
    self.xs = xs
    self.y = y
  }

  mutating func step() -> Double {
    let (loss, gradients) = model.lossAndGradients(inputs: xs, targets: y)
    _ = applyUpdate(to: &parameters, gradients: gradients, optimizer: &adam)
    model.parameters = parameters
    return loss
  }
}
