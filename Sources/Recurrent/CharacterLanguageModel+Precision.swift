import NumericsCore

// The language model's per-layer passes, dispatched on its `precision`: the generic float64
// `unroll` / `backpropagateThroughTime`, or the LSTM's float32 products
// (`LSTM+Float32.swift`).

extension CharacterLanguageModel {
  /// Tells every LSTM layer whether to skip `W_hhᵀ` on a parameter change (float32
  /// training never reads it; see `LSTMCell.defersTranspose`).
  mutating func deferTransposes(_ deferring: Bool) {
    for l in layers.indices {
      guard var lstm = layers[l] as? LSTMCell, lstm.defersTranspose != deferring else { continue }
      lstm.defersTranspose = deferring
      layers[l] = lstm as! Cell
    }
  }

  /// Changes the parameters in place (the tensors in the order of `parameters`) without
  /// copying them: the model first lets go of its own references, so that `body` (an
  /// optimizer's step) finds every tensor uniquely referenced and updates it where it is,
  /// instead of copy-on-write copying all of them (6.6 MB for two layers of 256) at every
  /// training batch.
  /// - Precondition: `body` keeps the number and the shapes of the tensors.
  public mutating func updateParameters(_ body: (inout [Matrix]) -> Void) {
    var all = parameters
    for l in layers.indices {
      let (i, h) = (layers[l].inputSize, layers[l].hiddenSize)
      layers[l].parameters = RecurrentParameters(
        weightIH: .zeros(rows: 0, columns: i), weightHH: .zeros(rows: 0, columns: h),
        biasIH: .zeros(rows: 1, columns: 0), biasHH: .zeros(rows: 1, columns: 0))
    }
    let h = readout.weight.columns
    readout = Readout(weight: .zeros(rows: 0, columns: h), bias: .zeros(rows: 1, columns: 0))
    body(&all)
    parameters = all
  }
  /// Every layer's weights rounded to float32 when `precision` is `.float32`, else empty.
  /// - Precondition: float32 only for LSTM layers.
  func float32Weights() -> [Float32LSTMWeights] {
    guard precision == .float32 else { return [] }
    return layers.map { cell in
      guard let lstm = cell as? LSTMCell else {
        preconditionFailure(
          "CharacterLanguageModel: float32 precision is implemented for LSTM layers, not \(Cell.self)"
        )
      }
      return Float32LSTMWeights(lstm.parameters)
    }
  }

  /// Layer `l`'s forward pass over `inputs` from the zero state.
  func unrollLayer(
    _ l: Int, over inputs: [Matrix], batch: Int, weights32: [Float32LSTMWeights]
  ) -> UnrolledSequence<Cell> {
    let cell = layers[l]
    guard !weights32.isEmpty, let lstm = cell as? LSTMCell else {
      return unroll(cell, over: inputs, from: cell.zeroState(batch: batch))
    }
    // Same type: Cell is LSTMCell here (float32Weights checked it).
    return unrollFloat32(
      lstm, over: inputs, from: lstm.zeroState(batch: batch), weights: weights32[l])
      as! UnrolledSequence<Cell>
  }

  /// Layer `l`'s backward pass; input gradients for every layer but the first.
  func backpropagateLayer(
    _ l: Int, _ unrolled: UnrolledSequence<Cell>, hiddenGradients: [Matrix?],
    weights32: [Float32LSTMWeights]
  ) -> SequenceGradients {
    guard !weights32.isEmpty, let lstm = layers[l] as? LSTMCell,
      let u = unrolled as? UnrolledSequence<LSTMCell>
    else {
      return backpropagateThroughTime(
        layers[l], unrolled, hiddenGradients: hiddenGradients, computeInputGradients: l > 0)
    }
    return backpropagateFloat32(
      lstm, u, hiddenGradients: hiddenGradients, computeInputGradients: l > 0,
      weights: weights32[l])
  }
}
