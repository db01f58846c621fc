// Exercise 2.3.3: integrated gradients by a Riemann sum (midpoint rule).
// Check your work: `swift run exercises check 2.3.3`. Stuck? `swift run exercises hint 2.3.3`.

import ExerciseSupport
import Foundation

/// Attributes a score f(x) to the input's features: the gradient averaged along the
/// straight path from a baseline x′ to x, times how far each feature moved (Sundararajan,
/// Taly & Yan 2017).
///
/// Your task: with m = `steps`, approximate the path integral by the midpoint rule —
/// m points at α_k = (k − ½)/m for k = 1 … m, never 0 or 1 — and return, for every feature i,
///
/// ```
/// IG_i = (x_i − x′_i) · (1/m) Σ_{k=1}^{m} ∂f/∂x_i (x′ + α_k (x − x′))
/// ```
/// `gradient(p)` returns ∇f at the point p (one number per feature). The attributions are
/// complete: Σ_i IG_i ≈ f(x) − f(x′), exactly so when ∇f is linear along the path.
///
/// Example: f(x) = x₁² + 3x₁x₂ (∇f = [2x₁ + 3x₂, 3x₁]), x = [1, 2], x′ = [−1, 0], m = 2:
/// x − x′ = [2, 2]; α = 1/4 and 3/4 give the points [−0.5, 0.5] and [0.5, 1.5], gradients
/// [0.5, −1.5] and [5.5, 1.5], mean [3, 0], so IG = [2 · 3, 2 · 0] = [6, 0], and
/// f(x) − f(x′) = 7 − 1 = 6.
///
/// - Parameters:
///   - input: x.
///   - baseline: x′, as many features as x.
///   - steps: m ≥ 1.
///   - gradient: ∇f at a point.
/// - Returns: the attributions, one per feature.
public func integratedGradients(
  input: [Double], baseline: [Double], steps: Int, gradient: ([Double]) -> [Double]
) throws -> [Double] {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
