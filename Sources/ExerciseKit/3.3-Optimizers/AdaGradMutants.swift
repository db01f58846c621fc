// Known mistakes for 3.3.2. Each is something students really write; each must fail a
// case, and a student whose path matches one is told which mistake it is.

extension AdaGradExercise {
  static let mutants: [Mutant<Runner>] = [
    Mutant(
      "ε inside the root",
      diagnosis: "this divides by √(s + ε) (optax's convention); PyTorch's AdaGrad, and "
        + "this exercise, add ε outside the root: √s + ε", hint: 2,
      implementation: coordinateRule { p, g, a, _, _, s in
        a += g * g
        p -= s.learningRate * g / (a + s.epsilon).squareRoot()
      }),
    Mutant(
      "sum updated after it was used",
      diagnosis: "this divides by the old sum and adds g² afterwards: the first step divides "
        + "by ε alone (s = 0) and jumps by lr·g/ε", hint: 2,
      implementation: coordinateRule { p, g, a, _, _, s in
        p -= s.learningRate * g / (a.squareRoot() + s.epsilon)
        a += g * g
      }),
    Mutant(
      "no square root",
      diagnosis: "this divides by s + ε instead of √s + ε: the step then shrinks like 1/t "
        + "instead of 1/√t and has the wrong units", hint: 2,
      implementation: coordinateRule { p, g, a, _, _, s in
        a += g * g
        p -= s.learningRate * g / (a + s.epsilon)
      }),
    Mutant(
      "squares not accumulated",
      diagnosis: "this sets s ← g² instead of adding to it (s ← s + g²): every step is then "
        + "lr·sign(g), and the rate never decays", hint: 1,
      implementation: coordinateRule { p, g, a, _, _, s in
        a = g * g
        p -= s.learningRate * g / (a.squareRoot() + s.epsilon)
      }),
  ]
}
