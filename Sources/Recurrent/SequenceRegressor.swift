import NumericsCore

/// A many-to-one model: a recurrent cell read out once, from its last hidden state.
///
/// ```
/// h_T = cell unrolled over x_1 … x_T from h_0 = 0
/// ŷ   = h_T·Wᵀ + b                               B × O
/// L   = (1/(B·O)) Σ (ŷ − y)²                     mean squared error
/// ```
/// The gradient enters the recurrence only at the last step, so whatever the model learns
/// about early inputs has to travel back through every step: the setting in which the
/// tanh RNN's gradient vanishes (the adding problem, Hochreiter & Schmidhuber 1997).
public struct SequenceRegressor<Cell: RecurrentCell>: Sendable {
  public var cell: Cell
  public var readout: Readout

  /// A model from its parts.
  public init(cell: Cell, readout: Readout) {
    precondition(
      readout.weight.columns == cell.hiddenSize,
      "SequenceRegressor: readout \(readout.weight.shapeDescription) needs \(cell.hiddenSize) columns"
    )
    self.cell = cell
    self.readout = readout
  }

  /// The six parameter tensors: the cell's four, then the readout's weight and bias.
  public var parameters: [Matrix] {
    get { cell.parameters.all + [readout.weight, readout.bias] }
    set {
      cell.parameters.all = Array(newValue[0..<4])
      readout = Readout(weight: newValue[4], bias: newValue[5])
    }
  }

  /// `ŷ` for a batch (`T` steps of `B × I`), `B × O`.
  public func predict(_ inputs: [Matrix]) -> Matrix {
    let unrolled = unroll(cell, over: inputs, from: cell.zeroState(batch: inputs[0].rows))
    return readout.forward(unrolled.finalState.hidden)
  }

  /// The mean squared error and its gradient for every parameter (in `parameters` order).
  ///
  /// - Parameter observer: passed to BPTT, receives `(t, ∂L/∂h_t)`.
  public func lossAndGradients(
    inputs: [Matrix], targets: Matrix,
    observer: ((_ step: Int, _ hiddenGradient: Matrix) -> Void)? = nil
  ) -> (loss: Double, gradients: [Matrix]) {
    let unrolled = unroll(cell, over: inputs, from: cell.zeroState(batch: inputs[0].rows))
    let last = unrolled.finalState.hidden
    let prediction = readout.forward(last)
    precondition(
      prediction.rows == targets.rows && prediction.columns == targets.columns,
      "SequenceRegressor: prediction \(prediction.shapeDescription) vs targets \(targets.shapeDescription)"
    )
    let n = Double(targets.count)
    let residual = prediction - targets
    let loss = residual.elements.reduce(0) { $0 + $1 * $1 } / n
    var readoutGradients = Readout.zeros(like: readout)
    let dh = readout.backward(residual * (2 / n), hidden: last, accumulatingInto: &readoutGradients)
    var direct = [Matrix?](repeating: nil, count: inputs.count)
    direct[inputs.count - 1] = dh
    let bptt = backpropagateThroughTime(
      cell, unrolled, hiddenGradients: direct, computeInputGradients: false, observer: observer)
    return (loss, bptt.parameters.all + [readoutGradients.weight, readoutGradients.bias])
  }
}
