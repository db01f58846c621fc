import CBLAS
import CElementKernels
import NumericsCore

// An LSTM layer's products in float32 (mixed precision), for the language model's training.
//
// Every product of `unroll` and `backpropagateThroughTime` for an LSTM, and only they, read
// float32 operands and sum in float32 (`cblas_sgemm`); the states, the gates, the cell
// state, the gradients carried back through time, the parameters and the optimizer all
// stay float64:
// ```
// forward:   P = b_ih + D(X₃₂·W_ih₃₂ᵀ)                  one GEMM for all steps
//            A_t = P_t + b_hh + D(h_{t−1,32}·W_hh₃₂ᵀ)     per step
// backward:  ∂h_{t−1} = D(∂A_{t,32}·W_hh₃₂) (+ nothing: the LSTM has no direct part)
//            ∂W_ih = D(∂A₃₂ᵀ·X₃₂),  ∂W_hh = D(∂A₃₂ᵀ·H₋₃₂),  ∂X = D(∂A₃₂·W_ih₃₂)
//            ∂b_ih = ∂b_hh = Σ_rows ∂A  (float64)
// ```
// `x₃₂` is `x` rounded to the nearest float (unit roundoff u = 2⁻²⁴ ≈ 6·10⁻⁸) and `D` widens
// back. The weights are rounded once per call (once per training batch), the per-step
// operands (`h_{t−1}`, `∂A_t`: `B × H` and `B × 4H`) at every step.
//
// Why: at a batch of 32 and 192 hidden units the step is two thirds GEMMs (measured with
// `perf`), and a float32 GEMM does twice the multiply-adds per vector instruction: on the
// course machine 32 × 192 · 192 × 768 takes 111 µs in `cblas_sgemm` against 220 µs in
// `cblas_dgemm`. PyTorch trains LSTMs in float32 by default.
//
// The error to expect: each product element is a dot product of n terms (n = H or I
// forward, 4H for ∂h_{t−1}, T·B up to ~700 for the weight gradients), so ~√n·u relative to
// Σ|terms| (Higham, *Accuracy and Stability of Numerical Algorithms*, §3.1), about 10⁻⁶,
// carried through T ≤ 30 steps of a contracting recurrence. That is far below a
// mini-batch gradient's own noise (Micikevicius et al. 2018, *Mixed Precision Training*,
// train with float16 products and a float32 master copy of the weights). A float32 path
// cannot be checked by finite differences at float64's tolerances; the tests compare it
// to the float64 path instead (`Float32LSTMTests`). The PyTorch-exact `rnn bptt` mode and
// every float64 caller are untouched: only `CharacterLanguageModel` with
// `precision = .float32` takes this path.

/// The arithmetic of a model's recurrent products.
public enum RecurrentPrecision: String, Sendable, CaseIterable {
  /// Everything in float64: the path the PyTorch fixtures and the gradient checks test.
  case float64
  /// The LSTM's GEMMs in float32, everything else in float64 (`LSTM+Float32.swift`).
  case float32
}

/// One LSTM layer's weights rounded to float32, row-major as in `RecurrentParameters`.
struct Float32LSTMWeights {
  /// `W_ih`, `4H × I`.
  let weightIH: [Float]
  /// `W_hh`, `4H × H`.
  let weightHH: [Float]

  init(_ p: RecurrentParameters) {
    weightIH = roundedToFloat(p.weightIH)
    weightHH = roundedToFloat(p.weightHH)
  }
}

/// The elements of `m`, rounded to the nearest float32.
func roundedToFloat(_ m: Matrix) -> [Float] {
  m.withUnsafeElements { $0.map(Float.init) }
}

/// `C = D(op(A)·op(B))`, or `C += …` when `accumulate`, for row-major float32 `A` and `B`
/// and a float64 `C` (`m × n`, row stride `n`); `scratch` holds the float32 product.
/// `op(A)` is `m × k` and `op(B)` is `k × n`.
func float32Product(
  transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
  _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Double>,
  accumulate: Bool, scratch: inout [Float]
) {
  guard m > 0, n > 0 else { return }
  if scratch.count < m * n { scratch = [Float](repeating: 0, count: m * n) }
  scratch.withUnsafeMutableBufferPointer { s in
    let p = s.baseAddress!
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
      transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a,
      Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), 0, p, Int32(n))
    if accumulate {
      for i in 0..<(m * n) { c[i] += Double(p[i]) }
    } else {
      for i in 0..<(m * n) { c[i] = Double(p[i]) }
    }
  }
}

