// What every loss in this module shares: how per-element losses are combined into one
// number, and the value-plus-gradient pair each loss returns.
//
// The conventions follow PyTorch's `torch.nn.functional`, the most widely used reference:
// `.mean` divides by the number of terms (elements for element-wise losses, rows for
// per-sample losses), `.sum` does not, and the gradient carries the same factor. So for
// any loss, `sum = N · mean` and `∇sum = N · ∇mean`.

@_exported import CourseTypes
import NumericsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Reduction {
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
