import NumericsCore
import Regularization
import XCTest

final class AugmentationTests: XCTestCase {
  let shape = ImageShape(height: 3, width: 4, channels: 1)

  func testAlwaysFlipWithoutShiftMirrorsEachRow() {
    var images = Matrix(row: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    var rng = Xoshiro256StarStar(seed: 1)
    ImageAugmentation(shape: shape, maxShift: 0, flipProbability: 1).apply(to: &images, using: &rng)
    XCTAssertEqual(images.row(0), [4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9])
  }

  /// Every augmented image is one of the 9 shifts (by −1, 0, 1 per axis) of its original,
  /// zero-filled, found by brute force; and all 9 occur over many images.
  func testShiftsAreWithinRangeAndZeroFilled() {
    var rng = Xoshiro256StarStar(seed: 2)
    let original = Matrix.uniform(rows: 200, columns: shape.count, in: 1, 2, using: &rng)
    var images = original
    ImageAugmentation(shape: shape, maxShift: 1, flipProbability: 0).apply(to: &images, using: &rng)
    var seen = Set<[Int]>()
    for r in 0..<images.rows {
      let source = original.row(r)
      let match = (-1...1).flatMap { dy in (-1...1).map { dx in [dy, dx] } }.first { d in
        (0..<3).allSatisfy { y in
          (0..<4).allSatisfy { x in
            let (sy, sx) = (y - d[0], x - d[1])
            let expected = sy >= 0 && sy < 3 && sx >= 0 && sx < 4 ? source[sy * 4 + sx] : 0
            return images[r, y * 4 + x] == expected
          }
        }
      }
      XCTAssertNotNil(match, "row \(r) is no shift of its original")
      if let match { seen.insert(match) }
    }
    XCTAssertEqual(seen.count, 9)
  }

  func testSameSeedSameImages() {
    var rng = Xoshiro256StarStar(seed: 3)
    let original = Matrix.uniform(rows: 10, columns: shape.count, using: &rng)
    let augmentation = ImageAugmentation(shape: shape, maxShift: 1)
    var (a, b) = (original, original)
    var (r1, r2) = (Xoshiro256StarStar(seed: 9), Xoshiro256StarStar(seed: 9))
    augmentation.apply(to: &a, using: &r1)
    augmentation.apply(to: &b, using: &r2)
    XCTAssertEqual(a, b)
  }
}
