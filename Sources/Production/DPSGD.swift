import Foundation
import Layers
import Losses
import NumericsCore

// DP-SGD (Abadi et al., "Deep Learning with Differential Privacy", CCS 2016): bound what
// any one example can do to the model, then hide it in noise.
//
//     for each example i of the (Poisson-sampled) batch:  g_i = ∇_θ ℓ_i,  clip to norm C:
//         ḡ_i = g_i · min(1, C / (‖g_i‖ + 1e-6))
//     g̃ = (Σ_i ḡ_i + N(0, σ²C² I)) / (q·N)         (q·N: the expected batch size)
//
// The sum of clipped gradients needs each example's gradient norm, but not the gradients
// themselves. For a Dense layer Y = XW + b, example i's gradients are x_iᵀ g_i (W) and g_i
// (b), with g_i row i of ∂L/∂Y, so
//
//     ‖∇_W ℓ_i‖² + ‖∇_b ℓ_i‖² = ‖x_i‖² · ‖g_i‖² + ‖g_i‖²
//
// (Goodfellow 2015, "Efficient Per-Example Gradient Computations"). Rows never mix in a
// network of Dense layers and element-wise activations, so scaling row i of the loss
// gradient ∂L/∂Ŷ by c_i scales every one of example i's gradients by c_i: a second backward
// pass with the scaled rows yields Σ_i c_i g_i, the clipped sum. Two backward passes instead
// of a loop over batches of one — checked against that loop in the tests.

/// Per-example clipping of one batch: the clipped sum of gradients and what it took.
public struct ClippedGradients: Sendable {
  /// `Σ_i c_i ∇θ ℓ_i` per layer, as `Sequential.backward` returns gradients.
  public let sum: [[Matrix]]
  /// Each example's gradient norm before clipping.
  public let norms: [Double]
  /// The summed loss `Σ_i ℓ_i` of the batch.
  public let lossSum: Double
}

/// Each example's gradient clipped to norm `clipNorm`, summed, for softmax cross-entropy.
///
/// - Parameters:
///   - network: Dense layers and parameter-free layers only (the per-example norms above).
///   - inputs: the batch, `B × features`.
///   - labels: `B` classes.
///   - clipNorm: `C > 0`.
///   - rng: drives dropout, if the network has any (the same masks in both passes).
/// - Precondition: every layer with parameters is `Dense`.
public func clippedGradientSum<G: RandomNumberGenerator>(
  _ network: Sequential, inputs: Matrix, labels: [Int], clipNorm: Double, using rng: inout G
) -> ClippedGradients {
  precondition(clipNorm > 0, "clippedGradientSum: clipping norm \(clipNorm) must be > 0")
  let (output, caches) = network.forward(inputs, mode: .training, using: &rng)
  let loss = softmaxCrossEntropy(logits: output, labels: labels, reduction: .sum)
  var squaredNorms = [Double](repeating: 0, count: inputs.rows)
  _ = network.backward(loss.gradient, caches: caches) { _, layer, g, cache in
    if layer.parameters.isEmpty { return }
    guard layer is Dense, let x = cache as? Matrix else {
      preconditionFailure("clippedGradientSum: per-example norms need Dense layers, not \(layer)")
    }
    let xNorms = x.rowSquaredNorms()
    let gNorms = g.rowSquaredNorms()
    for i in 0..<squaredNorms.count { squaredNorms[i] += (xNorms[i] + 1) * gNorms[i] }
  }
  let norms = squaredNorms.map { $0.squareRoot() }
  let factors = norms.map { clippingFactor(norm: $0, clipNorm: clipNorm) }
  var scaled = loss.gradient
  scaled.scaleRows(by: factors)
  let sum = network.backward(scaled, caches: caches).gradients
  return ClippedGradients(sum: sum, norms: norms, lossSum: loss.value)
}

/// The factor that clips a gradient of norm `‖g‖` to norm `C`: `min(1, C / (‖g‖ + 1e-6))`
/// (Opacus's; the 1e-6 keeps a zero gradient finite). Gradients already inside the ball are
/// left alone, never scaled up.
public func clippingFactor(norm: Double, clipNorm: Double) -> Double {
  Swift.min(1, clipNorm / (norm + 1e-6))
}

/// The clipped sum of explicit per-example gradients: row `i` is example `i`'s flattened
/// gradient `g_i`, and the result is `Σ_i min(1, C / (‖g_i‖ + 1e-6)) · g_i` — what
/// `clippedGradientSum` computes without materialising the rows, here the batch-of-one way.
///
/// - Parameters:
///   - perExampleGradients: `B × P`, one example per row.
///   - clipNorm: `C > 0`.
/// - Returns: the `P` coordinates of the clipped sum.
public func clippedSum(perExampleGradients g: Matrix, clipNorm: Double) -> [Double] {
  precondition(clipNorm > 0, "clippedSum: clipping norm \(clipNorm) must be > 0")
  let norms = g.rowSquaredNorms().map { $0.squareRoot() }
  var sum = [Double](repeating: 0, count: g.columns)
  for i in 0..<g.rows {
    let factor = clippingFactor(norm: norms[i], clipNorm: clipNorm)
    for j in 0..<g.columns { sum[j] += factor * g[i, j] }
  }
  return sum
}

/// The privatised gradient of one DP-SGD step: the clipped sum plus `N(0, σ²C²)` on every
/// coordinate, divided by the expected batch size `q·N`.
///
/// - Parameters:
///   - clipped: from `clippedGradientSum`.
///   - noiseMultiplier: `σ ≥ 0`.
///   - clipNorm: `C`.
///   - expectedBatchSize: `q·N > 0`.
///   - rng: the noise.
public func privatizedGradient(
  _ clipped: ClippedGradients, noiseMultiplier: Double, clipNorm: Double,
  expectedBatchSize: Double, using rng: inout Xoshiro256StarStar
) -> [[Matrix]] {
  precondition(noiseMultiplier >= 0, "privatizedGradient: σ \(noiseMultiplier) must be ≥ 0")
  precondition(expectedBatchSize > 0, "privatizedGradient: expected batch size must be > 0")
  let standardDeviation = noiseMultiplier * clipNorm
  return clipped.sum.map { layer in
    layer.map { gradient in
      var noisy = gradient
      noisy.withUnsafeMutableElements { e in
        for i in 0..<e.count {
          e[i] = (e[i] + standardDeviation * rng.nextNormal()) / expectedBatchSize
        }
      }
      return noisy
    }
  }
}
