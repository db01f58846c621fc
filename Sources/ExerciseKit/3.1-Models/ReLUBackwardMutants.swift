// Known mistakes for 3.1.3. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import NumericsCore

extension ReLUBackwardExercise {
  static let mutants: [Mutant<ActivationBackwardFunction>] = [
    Mutant(
      "gradient 1 at x = 0",
      diagnosis: "this passes the gradient where x ≥ 0: at the kink x = 0 the derivative "
        + "is taken as 0 (as PyTorch), so the test is strictly x > 0", hint: 2,
      implementation: { x, g in Matrix.zipMap(x, g) { $0 >= 0 ? $1 : 0 } }),
    Mutant(
      "mask from the output sign with ≥ 0",
      diagnosis: "this masks with y ≥ 0 on the output y = max(0, x), which is true "
        + "everywhere: the gradient passes unchanged even where x < 0; use y > 0 (or x > 0)",
      hint: 2,
      implementation: { x, g in
        let y = x.map { Swift.max(0, $0) }
        return Matrix.zipMap(y, g) { $0 >= 0 ? $1 : 0 }
      }),
    Mutant(
      "the mask without the incoming gradient",
      diagnosis: "this returns the 0/1 mask [x > 0] itself: multiply it by the incoming "
        + "gradient ∂L/∂y, element by element (the chain rule)", hint: 1,
      implementation: { x, _ in x.map { $0 > 0 ? 1 : 0 } }),
    Mutant(
      "multiplied by the output",
      diagnosis: "this multiplies the incoming gradient by y = max(0, x), ReLU's value: "
        + "multiply by its derivative, 1 where x > 0 and 0 elsewhere", hint: 1,
      implementation: { x, g in Matrix.zipMap(x, g) { Swift.max(0, $0) * $1 } }),
  ]
}
