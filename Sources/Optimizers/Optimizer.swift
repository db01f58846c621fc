// Optimizers: the search strategies that turn gradients into parameter updates.
//
// Every optimizer here follows PyTorch's `torch.optim` update rule exactly, including the
// defaults of every hyperparameter except the learning rate (which you always choose).
// Where the book "Deep Learning from Scratch" (DLFS, 斎藤康毅) or JAX's optax write the
// same method differently, the optimizer's doc comment says how; those differences are
// small in the formula and occasionally large in behaviour (where ε sits, for example).
//
// Conventions shared by every optimizer:
// - `t` counts the updates of one parameter, from 1. Like PyTorch's `state["step"]`, the
//   counter lives with the parameter's state: each call of `update(_:along:slot:)`
//   advances the counter of that slot only.
// - `g` is the gradient of the loss with respect to the parameter `p`; all operations are
//   element-wise (`g²` squares each element, `√s` takes each element's root).
// - State (moment estimates, accumulators, momentum buffers) is kept per slot, so one
//   optimizer instance updates every parameter matrix of a network: give each parameter
//   its own slot number and keep it for the whole training run.
// - Optimizers are values. Copying an optimizer copies its state, which is how you fork a
//   training run.

import NumericsCore

/// A rule that updates parameters from their gradients, keeping per-parameter state.
///
/// A training step calls `update` once for every parameter, each with its own slot:
///
/// ```swift
/// var optimizer = Adam(learningRate: 1e-3)
/// optimizer.update(&weights, along: weightGradient, slot: 0)   // weights: in × out
/// optimizer.update(&bias, along: biasGradient, slot: 1)        // bias: 1 × out
/// ```
public protocol Optimizer: Sendable {
  /// The step size `lr` that scales every update.
  var learningRate: Double { get set }

  /// Applies one update to `parameter` in place, using and advancing the state of `slot`.
  ///
  /// - Parameters:
  ///   - parameter: the parameter `p`, any shape; updated in place.
  ///   - gradient: `∂loss/∂p`, the shape of `parameter`.
  ///   - slot: which parameter this is (0, 1, 2, …); its state is created on first use.
  /// - Precondition: `gradient` has the shape of `parameter`, `slot ≥ 0`, and the slot's
  ///   earlier parameters had the same shape.
  mutating func update(_ parameter: inout Matrix, along gradient: Matrix, slot: Int)

  /// The same update along a gradient that is the product `op(a)·b` (a Dense layer's
  /// `Xᵀ·G`), for an optimizer that can apply it without forming the product first.
  /// The default forms it (`matmul`) and calls `update(_:along:slot:)`; plain SGD folds its
  /// step into the product (`Matrix.formSGDUpdate(alongProductOf:…)`), the same bits.
  ///
  /// - Precondition: `op(a)·b` has the shape of `parameter` (as for `update`).
  mutating func update(
    _ parameter: inout Matrix, alongProductOf a: Matrix, _ b: Matrix, transposeA: Bool,
    slot: Int)

  /// How many updates slot `slot` has received so far (`t` of its last update; 0 if none).
  func stepCount(slot: Int) -> Int
}

extension Optimizer {
  public mutating func update(
    _ parameter: inout Matrix, alongProductOf a: Matrix, _ b: Matrix, transposeA: Bool,
    slot: Int
  ) {
    update(&parameter, along: matmul(a, b, transposeA: transposeA), slot: slot)
  }

  /// Updates a list of parameters, slot `i` for `parameters[i]`: one training step.
  ///
  /// - Precondition: the two lists have the same length and pairwise the same shapes.
  public mutating func update(_ parameters: inout [Matrix], along gradients: [Matrix]) {
    precondition(
      parameters.count == gradients.count,
      "update: \(parameters.count) parameters but \(gradients.count) gradients")
    for index in parameters.indices {
      update(&parameters[index], along: gradients[index], slot: index)
    }
  }
}

/// Checks a parameter/gradient pair before an update.
func checkShapes(_ name: String, _ parameter: Matrix, _ gradient: Matrix, slot: Int) {
  precondition(
    parameter.rows == gradient.rows && parameter.columns == gradient.columns,
    "\(name).update: parameter is \(parameter.shapeDescription) but gradient is "
      + "\(gradient.shapeDescription) (slot \(slot))")
  precondition(slot >= 0, "\(name).update: slot \(slot) must be ≥ 0")
}

/// The state of every slot of one optimizer: `states[slot]`, created on first use.
struct SlotStates<State: Sendable>: Sendable {
  private var states: [State?] = []

  /// The state of `slot`, or nil before its first update.
  func state(_ slot: Int) -> State? {
    slot >= 0 && slot < states.count ? states[slot] : nil
  }

  /// Runs `body` on the state of `slot`, creating it with `makeInitial` on first use.
  ///
  /// The state is moved out of the array while `body` runs, so its matrices are uniquely
  /// referenced and mutate in place (no copy-on-write copy), and `body` may touch several
  /// of its matrices at once without overlapping access to `self`.
  mutating func withState<R>(
    _ slot: Int, makeInitial: () -> State, _ body: (inout State) -> R
  ) -> R {
    if slot >= states.count {
      states.append(contentsOf: repeatElement(nil, count: slot - states.count + 1))
    }
    var state = states[slot] ?? makeInitial()
    states[slot] = nil
    defer { states[slot] = state }
    return body(&state)
  }
}

/// The traps for invalid hyperparameters, each naming the value it rejects.
enum Check {
  static func learningRate(_ name: String, _ value: Double) {
    precondition(
      value > 0 && value.isFinite, "\(name): learning rate \(value) must be positive and finite")
  }

  static func unitInterval(_ name: String, _ label: String, _ value: Double) {
    precondition(value >= 0 && value < 1, "\(name): \(label) \(value) must lie in [0, 1)")
  }

  static func nonNegative(_ name: String, _ label: String, _ value: Double) {
    precondition(
      value >= 0 && value.isFinite, "\(name): \(label) \(value) must be ≥ 0 and finite")
  }

  static func shape(_ name: String, _ stored: Matrix, _ parameter: Matrix, slot: Int) {
    precondition(
      stored.rows == parameter.rows && stored.columns == parameter.columns,
      "\(name).update: slot \(slot) held a \(stored.shapeDescription) parameter, now "
        + "\(parameter.shapeDescription); give each parameter its own slot")
  }
}
