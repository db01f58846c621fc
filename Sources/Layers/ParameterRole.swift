/// What a parameter matrix is for, so that regularisers know which ones to touch.
///
/// The course's convention: **penalties (L1, L2), weight decay and max-norm act on weights
/// only, never on biases** (nor on normalisation gains, when such layers arrive). A bias
/// shifts a unit's threshold; shrinking it towards 0 does not make the function smoother,
/// it only moves the threshold, and a unit with few inputs can need a large one. This is
/// the usual practice (Goodfellow, Bengio & Courville, *Deep Learning*, §7.1: "we typically
/// choose to use a parameter norm penalty that penalizes only the interaction weights").
///
/// PyTorch's optimizers apply `weight_decay` to every parameter they are given; to exclude
/// biases there one builds two parameter groups, one with `weight_decay=0`. Here the role
/// does that: `Sequential.parameterRoles[i]` tells the training loop's hooks which slots
/// are weights.
public enum ParameterRole: Sendable, Equatable, CustomStringConvertible {
  /// Multiplies an input (Dense's `W`, a convolution's kernels, a recurrent matrix).
  case weight
  /// Is added (Dense's `b`).
  case bias

  public var description: String {
    switch self {
    case .weight: return "weight"
    case .bias: return "bias"
    }
  }
}
