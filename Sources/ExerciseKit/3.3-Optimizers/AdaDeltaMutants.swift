// Known mistakes for 3.3.5. Each is something students really write; each must fail a
// case, and a student whose path matches one is told which mistake it is.

extension AdaDeltaExercise {
  static let mutants: [Mutant<Runner>] = [
    Mutant(
      "u never updated",
      diagnosis: "this never updates u (deltaAverage stays 0), so every step is "
        + "√ε/√(s + ε)·g, about 10⁻³ of RMSprop's, and the steps never grow: after Δ, "
        + "u ← ρ·u + (1 − ρ)·Δ²", hint: 2,
      implementation: coordinateRule { p, g, sq, u, _, s in
        sq = s.rho * sq + (1 - s.rho) * g * g
        let delta = (u + s.epsilon).squareRoot() / (sq + s.epsilon).squareRoot() * g
        p -= s.learningRate * delta
      }),
    Mutant(
      "s updated after it was used",
      diagnosis: "this computes Δ with the old s and updates s afterwards: the first step "
        + "is √ε/√ε·g = g, a full gradient step, instead of a tiny one", hint: 2,
      implementation: coordinateRule { p, g, sq, u, _, s in
        let delta = (u + s.epsilon).squareRoot() / (sq + s.epsilon).squareRoot() * g
        sq = s.rho * sq + (1 - s.rho) * g * g
        u = s.rho * u + (1 - s.rho) * delta * delta
        p -= s.learningRate * delta
      }),
    Mutant(
      "no ε in the numerator",
      diagnosis: "this computes Δ = √u/√(s + ε)·g: u starts at 0, so Δ is 0 forever and p "
        + "never moves; ε goes inside both roots, √(u + ε)", hint: 2,
      implementation: coordinateRule { p, g, sq, u, _, s in
        sq = s.rho * sq + (1 - s.rho) * g * g
        let delta = u.squareRoot() / (sq + s.epsilon).squareRoot() * g
        u = s.rho * u + (1 - s.rho) * delta * delta
        p -= s.learningRate * delta
      }),
    Mutant(
      "learning rate ignored",
      diagnosis: "this steps p ← p − Δ, as in the paper, which has no learning rate; "
        + "PyTorch (and this exercise) multiply the step by lr: p ← p − lr·Δ", hint: 2,
      implementation: coordinateRule { p, g, sq, u, _, s in
        sq = s.rho * sq + (1 - s.rho) * g * g
        let delta = (u + s.epsilon).squareRoot() / (sq + s.epsilon).squareRoot() * g
        u = s.rho * u + (1 - s.rho) * delta * delta
        p -= delta
      }),
    Mutant(
      "u averages (lr·Δ)²",
      diagnosis: "this accumulates the applied step, u ← ρ·u + (1 − ρ)·(lr·Δ)²; u averages "
        + "Δ² itself, and lr only scales the move p ← p − lr·Δ", hint: 2,
      implementation: coordinateRule { p, g, sq, u, _, s in
        sq = s.rho * sq + (1 - s.rho) * g * g
        let delta = (u + s.epsilon).squareRoot() / (sq + s.epsilon).squareRoot() * g
        let applied = s.learningRate * delta
        u = s.rho * u + (1 - s.rho) * applied * applied
        p -= applied
      }),
  ]
}
