// The gradient-check cases of 3.1.2: each of the three returned gradients against
// central finite differences (NumericsCore's `checkGradient`) of
//
//     f = ⟨G, X·W + b⟩ = Σ_ij G_ij · (X·W + b)_ij,
//
// a scalar whose derivative with respect to X, W and b is exactly ∂L/∂X, ∂L/∂W, ∂L/∂b
// when G = ∂L/∂Y (the chain rule with L's dependence on Y frozen at G). The forward pass
// is `ModelChecks.affine`, written out in this chapter's checks, not the Layers module.

import NumericsCore

extension DenseBackwardExercise {
  /// Which argument a gradient check perturbs.
  private enum Parameter: CaseIterable {
    case input, weights, bias

    var name: String {
      switch self {
      case .input: "inputGradient"
      case .weights: "weightGradient"
      case .bias: "biasGradient"
      }
    }

    func gradient(of result: DenseGradients) -> Matrix {
      switch self {
      case .input: result.inputGradient
      case .weights: result.weightGradient
      case .bias: result.biasGradient
      }
    }
  }

  /// One gradient-check case per parameter at the point (X, W, b) with upstream G.
  static func gradientChecks(
    x: Matrix, w: Matrix, b: Matrix, g: Matrix
  ) -> [CheckCase<DenseBackwardFunction>] {
    Parameter.allCases.map { parameter in
      let point: Matrix
      let f: @Sendable (Matrix) -> Double
      switch parameter {
      case .input:
        point = x
        f = { ModelChecks.dot(g, ModelChecks.affine($0, w, b)) }
      case .weights:
        point = w
        f = { ModelChecks.dot(g, ModelChecks.affine(x, $0, b)) }
      case .bias:
        point = b
        f = { ModelChecks.dot(g, ModelChecks.affine(x, w, $0)) }
      }
      let tolerance = 1e-7
      return CheckCase(
        "gradient check of \(parameter.name), batch \(x.rows), in \(x.columns), "
          + "out \(w.columns)",
        input: describe(x, w, g) + ", f = Σ outputGradient ⊙ (input·weights + bias), "
          + "bias = \(formatted(b))"
      ) { implementation in
        let result = try implementation(x, w, g)
        let analytic = parameter.gradient(of: result)
        let fingerprint = ModelChecks.fingerprint(analytic)
        guard analytic.rows == point.rows, analytic.columns == point.columns else {
          return Observation(
            fingerprint: fingerprint,
            problem: "\(parameter.name) has shape \(analytic.shapeDescription), expected "
              + "\(point.shapeDescription) (the shape of what it is the gradient of)")
        }
        let check = checkGradient(of: f, at: point, analytic: analytic)
        let problem =
          check.passes(tolerance: tolerance)
          ? nil
          : "gradient check: at element \(check.worstIndex) your \(parameter.name) is "
            + "\(formatted(check.analytic)), finite differences of f give "
            + "\(formatted(check.numeric)) (relative error "
            + "\(formatted(check.maxRelativeError)) > \(formatted(tolerance)))"
        return Observation(fingerprint: fingerprint, problem: problem)
      }
    }
  }
}
