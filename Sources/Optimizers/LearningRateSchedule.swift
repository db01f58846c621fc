import Foundation

/// How the learning rate changes over training: a value that the training loop asks, before
/// every epoch (or every step), for the rate to set on the optimizer.
///
/// The optimizer is not recreated when the rate changes: its state (Adam's moments, a
/// momentum buffer, the step count) carries on, exactly as in PyTorch, where a scheduler
/// writes `param_group["lr"]` and leaves `optimizer.state` alone.
///
/// `t` counts the schedule's steps from 0 (PyTorch's `last_epoch` after `t` calls of
/// `scheduler.step()`), `lr₀` is the optimizer's rate when training starts:
///
/// ```
/// constant               lr_t = lr₀
/// step(size: s, factor: γ)                  lr_t = lr₀ · γ^⌊t/s⌋              StepLR(step_size=s, gamma=γ)
/// cosine(period: T, minimum: η)             lr_t = η + (lr₀ − η)(1 + cos(πt/T))/2
///                                                                             CosineAnnealingLR(T_max=T, eta_min=η)
/// linear(from: a, to: b, steps: n)          lr_t = lr₀ · (a + (b − a)·min(t, n)/n)
///                                                                             LinearLR(start_factor=a, end_factor=b, total_iters=n)
/// warmup(steps: w, from: a, then: s)        t < w: lr₀ · (a + (1 − a)·t/w);  t ≥ w: s at t − w
///                                                                             SequentialLR([LinearLR(a, 1, w), s], milestones=[w])
/// ```
///
/// Where this differs from `torch.optim.lr_scheduler`:
/// - Cosine uses the closed form. PyTorch's `CosineAnnealingLR.step()` uses a recursive form
///   that equals the closed form as long as nothing else changes the rate; like PyTorch's
///   closed form, the rate rises again after `t = T` (the cosine is periodic), so choose
///   `T` = the number of schedule steps of the run.
/// - Every formula is evaluated afresh from `lr₀` and `t`, so there is no accumulated
///   rounding from multiplying factors one step at a time (StepLR's recursive
///   `lr·γ` can differ from `lr₀·γ^k` in the last bit).
public indirect enum LearningRateSchedule: Sendable, Equatable, CustomStringConvertible {
  /// The rate never changes.
  case constant
  /// Multiplied by `factor` every `size` steps.
  case step(size: Int, factor: Double)
  /// Half a cosine from `lr₀` down to `minimum` over `period` steps.
  case cosine(period: Int, minimum: Double)
  /// A linear ramp of the factor from `from` to `to` over `steps` steps, then constant.
  case linear(from: Double, to: Double, steps: Int)
  /// A linear warm-up from `from·lr₀` to `lr₀` over `steps` steps, then `then`, whose own
  /// `t` starts at 0 when the warm-up ends.
  case warmup(steps: Int, from: Double, then: LearningRateSchedule)

  /// The learning rate at schedule step `t`.
  ///
  /// - Parameters:
  ///   - base: `lr₀ > 0`.
  ///   - t: steps of the schedule taken so far, `t ≥ 0`.
  /// - Precondition: the schedule is valid (`validationError == nil`).
  public func learningRate(base: Double, at t: Int) -> Double {
    precondition(t >= 0, "LearningRateSchedule: step \(t) must be ≥ 0")
    if let problem = validationError { preconditionFailure("LearningRateSchedule: \(problem)") }
    switch self {
    case .constant:
      return base
    case .step(let size, let factor):
      return base * pow(factor, Double(t / size))
    case .cosine(let period, let minimum):
      return minimum + (base - minimum) * (1 + cos(Double.pi * Double(t) / Double(period))) / 2
    case .linear(let from, let to, let steps):
      return base * (from + (to - from) * Double(Swift.min(t, steps)) / Double(steps))
    case .warmup(let steps, let from, let then):
      if t < steps { return base * (from + (1 - from) * Double(t) / Double(steps)) }
      return then.learningRate(base: base, at: t - steps)
    }
  }

  /// Why the schedule's parameters are unusable, or nil when they are fine.
  public var validationError: String? {
    switch self {
    case .constant:
      return nil
    case .step(let size, let factor):
      if size < 1 { return "step size \(size) must be ≥ 1" }
      if !(factor > 0 && factor.isFinite) { return "factor \(factor) must be positive" }
      return nil
    case .cosine(let period, let minimum):
      if period < 1 { return "cosine period \(period) must be ≥ 1" }
      if !(minimum >= 0 && minimum.isFinite) { return "minimum \(minimum) must be ≥ 0" }
      return nil
    case .linear(let from, let to, let steps):
      if steps < 1 { return "linear ramp of \(steps) steps must have ≥ 1" }
      if !(from > 0 && from.isFinite && to > 0 && to.isFinite) {
        return "linear factors \(from) and \(to) must be positive"
      }
      return nil
    case .warmup(let steps, let from, let then):
      if steps < 1 { return "warm-up of \(steps) steps must have ≥ 1" }
      if !(from > 0 && from <= 1) { return "warm-up start factor \(from) must lie in (0, 1]" }
      return then.validationError
    }
  }

  public var description: String {
    switch self {
    case .constant: return "constant"
    case .step(let size, let factor): return "×\(factor) every \(size)"
    case .cosine(let period, let minimum): return "cosine over \(period) to \(minimum)"
    case .linear(let from, let to, let steps): return "linear ×\(from) → ×\(to) over \(steps)"
    case .warmup(let steps, let from, let then):
      return "warm-up ×\(from) over \(steps), then \(then)"
    }
  }
}
