// Known mistakes for 3.3.3. Each is something students really write; each must fail a
// case, and a student whose path matches one is told which mistake it is.

extension RMSpropExercise {
  static let mutants: [Mutant<Runner>] = [
    Mutant(
      "g instead of g²",
      diagnosis: "this averages the gradient g instead of its square g² "
        + "(s ← α·s + (1 − α)·g): s goes negative and √s is NaN", hint: 2,
      implementation: coordinateRule { p, g, a, _, _, s in
        a = s.alpha * a + (1 - s.alpha) * g
        p -= s.learningRate * g / (a.squareRoot() + s.epsilon)
      }),
    Mutant(
      "α and 1 − α swapped",
      diagnosis: "this keeps 1 − α of the old average and adds α·g² (s ← (1 − α)·s + α·g²): "
        + "α is the share of the PAST, s ← α·s + (1 − α)·g²", hint: 2,
      implementation: coordinateRule { p, g, a, _, _, s in
        a = (1 - s.alpha) * a + s.alpha * g * g
        p -= s.learningRate * g / (a.squareRoot() + s.epsilon)
      }),
    Mutant(
      "ε inside the root",
      diagnosis: "this divides by √(s + ε) (optax's convention); PyTorch's RMSprop, and this "
        + "exercise, add ε outside the root: √s + ε", hint: 2,
      implementation: coordinateRule { p, g, a, _, _, s in
        a = s.alpha * a + (1 - s.alpha) * g * g
        p -= s.learningRate * g / (a + s.epsilon).squareRoot()
      }),
    Mutant(
      "average updated after it was used",
      diagnosis: "this divides by the old average and updates it afterwards: the first step "
        + "divides by ε alone (s = 0) and jumps by lr·g/ε", hint: 2,
      implementation: coordinateRule { p, g, a, _, _, s in
        p -= s.learningRate * g / (a.squareRoot() + s.epsilon)
        a = s.alpha * a + (1 - s.alpha) * g * g
      }),
  ]
}
