import NumericsCore

/// Decoupled weight decay on some of a model's tensors (Loshchilov & Hutter, "Decoupled
/// Weight Decay Regularization", ICLR 2019: AdamW).
///
/// Before each optimizer step, each chosen tensor shrinks towards zero by the current step
/// size times `λ`:
/// ```
/// W ← W·(1 − lr_t·λ)          then the optimizer's own step on ∂L/∂W
/// ```
/// Unlike an L2 penalty added to the gradient, the shrink does not pass through Adam's
/// per-coordinate scaling `1/√v̂`, so every weight decays at the same relative rate,
/// whatever its gradient history. Followed by a plain Adam step this is exactly
/// `Adam(decay: .decoupled)` (PyTorch's `AdamW`) on those tensors, and plain Adam on the
/// others: the language model decays its weight matrices, never its biases
/// (`CharacterLanguageModel.weightIndices`).
///
/// - Parameters:
///   - parameters: the tensors, changed in place.
///   - indices: which of them decay.
///   - learningRate: the step size `lr_t` of the step about to be taken.
///   - decay: `λ ≥ 0`.
/// - Precondition: `0 ≤ lr_t·λ ≤ 1` (a larger product would flip the weights' signs);
///   every index is in range.
public func applyDecoupledWeightDecay(
  to parameters: inout [Matrix], indices: [Int], learningRate: Double, decay: Double
) {
  let product = learningRate * decay
  precondition(
    product >= 0 && product <= 1,
    "applyDecoupledWeightDecay: lr \(learningRate) × λ \(decay) must lie in [0, 1]")
  guard product > 0 else { return }
  for i in indices {
    precondition(
      parameters.indices.contains(i),
      "applyDecoupledWeightDecay: index \(i) outside \(parameters.count) tensors")
    parameters[i] *= 1 - product
  }
}

extension CharacterLanguageModel {
  /// The positions of the weight matrices in `parameters`: `W_ih` and `W_hh` of every
  /// layer (positions `4l` and `4l + 1`) and the readout's weight; not the biases.
  public var weightIndices: [Int] {
    layers.indices.flatMap { [4 * $0, 4 * $0 + 1] } + [4 * layers.count]
  }
}
