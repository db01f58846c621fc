import NumericsCore

/// The optimizers by name, for command lines and experiment tables.
///
/// `momentum` and `nesterov` are ``SGD`` with momentum (default μ = 0.9); `adamw` is
/// ``AdamW``. The raw values are the names a student types: `--optimizer rmsprop`.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
  case sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta

  /// The name as printed in tables and legends, e.g. `RMSprop`.
  public var displayName: String {
    switch self {
    case .sgd: "SGD"
    case .momentum: "Momentum"
    case .nesterov: "Nesterov"
    case .adagrad: "AdaGrad"
    case .rmsprop: "RMSprop"
    case .adam: "Adam"
    case .adamw: "AdamW"
    case .adadelta: "AdaDelta"
    }
  }

  /// The default learning rate of the matching `torch.optim` class, for reference (SGD's
  /// is 1e-3 since PyTorch 2.3; AdaDelta's 1 is its only sensible default).
  public var pytorchDefaultLearningRate: Double {
    switch self {
    case .sgd, .momentum, .nesterov, .adam, .adamw: 1e-3
    case .adagrad, .rmsprop: 1e-2
    case .adadelta: 1
    }
  }

  /// Creates the optimizer with `hyperparameters`, taking PyTorch's default for every
  /// value left `nil`.
  ///
  /// - Precondition: `hyperparameters.problem(for: self) == nil` (otherwise the
  ///   optimizer's initializer traps naming the bad value).
  public func makeOptimizer(_ hyperparameters: Hyperparameters) -> any Optimizer {
    let h = hyperparameters.resolved(for: self)
    switch self {
    case .sgd, .momentum, .nesterov:
      return SGD(
        learningRate: h.learningRate, momentum: h.momentum ?? 0, dampening: h.dampening ?? 0,
        nesterov: h.nesterov, weightDecay: h.weightDecay ?? 0)
    case .adagrad:
      return AdaGrad(
        learningRate: h.learningRate, epsilon: h.epsilon ?? 1e-10,
        weightDecay: h.weightDecay ?? 0)
    case .rmsprop:
      return RMSprop(
        learningRate: h.learningRate, alpha: h.alpha ?? 0.99, epsilon: h.epsilon ?? 1e-8,
        momentum: h.momentum ?? 0, weightDecay: h.weightDecay ?? 0)
    case .adam:
      return Adam(
        learningRate: h.learningRate, beta1: h.beta1 ?? 0.9, beta2: h.beta2 ?? 0.999,
        epsilon: h.epsilon ?? 1e-8, weightDecay: h.weightDecay ?? 0)
    case .adamw:
      return AdamW(
        learningRate: h.learningRate, beta1: h.beta1 ?? 0.9, beta2: h.beta2 ?? 0.999,
        epsilon: h.epsilon ?? 1e-8, weightDecay: h.weightDecay ?? 0.01)
    case .adadelta:
      return AdaDelta(
        learningRate: h.learningRate, rho: h.rho ?? 0.9, epsilon: h.epsilon ?? 1e-6,
        weightDecay: h.weightDecay ?? 0)
    }
  }
}

/// The hyperparameters of any optimizer, as a command line collects them.
///
/// `nil` means "PyTorch's default for this optimizer" (ε is 1e-10 for AdaGrad but 1e-8
/// for Adam, so one number cannot serve as the default for all). The exception is
/// momentum: the `momentum` and `nesterov` kinds default to μ = 0.9, since μ = 0 would
/// make them plain SGD.
public struct Hyperparameters: Sendable, Equatable {
  /// The learning rate `lr`; always chosen by you.
  public var learningRate: Double
  /// `μ` for SGD-with-momentum and RMSprop.
  public var momentum: Double?
  /// `d` for SGD with momentum.
  public var dampening: Double?
  /// Nesterov momentum for `sgd`/`momentum` (always on for the `nesterov` kind).
  public var nesterov: Bool
  /// `α` for RMSprop.
  public var alpha: Double?
  /// `β1` for Adam and AdamW.
  public var beta1: Double?
  /// `β2` for Adam and AdamW.
  public var beta2: Double?
  /// `ε` for the adaptive methods.
  public var epsilon: Double?
  /// `ρ` for AdaDelta.
  public var rho: Double?
  /// `λ`: L2 for every optimizer except AdamW, where it is the decoupled decay.
  public var weightDecay: Double?

