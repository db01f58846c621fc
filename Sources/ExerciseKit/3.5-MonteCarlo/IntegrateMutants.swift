// Known mistakes for 3.5.2. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import MonteCarlo
import NumericsCore

extension IntegrateExercise {
  /// The samples (b − a) · f(a + (b − a) u), one uniform each, then `summarise` of them.
  private static func sampling(
    width useWidth: Bool = true,
    _ summarise: @escaping @Sendable (_ samples: [Double]) -> (Double, Double)
  ) -> IntegralEstimator {
    { f, interval, samples, rng in
      let a = interval.lowerBound
      let width = interval.upperBound - a
      var ys: [Double] = []
      for _ in 0..<samples {
        let y = f(a + width * rng.nextUniform())
        ys.append(useWidth ? width * y : y)
      }
      return summarise(ys)
    }
  }

  /// The mean and the sum of squared deviations from it.
  private static func meanAndM2(_ ys: [Double]) -> (mean: Double, m2: Double) {
    let mean = ys.reduce(0, +) / Double(ys.count)
    return (mean, ys.reduce(0) { $0 + ($1 - mean) * ($1 - mean) })
  }

  static let mutants: [Mutant<IntegralEstimator>] = [
    Mutant(
      "standard error without √N",
      diagnosis: "this standard error is s, the spread of ONE sample: the error of the mean "
        + "is s/√N", hint: 2,
      implementation: sampling { ys in
        let (mean, m2) = meanAndM2(ys)
        return (mean, (m2 / Double(ys.count - 1)).squareRoot())
      }),
    Mutant(
      "standard error s/N",
      diagnosis: "this standard error is s/N: the error of the mean is s/√N (its VARIANCE "
        + "is s²/N)", hint: 2,
      implementation: sampling { ys in
        let (mean, m2) = meanAndM2(ys)
        let n = Double(ys.count)
        return (mean, (m2 / (n - 1)).squareRoot() / n)
      }),
    Mutant(
      "variance over N, not N − 1",
      diagnosis: "this divides the squared deviations by N: the unbiased sample variance "
        + "divides by N − 1", hint: 2,
      implementation: sampling { ys in
        let (mean, m2) = meanAndM2(ys)
        let n = Double(ys.count)
        return (mean, (m2 / n / n).squareRoot())
      }),
    Mutant(
      "width b − a missing",
      diagnosis: "this averages f without the factor b − a: it estimates the mean of f, "
        + "not its integral", hint: 2,
      implementation: sampling(width: false) { ys in
        let (mean, m2) = meanAndM2(ys)
        let n = Double(ys.count)
        return (mean, (m2 / (n - 1) / n).squareRoot())
      }),
  ]
}
