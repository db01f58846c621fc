// The hyperparameters each 3.3 exercise passes to the step, printed into every message.

/// 3.3.1: SGD with momentum.
public struct MomentumSettings: OptimizerSettings {
  /// `lr`.
  public var learningRate: Double
  /// `μ`.
  public var momentum: Double
  /// `lr = 0.1, momentum = 0.9`.
  public var description: String {
    "lr = \(formatted(learningRate)), momentum = \(formatted(momentum))"
  }
}

/// 3.3.2: AdaGrad.
public struct AdaGradSettings: OptimizerSettings {
  /// `lr`.
  public var learningRate: Double
  /// `ε`.
  public var epsilon: Double
  /// `lr = 0.5, epsilon = 1e-10`.
  public var description: String {
    "lr = \(formatted(learningRate)), epsilon = \(formatted(epsilon))"
  }
}

/// 3.3.3: RMSprop.
public struct RMSpropSettings: OptimizerSettings {
  /// `lr`.
  public var learningRate: Double
  /// `α`.
  public var alpha: Double
  /// `ε`.
  public var epsilon: Double
  /// `lr = 0.01, alpha = 0.99, epsilon = 1e-08`.
  public var description: String {
    "lr = \(formatted(learningRate)), alpha = \(formatted(alpha)), "
      + "epsilon = \(formatted(epsilon))"
  }
}

/// 3.3.4: Adam.
public struct AdamSettings: OptimizerSettings {
  /// `lr`.
  public var learningRate: Double
  /// `β1`.
  public var beta1: Double
  /// `β2`.
  public var beta2: Double
  /// `ε`.
  public var epsilon: Double
  /// `lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-08`.
  public var description: String {
    "lr = \(formatted(learningRate)), beta1 = \(formatted(beta1)), "
      + "beta2 = \(formatted(beta2)), epsilon = \(formatted(epsilon))"
  }
}

/// 3.3.5: AdaDelta.
public struct AdaDeltaSettings: OptimizerSettings {
  /// `lr`.
  public var learningRate: Double
  /// `ρ`.
  public var rho: Double
  /// `ε`.
  public var epsilon: Double
  /// `lr = 1, rho = 0.9, epsilon = 1e-06`.
  public var description: String {
    "lr = \(formatted(learningRate)), rho = \(formatted(rho)), epsilon = \(formatted(epsilon))"
  }
}
