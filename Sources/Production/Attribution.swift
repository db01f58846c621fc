import Layers
import NumericsCore

// Which input pixels a prediction depends on. Three standard methods, each with a caveat:
//
// - Saliency (Simonyan, Vedaldi & Zisserman 2014): |∂f_c/∂x|, the score's local sensitivity.
//   Cheap (one backward pass) but noisy, and blind where the network is saturated.
// - Integrated gradients (Sundararajan, Taly & Yan, ICML 2017): the gradient averaged along
//   the straight path from a baseline x′ (here: a black image) to x, times (x − x′):
//       IG_i = (x_i − x′_i) · ∫₀¹ ∂f_c/∂x_i (x′ + α(x − x′)) dα
//   It is *complete*: Σ_i IG_i = f_c(x) − f_c(x′), so the attributions account for the
//   whole change of the score. A Riemann sum with m steps approximates the integral; the
//   completeness gap tells whether m is large enough.
// - Occlusion (Zeiler & Fergus 2014): the drop of the score when a patch is greyed out.
//   Model-agnostic and easy to read, but one forward pass per patch position.

/// `∂f_c/∂x` for each row of `inputs`, `c = classes[i]` (the logit, not the probability).
public func scoreGradients(_ network: Sequential, inputs: Matrix, classes: [Int]) -> Matrix {
  precondition(inputs.rows == classes.count, "scoreGradients: one class per input row")
  var none = InferenceOnly()
  let (output, caches) = network.forward(inputs, mode: .inference, using: &none)
  var seed = Matrix.zeros(rows: output.rows, columns: output.columns)
  for (i, c) in classes.enumerated() { seed[i, c] = 1 }
  guard
    let gradient = network.backward(seed, caches: caches, needsInputGradient: true).inputGradient
  else { preconditionFailure("scoreGradients: the network returned no input gradient") }
  return gradient
}

/// Saliency: `|∂f_c/∂x|` element-wise.
public func saliency(_ network: Sequential, inputs: Matrix, classes: [Int]) -> Matrix {
  scoreGradients(network, inputs: inputs, classes: classes).map { abs($0) }
}

/// Integrated gradients with the midpoint rule over `steps` points of the path.
///
/// ```
/// IG ≈ (x − x′) ⊙ (1/m) Σ_{k=1}^{m} ∂f_c/∂x (x′ + ((k − ½)/m)(x − x′))
/// ```
/// - Parameters:
///   - input: one image, `1 × features`.
///   - baseline: `1 × features` (a black image: zeros).
///   - target: the class c.
///   - steps: `m ≥ 1`.
/// - Returns: the attributions (`1 × features`) and the completeness gap
///   `|Σ IG − (f_c(x) − f_c(x′))| / |f_c(x) − f_c(x′)|`.
public func integratedGradients(
  _ network: Sequential, input: Matrix, baseline: Matrix, target: Int, steps: Int
) -> (attributions: Matrix, completenessGap: Double) {
  let attributions = integratedGradients(input: input, baseline: baseline, steps: steps) {
    scoreGradients(network, inputs: $0, classes: Array(repeating: target, count: steps))
  }
  let scores = network.predict(Matrix([input.row(0), baseline.row(0)]))
  let change = scores[0, target] - scores[1, target]
  let gap = abs(attributions.sum() - change) / Swift.max(abs(change), 1e-12)
  return (attributions, gap)
}

/// Integrated gradients of any differentiable score, given its gradient at a batch of points:
/// the midpoint rule of `integratedGradients(_:input:baseline:target:steps:)` above.
///
/// ```
/// IG ≈ (x − x′) ⊙ (1/m) Σ_{k=1}^{m} ∇f(x′ + ((k − ½)/m)(x − x′))
/// ```
/// - Parameters:
///   - input: `1 × features`.
///   - baseline: `1 × features`.
///   - steps: `m ≥ 1`.
///   - pathGradients: `∇f` at each row of an `m × features` matrix of path points (row k−1
///     at α = (k − ½)/m), as an `m × features` matrix.
/// - Returns: the attributions, `1 × features`.
public func integratedGradients(
  input: Matrix, baseline: Matrix, steps: Int, pathGradients: (Matrix) -> Matrix
) -> Matrix {
  precondition(
    input.rows == 1 && baseline.rows == 1 && input.columns == baseline.columns,
    "integratedGradients: input and baseline must be single rows of one width")
  precondition(steps >= 1, "integratedGradients: steps \(steps) must be ≥ 1")
  let difference = input - baseline
  var path = [[Double]]()
  for k in 1...steps {
    let alpha = (Double(k) - 0.5) / Double(steps)
    path.append((baseline + difference * alpha).row(0))
  }
  let gradients = pathGradients(Matrix(path))
  precondition(
    gradients.rows == steps && gradients.columns == input.columns,
    "integratedGradients: \(gradients.shapeDescription) gradients for \(steps) path points")
  return difference * gradients.columnMeans()
}

/// Occlusion: the drop of the class score when a `patch × patch` square (stride `stride`)
/// of a `height × width` single-channel image is set to `fill`.
///
/// - Returns: a `height × width` map; each pixel holds the mean drop over the patches that
///   cover it.
public func occlusionMap(
  _ network: Sequential, image: [Double], height: Int, width: Int, target: Int, patch: Int,
  stride: Int, fill: Double = 0
) -> Matrix {
  precondition(
    image.count == height * width, "occlusionMap: image size \(image.count) ≠ \(height)×\(width)")
  precondition(
    patch >= 1 && stride >= 1 && patch <= Swift.min(height, width), "occlusionMap: bad patch")
  var occluded = [[Double]]()
  var positions = [(Int, Int)]()
  for top in Swift.stride(from: 0, through: height - patch, by: stride) {
    for left in Swift.stride(from: 0, through: width - patch, by: stride) {
      var copy = image
      for r in top..<(top + patch) { for c in left..<(left + patch) { copy[r * width + c] = fill } }
      occluded.append(copy)
      positions.append((top, left))
    }
  }
  let base = network.predict(Matrix([image]))[0, target]
  let scores = network.predict(Matrix(occluded))
  var total = Matrix.zeros(rows: height, columns: width)
  var counts = Matrix.zeros(rows: height, columns: width)
  for (index, (top, left)) in positions.enumerated() {
    let drop = base - scores[index, target]
    for r in top..<(top + patch) {
      for c in left..<(left + patch) {
        total[r, c] += drop
        counts[r, c] += 1
      }
    }
  }
  return total.map2(counts) { $1 > 0 ? $0 / $1 : 0 }
}

/// A generator for inference passes: they draw nothing.
struct InferenceOnly: RandomNumberGenerator {
  func next() -> UInt64 { preconditionFailure("an inference pass drew a random number") }
}

extension Matrix {
  fileprivate func map2(_ other: Matrix, _ f: (Double, Double) -> Double) -> Matrix {
    Matrix.zipMap(self, other, f)
  }
}
