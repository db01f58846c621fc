import NumericsCore

/// How a float32 `Conv2D` computes its three products.
///
/// - `.im2col`: the patch matrix and one GEMM per product (`Convolution+Float32.swift`):
///   any kernel, stride and padding.
/// - `.winograd`: Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray 2016,
///   `Convolution+Winograd.swift`): 16 multiplications per 2×2 outputs and channel pair
///   instead of 36, 2.25× fewer, for 3×3 kernels at stride 1 (any zero padding). Its
///   rounding error is a small constant (≤ 7×, derived there) larger than im2col's in
///   float32: still ~10⁻⁵ relative, far below mini-batch noise.
/// - `.automatic` (the default): Winograd where it applies (float32, 3×3, stride 1),
///   im2col everywhere else.
///
/// A float64 layer always uses im2col: it is the reference the float32 paths are tested
/// against (and matched to PyTorch float64 at 1e-9).
public enum ConvolutionAlgorithm: String, Sendable, CaseIterable {
  case automatic
  case im2col
  case winograd
}

extension Conv2D {
  /// Whether the layer's passes run Winograd F(2×2, 3×3).
  /// - Precondition: `.winograd` only on a float32 3×3 stride-1 layer.
  var usesWinograd: Bool {
    switch algorithm {
    case .im2col: return false
    case .automatic: return precision == .float32 && geometry.admitsWinograd
    case .winograd:
      precondition(
        precision == .float32 && geometry.admitsWinograd,
        "Conv2D: Winograd needs float32 arithmetic and a 3×3 stride-1 kernel, not "
          + "\(precision) with \(geometry)")
      return true
    }
  }
}