/// `unroll` for an LSTM with its products in float32 (see the top of this file).
func unrollFloat32(
  _ cell: LSTMCell, over inputs: [Matrix], from initialState: RecurrentState,
  weights: Float32LSTMWeights
) -> UnrolledSequence<LSTMCell> {
  precondition(!inputs.isEmpty, "unrollFloat32: no time steps")
  cell.checkStep("unrollFloat32(LSTMCell)", inputs[0], initialState)
  let (batch, h, features) = (inputs[0].rows, cell.hiddenSize, cell.inputSize)
  let stacked = stackSteps(inputs)
  let p = cell.parameters
  var scratch: [Float] = []
  // b_ih in every row, then + D(X₃₂·W_ih₃₂ᵀ).
  var projected = p.biasIH.withUnsafeElements { bias in
    uninitializedMatrix(rows: stacked.rows, columns: 4 * h) { o in
      for r in 0..<stacked.rows { (o + r * 4 * h).update(from: bias.baseAddress!, count: 4 * h) }
    }
  }
  let x32 = roundedToFloat(stacked)
  projected.withUnsafeMutableElements { out in
    float32Product(
      transposeB: true, m: stacked.rows, n: 4 * h, k: features, x32, weights.weightIH,
      into: out.baseAddress!, accumulate: true, scratch: &scratch)
  }
  var states = [initialState]
  var caches: [LSTMCell.StepCache] = []
  states.reserveCapacity(inputs.count + 1)
  caches.reserveCapacity(inputs.count)
  for (t, x) in inputs.enumerated() {
    let state = states[states.count - 1]
    var gates = stepRows(t, of: projected, batch: batch)
    let h32 = roundedToFloat(state.hidden)
    gates.withUnsafeMutableElements { a in
      p.biasHH.withUnsafeElements {
        add_row_vector(a.baseAddress!, $0.baseAddress!, batch, 4 * h)
      }
      float32Product(
        transposeB: true, m: batch, n: 4 * h, k: h, h32, weights.weightHH,
        into: a.baseAddress!, accumulate: true, scratch: &scratch)
    }
    let step = cell.forward(preactivations: gates, input: x, state: state)
    states.append(step.state)
    caches.append(step.cache)
  }
  return UnrolledSequence(states: states, caches: caches, stackedInputs: stacked)
}

/// `backpropagateThroughTime` for an LSTM with its products in float32 (same arguments as
/// the float64 one, without an observer or a final-state gradient; see the top of this
/// file).
func backpropagateFloat32(
  _ cell: LSTMCell, _ unrolled: UnrolledSequence<LSTMCell>, hiddenGradients: [Matrix?],
  computeInputGradients: Bool, weights: Float32LSTMWeights
) -> SequenceGradients {
  let caches = unrolled.caches
  let steps = caches.count
  precondition(
    hiddenGradients.count == steps,
    "backpropagateFloat32: \(hiddenGradients.count) hidden gradients for \(steps) steps")
  let p = cell.parameters
  let (h, features) = (cell.hiddenSize, cell.inputSize)
  let last = unrolled.finalState
  let batch = last.hidden.rows
  var carried = RecurrentState(
    hidden: .zeros(like: last.hidden), cell: last.cell.map(Matrix.zeros(like:)))
  var scratch: [Float] = []
  var inputSides = [Matrix](repeating: Matrix.zeros(rows: 0, columns: 0), count: steps)
  for t in stride(from: steps - 1, through: 0, by: -1) {
    if let direct = hiddenGradients[t] { carried.hidden += direct }
    let g = cell.preactivationGradients(carried, cache: caches[t])
    inputSides[t] = g.inputSide
    let side32 = roundedToFloat(g.inputSide)
    let previous = uninitializedMatrix(rows: batch, columns: h) { out in
      float32Product(
        m: batch, n: h, k: 4 * h, side32, weights.weightHH, into: out, accumulate: false,
        scratch: &scratch)
    }
    carried = RecurrentState(hidden: previous, cell: g.previousCell)
  }
  let inputSide = stackSteps(inputSides)
  let rows = inputSide.rows
  let side32 = roundedToFloat(inputSide)
  let x32 = roundedToFloat(unrolled.stackedInputs)
  let previous32 = roundedToFloat(stackSteps(unrolled.states.dropLast().map(\.hidden)))
  var gradients = RecurrentParameters.zeros(like: p)
  gradients.weightIH.withUnsafeMutableElements { out in
    float32Product(
      transposeA: true, m: 4 * h, n: features, k: rows, side32, x32, into: out.baseAddress!,
      accumulate: false, scratch: &scratch)
  }
  gradients.weightHH.withUnsafeMutableElements { out in
    float32Product(
      transposeA: true, m: 4 * h, n: h, k: rows, side32, previous32, into: out.baseAddress!,
      accumulate: false, scratch: &scratch)
  }
  addColumnSums(of: inputSide, into: &gradients.biasIH)
  addColumnSums(of: inputSide, into: &gradients.biasHH)
  var inputGradients: [Matrix] = []
  if computeInputGradients {
    let stacked = uninitializedMatrix(rows: rows, columns: features) { out in
      float32Product(
        m: rows, n: features, k: 4 * h, side32, weights.weightIH, into: out, accumulate: false,
        scratch: &scratch)
    }
    inputGradients = (0..<steps).map { stepRows($0, of: stacked, batch: batch) }
  }
  return SequenceGradients(
    parameters: gradients, inputs: inputGradients, initialState: carried)
}
