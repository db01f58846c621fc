// What every loss in this module shares: how per-element losses are combined into one
// number, and the value-plus-gradient pair each loss returns.
//
// The conventions follow PyTorch's `torch.nn.functional`, the most widely used reference:
// `.mean` divides by the number of terms (elements for element-wise losses, rows for
// per-sample losses), `.sum` does not, and the gradient carries the same factor. So for
// any loss, `sum = N · mean` and `∇sum = N · ∇mean`.

import NumericsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

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

  /// The factor that turns the sum of `count` terms into this reduction: `1/count` or 1.
  /// - Precondition: `count > 0` (the mean of nothing is undefined).
  func scale(count: Int, _ caller: String) -> Double {
    precondition(count > 0, "\(caller): cannot reduce an empty input (0 terms)")
    switch self {
    case .mean: return 1 / Double(count)
    case .sum: return 1
    }
  }
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

/// Traps unless `a` and `b` have the same shape, naming both shapes and the loss.
func requireSameShape(_ a: Matrix, _ b: Matrix, _ caller: String, _ names: (String, String)) {
  precondition(
    a.rows == b.rows && a.columns == b.columns,
    "\(caller): \(names.0) is \(a.shapeDescription) but \(names.1) is \(b.shapeDescription)")
}

/// `−1`, `0` or `+1`; `sign(0) = 0`, the subgradient PyTorch picks at a kink.
@inline(__always) func signum(_ x: Double) -> Double {
  x > 0 ? 1 : (x < 0 ? -1 : 0)
}

// The C math functions under names this module's code can call without each file
// importing the platform library.
@inline(__always) func naturalLog(_ x: Double) -> Double { log(x) }
@inline(__always) func logOnePlus(_ x: Double) -> Double { log1p(x) }
@inline(__always) func exponential(_ x: Double) -> Double { exp(x) }
