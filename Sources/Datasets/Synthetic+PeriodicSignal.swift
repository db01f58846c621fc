import NumericsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Synthetic {
  /// A noisy periodic signal for forecasting: two sines of periods 20 and 7 plus white noise.
  ///
  /// ```
  /// x_t = sin(2π t / 20) + 0.5 · sin(2π t / 7) + σ · ε_t,   ε_t ~ N(0, 1),   t = 0, 1, …, count − 1
  /// ```
  /// The sum repeats every lcm(20, 7) = 140 steps. Each sine obeys an exact linear
  /// recurrence s_t = 2cos(ω) s_{t−1} − s_{t−2}, so without noise an AR(4) model predicts the
  /// signal perfectly; with noise the best one-step error is σ plus what AR(p) cannot undo.
  /// Chapter 3.6 (AR forecasts) and 3.7 (RNN forecasts) use the same signal and seed.
  ///
  /// - Parameters:
  ///   - count: the number of steps.
  ///   - noise: σ, the noise standard deviation (default 0.1).
  ///   - rng: the generator: exactly one `nextNormal()` per step, in order of t.
  /// - Returns: `count` values.
  /// - Precondition: `count > 0`, `noise >= 0`.
  public static func noisyPeriodicSignal<G: RandomNumberGenerator>(
    count: Int, noise: Double = 0.1, using rng: inout G
  ) -> [Double] {
    precondition(count > 0, "noisyPeriodicSignal: count \(count) must be positive")
    precondition(noise >= 0, "noisyPeriodicSignal: noise \(noise) must be non-negative")
    return (0..<count).map { step in
      let t = Double(step)
      return sin(2 * Double.pi * t / 20) + 0.5 * sin(2 * Double.pi * t / 7)
        + noise * rng.nextNormal()
    }
  }
}
