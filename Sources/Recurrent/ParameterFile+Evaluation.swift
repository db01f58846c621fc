import NumericsCore

/// Nested arrays of numbers in the shape of one input of a parameter file.
public enum NestedNumbers: Sendable, Equatable {
  case vector([Double])
  case matrix([[Double]])
  case tensor([[[Double]]])
}

/// What `rnn bptt` prints: the forward pass, the loss and every gradient, each gradient
/// in the shape of its input (`xs` as `B × T × I`, biases as vectors).
public struct BPTTReport: Sendable {
  /// `h_1 … h_T` as `B × T × H` (PyTorch's `output` with batch_first=True).
  public var hiddenStates: [[[Double]]]
  /// `h_T`, `B × H`.
  public var finalHidden: [[Double]]
  /// `c_T`, `B × H` (lstm only).
  public var finalCell: [[Double]]?
  /// `y`, `B × O` (last_output_sse only).
  public var output: [[Double]]?
  /// `L`.
  public var loss: Double
  /// Gradients by key, in a fixed order: weight_ih, weight_hh, bias_ih, bias_hh, xs, h0,
  /// then c0 (lstm) and readout_weight, readout_bias (last_output_sse).
  public var gradients: [(key: String, value: NestedNumbers)]
}

extension ParameterFile {
  /// Runs the forward pass and full backpropagation through time for this file.
  public func evaluate() -> BPTTReport {
    switch cell {
    case .rnn: evaluate(RNNCell(parameters: parameters))
    case .lstm: evaluate(LSTMCell(parameters: parameters))
    case .gru: evaluate(GRUCell(parameters: parameters))
    }
  }

  private func evaluate<Cell: RecurrentCell>(_ cell: Cell) -> BPTTReport {
    let unrolled = unroll(cell, over: inputs.steps, from: initialState)
    let hidden = unrolled.hiddenStates
    var direct = [Matrix?](repeating: nil, count: hidden.count)
    var loss = 0.0
    var output: Matrix?
    var readoutGradients: Readout?
    switch self.loss {
    case .allStatesSSE(let targets):
      for t in hidden.indices {
        let residual = hidden[t] - targets.steps[t]
        loss += residual.elements.reduce(0) { $0 + $1 * $1 }
        direct[t] = residual * 2
      }
    case .lastOutputSSE(let readout, let targets):
      let last = unrolled.finalState.hidden
      let y = readout.forward(last)
      let residual = y - targets
      loss = residual.elements.reduce(0) { $0 + $1 * $1 }
      var g = Readout.zeros(like: readout)
      direct[hidden.count - 1] = readout.backward(residual * 2, hidden: last, accumulatingInto: &g)
      output = y
      readoutGradients = g
    }
    let bptt = backpropagateThroughTime(cell, unrolled, hiddenGradients: direct)
    var gradients: [(key: String, value: NestedNumbers)] = [
      ("weight_ih", .matrix(bptt.parameters.weightIH.rowArrays)),
      ("weight_hh", .matrix(bptt.parameters.weightHH.rowArrays)),
      ("bias_ih", .vector(bptt.parameters.biasIH.elements)),
      ("bias_hh", .vector(bptt.parameters.biasHH.elements)),
      ("xs", .tensor(SequenceBatch(steps: bptt.inputs).batchFirst)),
      ("h0", .matrix(bptt.initialState.hidden.rowArrays)),
    ]
    if let c = bptt.initialState.cell { gradients.append(("c0", .matrix(c.rowArrays))) }
    if let g = readoutGradients {
      gradients.append(("readout_weight", .matrix(g.weight.rowArrays)))
      gradients.append(("readout_bias", .vector(g.bias.elements)))
    }
    let final = unrolled.finalState
    return BPTTReport(
      hiddenStates: SequenceBatch(steps: hidden).batchFirst, finalHidden: final.hidden.rowArrays,
      finalCell: final.cell?.rowArrays, output: output?.rowArrays, loss: loss,
      gradients: gradients)
  }
}
