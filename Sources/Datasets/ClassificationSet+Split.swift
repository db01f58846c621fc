import NumericsCore

extension ClassificationSet {
  /// Splits the set at random into a training part and a validation part.
  ///
  /// The validation part is for every choice made while developing a model (learning rate,
  /// schedule, regularisation strength, when to stop); the test set is used once, at the
  /// end, to report. Choosing on the test set makes its accuracy an optimistic estimate.
  ///
  /// ```
  /// π = randomPermutation(count)            (seeded)
  /// validation = π[0 ..< validationCount],  training = the rest
  /// ```
  /// Both parts keep the original order of their samples (the indices are sorted), so the
  /// split depends only on the generator, not on how the parts are used later.
  ///
  /// - Parameters:
  ///   - validationCount: samples held out, in `0...count`.
  ///   - rng: draws the permutation.
  /// - Returns: the training and validation parts; together they hold every sample once.
  /// - Precondition: `0 ≤ validationCount ≤ count`.
  public func split<G: RandomNumberGenerator>(
    validationCount: Int, using rng: inout G
  ) -> (training: ClassificationSet, validation: ClassificationSet) {
    precondition(
      validationCount >= 0 && validationCount <= count,
      "ClassificationSet.split: validation count \(validationCount) outside 0...\(count)")
    let permutation = randomPermutation(count, using: &rng)
    let validation = permutation[..<validationCount].sorted()
    let training = permutation[validationCount...].sorted()
    return (subset(training), subset(validation))
  }
}
