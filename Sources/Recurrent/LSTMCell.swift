import Foundation
import NumericsCore

/// The long short-term memory cell, PyTorch's `nn.LSTM`, gate order i, f, g, o.
///
/// Forward, for `x_t` (`B × I`), `h_{t−1}` and `c_{t−1}` (`B × H`); the four gate blocks
/// are the column blocks `[0, H)`, `[H, 2H)`, `[2H, 3H)`, `[3H, 4H)` of one `B × 4H` product:
/// ```
/// [a_i a_f a_g a_o] = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh
/// i = σ(a_i)   input gate        f = σ(a_f)   forget gate
/// g = tanh(a_g) candidate        o = σ(a_o)   output gate
/// c_t = f ⊙ c_{t−1} + i ⊙ g
/// h_t = o ⊙ tanh(c_t)
/// ```
/// Backward, given `∂L/∂h_t` and `∂L/∂c_t` (from the next step):
/// ```
/// ∂o  = ∂h_t ⊙ tanh(c_t)
/// ∂c  = ∂c_t + ∂h_t ⊙ o ⊙ (1 − tanh²(c_t))
/// ∂i  = ∂c ⊙ g,   ∂f = ∂c ⊙ c_{t−1},   ∂g = ∂c ⊙ i,   ∂c_{t−1} = ∂c ⊙ f
/// ∂a_i = ∂i·i(1−i), ∂a_f = ∂f·f(1−f), ∂a_g = ∂g·(1−g²), ∂a_o = ∂o·o(1−o)
/// ```
/// then the affine gradients as for the tanh RNN. The cell state's path back,
/// `∂c_{t−1} = ∂c ⊙ f`, has no weight matrix and no squashing derivative: with `f ≈ 1`
/// the gradient passes many steps nearly unchanged, which is why the LSTM remembers.
/// Hochreiter & Schmidhuber, "Long short-term memory" (Neural Computation 9(8), 1997);
/// the forget gate is from Gers, Schmidhuber & Cummins (2000).
public struct LSTMCell: RecurrentCell {
  public static let gateCount = 4
  public static let hasCellState = true
  public var parameters: RecurrentParameters {
    didSet { transposedWeightHH = defersTranspose ? nil : parameters.weightHH.transposed() }
  }
  /// `W_hhᵀ` (`H × G·H`), kept with the parameters: the float64 recurrent product reads it
  /// row by row at every step. Nil while `defersTranspose` (then a float64 step transposes
  /// `W_hh` itself: the same numbers, slower).
  private var transposedWeightHH: Matrix?
  /// Whether a parameter change skips `W_hhᵀ`: set by a language model training with
  /// float32 products (`LSTM+Float32.swift`), which never reads it, so that its update
  /// after every batch does not transpose two `4H × H` matrices for nothing. Clearing it
  /// recomputes `W_hhᵀ`.
  var defersTranspose = false {
    didSet {
      transposedWeightHH = defersTranspose ? nil : parameters.weightHH.transposed()
    }
  }

  /// What one step keeps: input, previous state, the activated gates `[i f g o]`
  /// (`B × 4H`) and `tanh(c_t)`.
  public struct StepCache: RecurrentStepCache {
    public let input: Matrix
    public let previousHidden: Matrix
    let previousCell: Matrix
    let gates: Matrix
    let tanhCell: Matrix
  }

  /// A cell with the given parameters (`4H × I`, `4H × H`, `1 × 4H`, `1 × 4H`).
  public init(parameters: RecurrentParameters) {
    precondition(
      parameters.gates == 4,
      "LSTMCell: weight_ih \(parameters.weightIH.shapeDescription) must be 4H × I with "
        + "H = \(parameters.hiddenSize)")
    self.parameters = parameters
    transposedWeightHH = parameters.weightHH.transposed()
  }

  /// A cell with PyTorch's initialisation U(−1/√H, 1/√H).
  public init<G: RandomNumberGenerator>(inputSize: Int, hiddenSize: Int, using rng: inout G) {
    self.init(
      parameters: RecurrentParameters(
        gates: 4, inputSize: inputSize, hiddenSize: hiddenSize, using: &rng))
  }

