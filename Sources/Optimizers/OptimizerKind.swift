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

  /// PyTorch's default of every hyperparameter this kind uses: the one table of defaults
  /// that `makeOptimizer`, `effectiveValues` and the reference learning rate read. SGD's
  /// rate is 1e-3 since PyTorch 2.3; AdaDelta's 1 is its only sensible default. The
  /// `momentum` and `nesterov` kinds default to μ = 0.9, since μ = 0 would make them plain
  /// SGD. Values a kind does not use stay nil.
  public var defaults: Hyperparameters {
    switch self {
    case .sgd:
      Hyperparameters(learningRate: 1e-3, momentum: 0, dampening: 0, weightDecay: 0)
    case .momentum:
      Hyperparameters(learningRate: 1e-3, momentum: 0.9, dampening: 0, weightDecay: 0)
    case .nesterov:
      Hyperparameters(
        learningRate: 1e-3, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0)
    case .adagrad: Hyperparameters(learningRate: 1e-2, epsilon: 1e-10, weightDecay: 0)
    case .rmsprop:
      Hyperparameters(
        learningRate: 1e-2, momentum: 0, alpha: 0.99, epsilon: 1e-8, weightDecay: 0)
    case .adam:
      Hyperparameters(learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0)
    case .adamw:
      Hyperparameters(
        learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01)
    case .adadelta: Hyperparameters(learningRate: 1, epsilon: 1e-6, rho: 0.9, weightDecay: 0)
    }
  }

  /// The default learning rate of the matching `torch.optim` class, for reference.
  public var pytorchDefaultLearningRate: Double { defaults.learningRate }

  /// The real-valued hyperparameters this kind uses besides the learning rate, in the order
  /// of reports (weight decay last); `nesterov` is reported after the SGD family's values.
  var hyperparameterNames: [(name: String, key: KeyPath<Hyperparameters, Double?>)] {
    switch self {
    case .sgd, .momentum, .nesterov: [("momentum", \.momentum), ("dampening", \.dampening)]
    case .adagrad: [("epsilon", \.epsilon)]
    case .rmsprop: [("alpha", \.alpha), ("epsilon", \.epsilon), ("momentum", \.momentum)]
    case .adam, .adamw: [("beta1", \.beta1), ("beta2", \.beta2), ("epsilon", \.epsilon)]
    case .adadelta: [("rho", \.rho), ("epsilon", \.epsilon)]
    }
  }

  /// Creates the optimizer with `hyperparameters`, taking PyTorch's default (`defaults`)
  /// for every value left `nil`.
  ///
  /// - Precondition: `hyperparameters.problem(for: self) == nil` (otherwise the
  ///   optimizer's initializer traps naming the bad value).
  public func makeOptimizer(_ hyperparameters: Hyperparameters) -> any Optimizer {
    let h = hyperparameters.resolved(for: self)
    let lr = h.learningRate
    let decay = h.value(\.weightDecay)
    switch self {
    case .sgd, .momentum, .nesterov:
      return SGD(
        learningRate: lr, momentum: h.value(\.momentum), dampening: h.value(\.dampening),
        nesterov: h.nesterov, weightDecay: decay)
    case .adagrad:
      return AdaGrad(learningRate: lr, epsilon: h.value(\.epsilon), weightDecay: decay)
    case .rmsprop:
      return RMSprop(
        learningRate: lr, alpha: h.value(\.alpha), epsilon: h.value(\.epsilon),
        momentum: h.value(\.momentum), weightDecay: decay)
    case .adam:
      return Adam(
        learningRate: lr, beta1: h.value(\.beta1), beta2: h.value(\.beta2),
        epsilon: h.value(\.epsilon), weightDecay: decay)
    case .adamw:
      return AdamW(
        learningRate: lr, beta1: h.value(\.beta1), beta2: h.value(\.beta2),
        epsilon: h.value(\.epsilon), weightDecay: decay)
    case .adadelta:
      return AdaDelta(
        learningRate: lr, rho: h.value(\.rho), epsilon: h.value(\.epsilon), weightDecay: decay)
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
    values += kind.hyperparameterNames.map { ($0.name, h.value($0.key)) }
    if [.sgd, .momentum, .nesterov].contains(kind) {
      values.append(("nesterov", h.nesterov ? 1 : 0))
    }
    values.append(("weight_decay", h.value(\.weightDecay)))
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

  /// Every value left nil taken from `kind.defaults` (the learning rate is always yours;
  /// the `nesterov` kind always uses Nesterov momentum).
  func resolved(for kind: OptimizerKind) -> Hyperparameters {
    let d = kind.defaults
    var h = self
    h.momentum = momentum ?? d.momentum
    h.dampening = dampening ?? d.dampening
    h.nesterov = nesterov || d.nesterov
    h.alpha = alpha ?? d.alpha
    h.beta1 = beta1 ?? d.beta1
    h.beta2 = beta2 ?? d.beta2
    h.epsilon = epsilon ?? d.epsilon
    h.rho = rho ?? d.rho
    h.weightDecay = weightDecay ?? d.weightDecay
    return h
  }

  /// A value that `resolved(for:)` filled in; a nil here is a hole in `defaults`.
  func value(_ key: KeyPath<Hyperparameters, Double?>) -> Double {
    guard let value = self[keyPath: key] else {
      preconditionFailure("OptimizerKind.defaults has no value for \(key)")
    }
    return value
  }
}
