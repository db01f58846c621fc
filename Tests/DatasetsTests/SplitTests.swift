import Datasets
import NumericsCore
import XCTest

final class SplitTests: XCTestCase {
  /// 50 samples whose single feature is their own index, so every part says which samples
  /// it holds.
  private let set = ClassificationSet(
    features: Matrix(column: (0..<50).map(Double.init)), labels: (0..<50).map { $0 % 3 },
    classNames: ["a", "b", "c"])

  private func indices(_ part: ClassificationSet) -> [Int] {
    (0..<part.count).map { Int(part.features[$0, 0]) }
  }

  /// The parts are disjoint, together hold every sample once, keep labels with features,
  /// and keep the original order.
  func testSplitIsDisjointAndComplete() {
    var rng = Xoshiro256StarStar(seed: 1)
    let (training, validation) = set.split(validationCount: 12, using: &rng)
    let (t, v) = (indices(training), indices(validation))
    XCTAssertEqual(v.count, 12)
    XCTAssertEqual(t.count, 38)
    XCTAssertTrue(Set(t).isDisjoint(with: v))
    XCTAssertEqual(Set(t).union(v), Set(0..<50))
    XCTAssertEqual(t, t.sorted())
    XCTAssertEqual(v, v.sorted())
    XCTAssertEqual(validation.labels, v.map { $0 % 3 })
    XCTAssertEqual(training.classNames, set.classNames)
  }

  /// Same seed ⇒ same split; another seed ⇒ (for 50 choose 12 splits) another split.
  func testSplitIsSeeded() {
    var a = Xoshiro256StarStar(seed: 7)
    var b = Xoshiro256StarStar(seed: 7)
    var c = Xoshiro256StarStar(seed: 8)
    let first = indices(set.split(validationCount: 12, using: &a).validation)
    XCTAssertEqual(first, indices(set.split(validationCount: 12, using: &b).validation))
    XCTAssertNotEqual(first, indices(set.split(validationCount: 12, using: &c).validation))
  }

  func testEmptyAndFullValidation() {
    var rng = Xoshiro256StarStar(seed: 2)
    XCTAssertEqual(set.split(validationCount: 0, using: &rng).training.count, 50)
    XCTAssertEqual(set.split(validationCount: 50, using: &rng).training.count, 0)
  }
}