  /// Collects hyperparameters; leave a value `nil` for PyTorch's default.
  public init(
    learningRate: Double, momentum: Double? = nil, dampening: Double? = nil,
    nesterov: Bool = false, alpha: Double? = nil, beta1: Double? = nil, beta2: Double? = nil,
    epsilon: Double? = nil, rho: Double? = nil, weightDecay: Double? = nil
  ) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.nesterov = nesterov
    self.alpha = alpha
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.rho = rho
    self.weightDecay = weightDecay
  }

  /// The values that `kind` actually uses, with its defaults filled in, in a fixed order:
  /// what a report or a JSON summary should print.
  public func effectiveValues(for kind: OptimizerKind) -> [(name: String, value: Double)] {
    let h = resolved(for: kind)
    var values: [(name: String, value: Double)] = [("learning_rate", h.learningRate)]
    switch kind {
    case .sgd, .momentum, .nesterov:
      values += [("momentum", h.momentum ?? 0), ("dampening", h.dampening ?? 0)]
      values.append(("nesterov", h.nesterov ? 1 : 0))
    case .adagrad:
      values.append(("epsilon", h.epsilon ?? 1e-10))
    case .rmsprop:
      values += [("alpha", h.alpha ?? 0.99), ("epsilon", h.epsilon ?? 1e-8)]
      values.append(("momentum", h.momentum ?? 0))
    case .adam, .adamw:
      values += [("beta1", h.beta1 ?? 0.9), ("beta2", h.beta2 ?? 0.999)]
      values.append(("epsilon", h.epsilon ?? 1e-8))
    case .adadelta:
      values += [("rho", h.rho ?? 0.9), ("epsilon", h.epsilon ?? 1e-6)]
    }
    values.append(("weight_decay", h.weightDecay ?? (kind == .adamw ? 0.01 : 0)))
    return values
  }

  /// Describes the first invalid value for `kind` in one line (for a command line's
  /// validation), or returns nil when every value is acceptable.
  public func problem(for kind: OptimizerKind) -> String? {
    let h = resolved(for: kind)
    if !(h.learningRate > 0 && h.learningRate.isFinite) {
      return "learning rate \(h.learningRate) must be positive and finite"
    }
    let fractions: [(String, Double?)] = [
      ("momentum", h.momentum), ("dampening", h.dampening), ("alpha", h.alpha),
      ("beta1", h.beta1), ("beta2", h.beta2), ("rho", h.rho),
    ]
    for case (let name, let value?) in fractions where !(value >= 0 && value < 1) {
      return "\(name) \(value) must lie in [0, 1)"
    }
    for case (let name, let value?) in [("epsilon", h.epsilon), ("weight decay", h.weightDecay)]
    where !(value >= 0 && value.isFinite) {
      return "\(name) \(value) must be ≥ 0 and finite"
    }
    if h.nesterov && !((h.momentum ?? 0) > 0 && (h.dampening ?? 0) == 0) {
      return "Nesterov momentum needs momentum > 0 and dampening 0"
    }
    return nil
  }

  /// Fills in the kind-specific defaults that differ from PyTorch's class defaults.
  func resolved(for kind: OptimizerKind) -> Hyperparameters {
    var h = self
    switch kind {
    case .momentum:
      h.momentum = momentum ?? 0.9
    case .nesterov:
      h.momentum = momentum ?? 0.9
      h.nesterov = true
    default:
      break
    }
    return h
  }
}