  public func forward(
    projectedInput: consuming Matrix, input: Matrix, state: RecurrentState
  ) -> (state: RecurrentState, cache: StepCache) {
    var gates = projectedInput
    addHiddenProjection(
      state.hidden, to: &gates,
      transposedWeightHH: transposedWeightHH ?? parameters.weightHH.transposed())
    return forward(preactivations: gates, input: input, state: state)
  }

  /// The step from its gate pre-activations `[a_i a_f a_g a_o]` (`B × 4H`, both affine maps
  /// already added): the gates, `c_t` and `h_t`. The float64 step above and the float32
  /// products of `LSTM+Float32.swift` share it (inlined, so the float64 step compiles to
  /// what it was before the split).
  @inline(__always)
  func forward(
    preactivations: consuming Matrix, input: Matrix, state: RecurrentState
  ) -> (state: RecurrentState, cache: StepCache) {
    guard let previousCell = state.cell else { preconditionFailure("LSTMCell: no cell state") }
    var gates = preactivations
    let (b, h) = (input.rows, hiddenSize)
    // The gates, a block of H columns at a time: σ on i and f, tanh on g, σ on o.
    gates.withUnsafeMutableElements { a in
      for r in 0..<b {
        let row = a.baseAddress! + r * 4 * h
        sigmoidInPlace(row, count: 2 * h)
        tanhInPlace(row + 2 * h, count: h)
        sigmoidInPlace(row + 3 * h, count: h)
      }
    }
    // c_t = f ⊙ c_{t−1} + i ⊙ g, then tanh(c_t) in one pass, then h_t = o ⊙ tanh(c_t).
    let cell = gates.withUnsafeElements { a in
      previousCell.withUnsafeElements { cPrev in
        uninitializedMatrix(rows: b, columns: h) { c in
          for r in 0..<b {
            let row = r * 4 * h
            for j in 0..<h {
              c[r * h + j] = a[row + h + j] * cPrev[r * h + j] + a[row + j] * a[row + 2 * h + j]
            }
          }
        }
      }
    }
    var tanhCell = cell
    tanhCell.withUnsafeMutableElements { tanhInPlace($0.baseAddress!, count: b * h) }
    let hidden = gates.withUnsafeElements { a in
      tanhCell.withUnsafeElements { tc in
        uninitializedMatrix(rows: b, columns: h) { out in
          for r in 0..<b {
            for j in 0..<h { out[r * h + j] = a[r * 4 * h + 3 * h + j] * tc[r * h + j] }
          }
        }
      }
    }
    return (
      RecurrentState(hidden: hidden, cell: cell),
      StepCache(
        input: input, previousHidden: state.hidden, previousCell: previousCell, gates: gates,
        tanhCell: tanhCell)
    )
  }

  public func preactivationGradients(
    _ stateGradient: RecurrentState, cache: StepCache
  ) -> PreactivationGradients {
    let (b, h) = (cache.input.rows, hiddenSize)
    let dh = stateGradient.hidden
    let dcNext = stateGradient.cell ?? .zeros(like: dh)
    var da = Matrix.zeros(rows: b, columns: 4 * h)
    var dcPrev = Matrix.zeros(rows: b, columns: h)
    da.withUnsafeMutableElements { d in
      dcPrev.withUnsafeMutableElements { dcp in
        cache.gates.withUnsafeElements { a in
          cache.tanhCell.withUnsafeElements { tc in
            cache.previousCell.withUnsafeElements { cPrev in
              dh.withUnsafeElements { dhv in
                dcNext.withUnsafeElements { dcv in
                  for r in 0..<b {
                    let row = r * 4 * h
                    for j in 0..<h {
                      let k = r * h + j
                      let (i, f, g, o) = (
                        a[row + j], a[row + h + j], a[row + 2 * h + j], a[row + 3 * h + j]
                      )
                      let dO = dhv[k] * tc[k]
                      let dc = dcv[k] + dhv[k] * o * (1 - tc[k] * tc[k])
                      d[row + j] = dc * g * i * (1 - i)
                      d[row + h + j] = dc * cPrev[k] * f * (1 - f)
                      d[row + 2 * h + j] = dc * i * (1 - g * g)
                      d[row + 3 * h + j] = dO * o * (1 - o)
                      dcp[k] = dc * f
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return PreactivationGradients(inputSide: da, previousCell: dcPrev)
  }
}
