import Foundation
import NumericsCore

/// The gated recurrent unit, PyTorch's `nn.GRU`, gate order r, z, n.
///
/// Forward, with the input part and the hidden part kept apart (`B × 3H` each), because
/// the reset gate multiplies only the hidden part of the candidate:
/// ```
/// [u_r u_z u_n] = x_t·W_ihᵀ + b_ih          [v_r v_z v_n] = h_{t−1}·W_hhᵀ + b_hh
/// r = σ(u_r + v_r)     reset gate
/// z = σ(u_z + v_z)     update gate
/// n = tanh(u_n + r ⊙ v_n)                  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
/// h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
/// ```
/// Backward, given `∂L/∂h_t`:
/// ```
/// ∂n = ∂h_t ⊙ (1 − z),   ∂z = ∂h_t ⊙ (h_{t−1} − n),   direct ∂h_{t−1} = ∂h_t ⊙ z
/// ∂a_n = ∂n ⊙ (1 − n²);   ∂u_n = ∂a_n,   ∂v_n = ∂a_n ⊙ r,   ∂r = ∂a_n ⊙ v_n
/// ∂(r, z pre-activations) = ∂r·r(1−r), ∂z·z(1−z)   (shared by the u and v sides)
/// ```
/// This is why the GRU needs its two bias vectors separately: `b_hn` sits inside `r ⊙ (…)`.
/// Cho et al., "Learning phrase representations using RNN encoder–decoder" (EMNLP 2014).
public struct GRUCell: RecurrentCell {
  public static let gateCount = 3
  public static let hasCellState = false
  public var parameters: RecurrentParameters

  /// What one step keeps: input, previous hidden state, `[r z n]` (`B × 3H`) and `v_n`.
  public struct StepCache: RecurrentStepCache {
    public let input: Matrix
    public let previousHidden: Matrix
    let gates: Matrix
    let hiddenCandidate: Matrix
  }

  /// A cell with the given parameters (`3H × I`, `3H × H`, `1 × 3H`, `1 × 3H`).
  public init(parameters: RecurrentParameters) {
    precondition(
      parameters.gates == 3,
      "GRUCell: weight_ih \(parameters.weightIH.shapeDescription) must be 3H × I with "
        + "H = \(parameters.hiddenSize)")
    self.parameters = parameters
  }

  /// A cell with PyTorch's initialisation U(−1/√H, 1/√H).
  public init<G: RandomNumberGenerator>(inputSize: Int, hiddenSize: Int, using rng: inout G) {
    self.init(
      parameters: RecurrentParameters(
        gates: 3, inputSize: inputSize, hiddenSize: hiddenSize, using: &rng))
  }

  public func forward(
    projectedInput: consuming Matrix, input: Matrix, state: RecurrentState
  ) -> (state: RecurrentState, cache: StepCache) {
    var u = projectedInput
    let v = affine(state.hidden, parameters.weightHH, parameters.biasHH)
    let (b, h) = (input.rows, hiddenSize)
    var vn = Matrix.zeros(rows: b, columns: h)
    var hidden = Matrix.zeros(rows: b, columns: h)
    u.withUnsafeMutableElements { gate in
      v.withUnsafeElements { vh in
        vn.withUnsafeMutableElements { vnOut in
          for row in 0..<b {
            let base = row * 3 * h
            // r, z = σ(u + v) on the first 2H columns of the row.
            for j in 0..<(2 * h) { gate[base + j] += vh[base + j] }
            sigmoidInPlace(gate.baseAddress! + base, count: 2 * h)
            // n = tanh(u_n + r ⊙ v_n).
            for j in 0..<h {
              let candidate = vh[base + 2 * h + j]
              vnOut[row * h + j] = candidate
              gate[base + 2 * h + j] += gate[base + j] * candidate
            }
            tanhInPlace(gate.baseAddress! + base + 2 * h, count: h)
          }
        }
      }
    }
    // h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
    u.withUnsafeElements { gate in
      state.hidden.withUnsafeElements { hPrev in
        hidden.withUnsafeMutableElements { hOut in
          for row in 0..<b {
            let base = row * 3 * h
            for j in 0..<h {
              let (z, n) = (gate[base + h + j], gate[base + 2 * h + j])
              hOut[row * h + j] = (1 - z) * n + z * hPrev[row * h + j]
            }
          }
        }
      }
    }
    return (
      RecurrentState(hidden: hidden),
      StepCache(input: input, previousHidden: state.hidden, gates: u, hiddenCandidate: vn)
    )
  }

  public func preactivationGradients(
    _ stateGradient: RecurrentState, cache: StepCache
  ) -> PreactivationGradients {
    let (b, h) = (cache.input.rows, hiddenSize)
    var du = Matrix.zeros(rows: b, columns: 3 * h)
    var dv = Matrix.zeros(rows: b, columns: 3 * h)
    var dhDirect = Matrix.zeros(rows: b, columns: h)
    du.withUnsafeMutableElements { dU in
      dv.withUnsafeMutableElements { dV in
        dhDirect.withUnsafeMutableElements { dDirect in
          cache.gates.withUnsafeElements { gate in
            cache.hiddenCandidate.withUnsafeElements { vn in
              cache.previousHidden.withUnsafeElements { hPrev in
                stateGradient.hidden.withUnsafeElements { dh in
                  for row in 0..<b {
                    let base = row * 3 * h
                    for j in 0..<h {
                      let k = row * h + j
                      let (r, z, n) = (gate[base + j], gate[base + h + j], gate[base + 2 * h + j])
                      let dn = dh[k] * (1 - z)
                      let dz = dh[k] * (hPrev[k] - n)
                      dDirect[k] = dh[k] * z
                      let dAn = dn * (1 - n * n)
                      let dAr = dAn * vn[k] * r * (1 - r)
                      let dAz = dz * z * (1 - z)
                      (dU[base + j], dU[base + h + j], dU[base + 2 * h + j]) = (dAr, dAz, dAn)
                      (dV[base + j], dV[base + h + j], dV[base + 2 * h + j]) = (dAr, dAz, dAn * r)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return PreactivationGradients(inputSide: du, hiddenSide: dv, directHidden: dhDirect)
  }
}
