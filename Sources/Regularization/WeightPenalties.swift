import NumericsCore

// Penalties added to the loss, seen through their gradients. Both act on weights only
// (`ParameterRole.weight`), never on biases.
//
//     L2 (ridge):  L' = L + (λ/2)·‖W‖²     ∂L'/∂W = ∂L/∂W + λ·W
//     L1 (lasso):  L' = L + λ·‖W‖₁         ∂L'/∂W = ∂L/∂W + λ·sign(W)   (a subgradient)
//
// Neither "keeps weights from changing much" (the source's words): both pull every weight
// towards zero on every step. L2's pull is proportional to the weight, so it shrinks
// weights by a factor and never makes one exactly zero; L1's pull has constant size λ,
// so small weights are driven to zero, and with the proximal step (ProximalL1.swift)
// they land on exactly zero and stay there.

/// The gradient of the L2 penalty `(λ/2)·‖W‖²`: `λ·W`.
///
/// Added to `∂L/∂W` before the optimizer step ("coupled" weight decay: for plain SGD the
/// step becomes `W ← (1 − ηλ)·W − η·∂L/∂W`, which is why L2 and weight decay are the same
/// thing for SGD, and not for Adam, whose per-weight scaling also rescales this term).
///
/// - Parameters:
///   - weights: `W`, any shape.
///   - strength: `λ ≥ 0`.
/// - Returns: `λ·W`, the shape of `weights`.
public func l2PenaltyGradient(weights: Matrix, strength: Double) -> Matrix {
  precondition(strength >= 0, "l2PenaltyGradient: strength \(strength) must be ≥ 0")
  return weights * strength
}

/// A subgradient of the L1 penalty `λ·‖W‖₁`: `λ·sign(W)`, with `sign(0) = 0`.
///
/// At 0 the penalty has a kink and any value in `[−λ, λ]` is a subgradient; 0 is the usual
/// choice. With this plain subgradient a weight oscillates around 0 by ±ηλ instead of
/// settling on it: exact zeros need the proximal step (`softThreshold`).
///
/// - Parameters:
///   - weights: `W`, any shape.
///   - strength: `λ ≥ 0`.
/// - Returns: `λ·sign(W)`, the shape of `weights`.
public func l1Subgradient(weights: Matrix, strength: Double) -> Matrix {
  precondition(strength >= 0, "l1Subgradient: strength \(strength) must be ≥ 0")
  return weights.map { $0 > 0 ? strength : ($0 < 0 ? -strength : 0) }
}

/// The penalty values themselves, for reporting: `(λ/2)·‖W‖²` and `λ·‖W‖₁`.
public func l2Penalty(weights: Matrix, strength: Double) -> Double {
  strength / 2 * weights.elements.reduce(0) { $0 + $1 * $1 }
}

/// `λ·‖W‖₁`.
public func l1Penalty(weights: Matrix, strength: Double) -> Double {
  strength * weights.elements.reduce(0) { $0 + abs($1) }
}
