import NumericsCore

// A float32 Conv2D and the ReLU layers next to it, run as one pass (`Sequential` calls
// these when it finds the pattern: `Sequential+Fusion.swift`).
//
//     forward:   Y = max(0, conv(X))                    (ReLU after the convolution)
//     backward:  G ← G ∘ [Y > 0]                        (that ReLU's backward pass)
//                ∂L/∂X ← ∂L/∂X ∘ [X > 0]                (a ReLU before the convolution)
//
// The same numbers as the layers one by one, bit for bit (the products are written as the
// ReLU kernels write them; tested): what changes is that the rectification happens inside
// the passes that convert between float64 and the GEMMs' float32 anyway, instead of in
// separate passes over the activations (64 × 11·11·64 numbers in the bench's conv step).
// Both float32 algorithms fuse (im2col and Winograd: the rectification happens in the pass
// that writes the output tiles and in the one that transforms ∂L/∂Y). Only float32 fuses: the float64 layer reads G straight into its GEMMs, so it
// has no pass to fold the mask into, and stays the plain reference.

extension Conv2D {
  /// Whether `Sequential` may fuse this layer with the ReLU layers around it.
  var fusesRectifiers: Bool { precision == .float32 }

  /// `max(0, forward(input))` and the layer's cache, in one pass.
  /// - Precondition: `fusesRectifiers`; `input` is `batch × inputShape.count`.
  func forwardRectified(_ input: Matrix) -> (output: Matrix, cache: Cache) {
    precondition(
      fusesRectifiers && input.columns == inputShape.count,
      "\(self).forwardRectified: input is \(input.shapeDescription), expected batch × "
        + "\(inputShape.count), with float32 GEMMs")
    if usesWinograd {
      let (output, tiles) = convolutionForwardWinograd(
        input, shape: inputShape, geometry: geometry, kernels: kernels, bias: bias,
        rectified: true)
      return (output, .winograd(tiles))
    }
    let (output, columns) = convolutionForwardFloat32(
      input, shape: inputShape, geometry: geometry, kernels: kernels, bias: bias,
      rectified: true)
    return (output.reshaped(rows: input.rows, columns: outputShape.count), .float32(columns))
  }

  /// `gradients(_:cache:inputGradient:)` with the backward passes of a ReLU after the
  /// layer (its output `rectifiedOutput`) and of one before it (its output
  /// `rectifiedInput`, this layer's input) folded in.
  /// - Precondition: `fusesRectifiers` and a float32 cache.
  func gradients(
    _ outputGradient: Matrix, cache: Cache, inputGradient: Bool, rectifiedOutput: Matrix?,
    rectifiedInput: Matrix?
  ) -> (input: Matrix?, kernels: Matrix, bias: Matrix) {
    precondition(fusesRectifiers, "\(self).gradients(rectified…): needs float32 GEMMs")
    if case .winograd(let tiles) = cache {
      return convolutionBackwardWinograd(
        positionRows(outputGradient, cache: cache), tiles: tiles, kernels: kernels,
        shape: inputShape, geometry: geometry, inputGradient: inputGradient,
        rectifiedOutput: rectifiedOutput, rectifiedInput: rectifiedInput)
    }
    guard case .float32(let columns) = cache else {
      preconditionFailure("\(self).gradients(rectified…): needs a float32 cache")
    }
    precondition(
      outputGradient.columns == outputShape.count
        && outputGradient.rows * outputShape.height * outputShape.width == columns.rows,
      "\(self).backward: gradient is \(outputGradient.shapeDescription), expected "
        + "\(columns.rows / (outputShape.height * outputShape.width)) × \(outputShape.count)")
    return convolutionBackwardFloat32(
      outputGradient.reshaped(rows: columns.rows, columns: filters), columns: columns,
      kernels: kernels, shape: inputShape, geometry: geometry, inputGradient: inputGradient,
      rectifiedOutput: rectifiedOutput, rectifiedInput: rectifiedInput)
  }
}
