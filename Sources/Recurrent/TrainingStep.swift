import NumericsCore
import Optimizers

/// What one update did: the gradient's global norm before clipping, and whether clipping
/// acted.
public struct UpdateRecord: Sendable {
  public let gradientNorm: Double
  public let clipped: Bool
}

/// Applies one update to a recurrent model's parameters: optionally clip the gradients
/// *together* by their global norm (NumericsCore's `clipByGlobalNorm`, PyTorch's
/// `clip_grad_norm_`), then one optimizer step, slot `i` for tensor `i`.
///
/// This is the only place a recurrent model's weights change: once per batch, after BPTT
/// has summed every step's contribution into `gradients`.
///
/// - Parameters:
///   - parameters: the model's tensors, updated in place.
///   - gradients: their gradients, the same shapes.
///   - optimizer: any optimizer; its state is kept across calls.
///   - maximumNorm: the clipping threshold `c > 0`, or nil for no clipping.
public func applyUpdate<O: Optimizer>(
  to parameters: inout [Matrix], gradients: [Matrix], optimizer: inout O,
  clippingAt maximumNorm: Double? = nil
) -> UpdateRecord {
  var gradients = gradients
  let norm: Double
  if let maximumNorm {
    norm = clipByGlobalNorm(&gradients, maxNorm: maximumNorm)
  } else {
    norm = globalNorm(gradients)
  }
  optimizer.update(&parameters, along: gradients)
  return UpdateRecord(gradientNorm: norm, clipped: maximumNorm.map { norm > $0 } ?? false)
}
