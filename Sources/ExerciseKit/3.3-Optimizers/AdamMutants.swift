// Known mistakes for 3.3.4. Each is something students really write; each must fail a
// case, and a student whose path matches one is told which mistake it is.

import Foundation

extension AdamExercise {
  static let mutants: [Mutant<Runner>] = [
    Mutant(
      "no bias correction",
      diagnosis: "this steps with m/(√v + ε), without the bias correction m̂ = m/(1 − β1^t), "
        + "v̂ = v/(1 − β2^t): the first steps are (1 − β1)/√(1 − β2) times too long "
        + "(≈ 3.2 for the defaults)", hint: 2,
      implementation: coordinateRule { p, g, m, v, _, s in
        m = s.beta1 * m + (1 - s.beta1) * g
        v = s.beta2 * v + (1 - s.beta2) * g * g
        p -= s.learningRate * m / (v.squareRoot() + s.epsilon)
      }),
    Mutant(
      "bias correction with t starting at 0",
      diagnosis: "this corrects with t = 0 on the first step (the count is used before it "
        + "is incremented, or never incremented): 1 − β^0 = 0, so m̂ and v̂ divide by zero "
        + "and p becomes NaN; increment t first, so the first step has t = 1", hint: 2,
      implementation: coordinateRule { p, g, m, v, t, s in
        m = s.beta1 * m + (1 - s.beta1) * g
        v = s.beta2 * v + (1 - s.beta2) * g * g
        let mHat = m / (1 - pow(s.beta1, Double(t - 1)))
        let vHat = v / (1 - pow(s.beta2, Double(t - 1)))
        p -= s.learningRate * mHat / (vHat.squareRoot() + s.epsilon)
      }),
    Mutant(
      "moments updated after they were used",
      diagnosis: "this steps with the old m and v and updates them afterwards: every step "
        + "is one gradient late and the first step moves nothing", hint: 2,
      implementation: coordinateRule { p, g, m, v, t, s in
        let mHat = m / (1 - pow(s.beta1, Double(t)))
        let vHat = v / (1 - pow(s.beta2, Double(t)))
        p -= s.learningRate * mHat / (vHat.squareRoot() + s.epsilon)
        m = s.beta1 * m + (1 - s.beta1) * g
        v = s.beta2 * v + (1 - s.beta2) * g * g
      }),
    Mutant(
      "ε inside the root",
      diagnosis: "this divides by √(v̂ + ε); PyTorch's Adam, and this exercise, add ε outside "
        + "the root: √v̂ + ε (the two differ once gradients are as small as √ε = 1e-4)",
      hint: 2,
      implementation: coordinateRule { p, g, m, v, t, s in
        m = s.beta1 * m + (1 - s.beta1) * g
        v = s.beta2 * v + (1 - s.beta2) * g * g
        let mHat = m / (1 - pow(s.beta1, Double(t)))
        let vHat = v / (1 - pow(s.beta2, Double(t)))
        p -= s.learningRate * mHat / (vHat + s.epsilon).squareRoot()
      }),
    Mutant(
      "only m bias-corrected",
      diagnosis: "this corrects m but not v (m̂/(√v + ε)): the first steps are "
        + "1/√(1 − β2) ≈ 32 times too long for β2 = 0.999; v̂ = v/(1 − β2^t) too", hint: 2,
      implementation: coordinateRule { p, g, m, v, t, s in
        m = s.beta1 * m + (1 - s.beta1) * g
        v = s.beta2 * v + (1 - s.beta2) * g * g
        let mHat = m / (1 - pow(s.beta1, Double(t)))
        p -= s.learningRate * mHat / (v.squareRoot() + s.epsilon)
      }),
  ]
}
