// The value types the reference modules and the exercise stubs share: how per-element
// losses are combined, and the value-plus-gradient pair every loss returns.
//
// They live in this small module (not in Losses) so that the exercise stubs can use them
// without seeing the reference implementations they are asked to write. `Losses`
// re-exports this module, so `import Losses` still brings them in.

import NumericsCore

/// How per-element (or per-sample) losses are combined into one number.
///
/// ```
/// mean:  L = (1/N) Σ_i ℓ_i        sum:  L = Σ_i ℓ_i
/// ```
/// `N` is the number of elements for element-wise losses (MSE, MAE, Huber, hinge, binary
/// cross-entropy) and the number of rows (samples) for per-sample losses (softmax
/// cross-entropy, multi-class hinge, KL divergence).
public enum Reduction: String, Sendable, CaseIterable {
  /// Average over the `N` terms (PyTorch's default, `reduction="mean"`).
  case mean
  /// Total over the `N` terms (`reduction="sum"`).
  case sum

}

/// A loss value together with its gradient with respect to the loss's first argument.
///
/// The gradient has the shape of that argument (predictions, scores, logits, or `q` for
/// the KL divergence), so a training loop can pass it straight to the backward pass.
public struct LossResult: Sendable, Equatable {
  /// The reduced loss `L`.
  public let value: Double
  /// `∂L/∂(first argument)`, same shape as that argument.
  public let gradient: Matrix

  /// Creates a result from a value and its gradient.
  public init(value: Double, gradient: Matrix) {
    self.value = value
    self.gradient = gradient
  }
}
