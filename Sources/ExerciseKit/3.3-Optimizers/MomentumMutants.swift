// Known mistakes for 3.3.1. Each is something students really write; each must fail a
// case, and a student whose path matches one is told which mistake it is.

extension MomentumExercise {
  static let mutants: [Mutant<Runner>] = [
    Mutant(
      "momentum sign flipped",
      diagnosis: "this subtracts the gradient in the buffer (b ← μ·b − g) and then "
        + "subtracts the buffer again (p ← p − lr·b), so the parameter climbs uphill: it "
        + "mixes the velocity convention (v ← μ·v − lr·g, p ← p + v) with PyTorch's", hint: 2,
      implementation: coordinateRule { p, g, b, _, _, s in
        b = s.momentum * b - g
        p -= s.learningRate * b
      }),
    Mutant(
      "buffer updated after it was used",
      diagnosis: "this steps with the old buffer and updates it afterwards (p ← p − lr·b, "
        + "then b ← μ·b + g): every step is one gradient late and the first step moves "
        + "nothing", hint: 2,
      implementation: coordinateRule { p, g, b, _, _, s in
        p -= s.learningRate * b
        b = s.momentum * b + g
      }),
    Mutant(
      "gradient damped by 1 − μ",
      diagnosis: "this averages the gradient into the buffer, b ← μ·b + (1 − μ)·g, as "
        + "Adam does for m; heavy-ball momentum adds the whole gradient, b ← μ·b + g",
      hint: 2,
      implementation: coordinateRule { p, g, b, _, _, s in
        b = s.momentum * b + (1 - s.momentum) * g
        p -= s.learningRate * b
      }),
    Mutant(
      "buffer not stored",
      diagnosis: "this computes μ·b + g but never writes it back into `buffer`, so b stays "
        + "0 and every step is plain gradient descent p ← p − lr·g", hint: 1,
      implementation: coordinateRule { p, g, b, _, _, s in
        let velocity = s.momentum * b + g
        p -= s.learningRate * velocity
      }),
  ]
}
