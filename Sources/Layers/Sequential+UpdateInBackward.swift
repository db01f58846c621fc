import NumericsCore
import Optimizers

// The optimizer's update folded into the backward pass.
//
// A training step normally forms every parameter gradient, then hands each to the
// optimizer. For a Dense layer, ∂L/∂W = Xᵀ·G is a product as large as W itself, written
// once and read once; plain SGD can take its step inside that product instead
// (`Optimizer.update(_:alongProductOf:_:transposeA:slot:)`, `Matrix+FusedDescent.swift`),
// which saves writing and re-reading in × out numbers per layer. The result is the same
// bits, because each slot's update depends only on its own gradient and state, and every
// input gradient is computed (with the old weights) before any weight changes.

/// One layer's parameter gradients in the backward walk: formed, or (a Dense layer whose
/// update is folded into its product) the two factors of `∂L/∂W = Xᵀ·G`.
enum PendingGradients {
  case computed([Matrix])
  case dense(input: Matrix, outputGradient: Matrix)

  /// The formed gradients (a walk that defers no layer has only these).
  var computed: [Matrix] {
    guard case .computed(let gradients) = self else {
      preconditionFailure("Sequential.backward: a Dense layer's gradients were deferred")
    }
    return gradients
  }

  /// Whether every gradient is finite: checked for formed ones; for deferred ones, proved
  /// from a bound (every term of `Σ_rows x·g` and of `Σ_rows g` is at most
  /// max|X|·max|G| or max|G|), without forming them. False also when the bound is merely
  /// too large to prove it.
  var isProvablyFinite: Bool {
    switch self {
    case .computed(let gradients):
      return gradients.allSatisfy(\.isFinite)
    case .dense(let input, let outputGradient):
      let rows = Double(input.rows)
      let (x, g) = (input.largestMagnitude, outputGradient.largestMagnitude)
      // Twice the bound, so that the rounding of the sums cannot carry them past it.
      return (2 * rows * x * g).isFinite && (2 * rows * g).isFinite
    }
  }
}

extension Sequential {
  /// Backward and the optimizer's update in one walk: the same parameters as
  /// `update(along: backward(…).gradients, with:)`, with each Dense layer's weight update
  /// folded into the product of its gradient where the optimizer can (plain SGD).
  ///
  /// Every gradient is shown finite before any parameter changes. When that cannot be
  /// shown, nothing changes and the result is false: the caller then forms the gradients
  /// the ordinary way (and checks them itself, if it checks).
  ///
  /// - Parameters: as for `backward`, and the optimizer (slot `i` for the `i`-th parameter).
  /// - Returns: whether the update was applied.
  public mutating func backwardAndUpdate<O: Optimizer>(
    _ outputGradient: Matrix, caches: [any Sendable], optimizer: inout O
  ) -> Bool {
    let pending = backwardWalk(
      outputGradient, caches: caches, needsInputGradient: false, deferringDense: true
    ).gradients
    guard pending.allSatisfy(\.isProvablyFinite) else { return false }
    var slot = 0
    for k in layers.indices {
      var index = 0
      layers[k].updateParameters { parameter in
        switch pending[k] {
        case .computed(let gradients):
          optimizer.update(&parameter, along: gradients[index], slot: slot)
        case .dense(let input, let outputGradient):
          // Dense's parameters: the weights (∂L/∂W = Xᵀ·G), then the bias (Σ_rows G).
          if index == 0 {
            optimizer.update(
              &parameter, alongProductOf: input, outputGradient, transposeA: true, slot: slot)
          } else {
            optimizer.update(&parameter, along: outputGradient.columnSums(), slot: slot)
          }
        }
        index += 1
        slot += 1
      }
    }
    return true
  }
}
