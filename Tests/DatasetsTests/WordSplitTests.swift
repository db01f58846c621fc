import Datasets
import Foundation
import NumericsCore
import XCTest

/// The shared split of chapters 3.6 and 3.7: the hash, the filter, and the parts.
final class WordSplitTests: XCTestCase {
  func testFNV1aMatchesPublishedVectors() {
    // Test vectors from the FNV reference (Fowler–Noll–Vo, "FNV-1a 64-bit").
    XCTAssertEqual(fnv1a64([]), 0xcbf2_9ce4_8422_2325)
    XCTAssertEqual(fnv1a64(Array("a".utf8)), 0xaf63_dc4c_8601_ec8c)
    XCTAssertEqual(fnv1a64(Array("foobar".utf8)), 0x8594_4171_f739_67e8)
  }

  func testPartsFollowTheHashModuloTen() {
    // Hashes computed independently with Python: aaron % 10 = 0, hello = 1, bill = 2,
    // zebra = 7, sequence = 4.
    XCTAssertEqual(WordList.part(of: "aaron"), .test)
    XCTAssertEqual(WordList.part(of: "hello"), .validation)
    XCTAssertEqual(WordList.part(of: "bill"), .training)
    XCTAssertEqual(WordList.part(of: "zebra"), .training)
    XCTAssertEqual(WordList.part(of: "sequence"), .training)
  }

  func testLowerCasingThenFilteringThenDeduplicating() {
    let text = "Aaron\naardvark's\nbill\nBill\néclair\nHello\nzoo\r\nzebra\n\nsequence"
    XCTAssertEqual(
      WordList.lowerCasedWords(in: Array(text.utf8)),
      ["aaron", "bill", "hello", "zebra", "sequence"])
    let split = WordList.split(lowerCasedWordsIn: Array(text.utf8))
    XCTAssertEqual(split.test, ["aaron"])
    XCTAssertEqual(split.validation, ["hello"])
    XCTAssertEqual(split.training, ["bill", "zebra", "sequence"])
  }

  func testInstalledListSplitsAboutEightyTenTen() throws {
    guard FileManager.default.fileExists(atPath: WordList.defaultPath) else {
      throw XCTSkip("wamerican is not installed")
    }
    let split = try WordList.split()
    let total = split.training.count + split.validation.count + split.test.count
    XCTAssertGreaterThan(total, 60_000)
    // A good hash puts each word in the test part with probability 1/10: the count is
    // Binomial(n, 0.1), sd ≈ 0.0012·n for n ≈ 70,000; ±1% is about ±8 sd.
    XCTAssertEqual(Double(split.test.count) / Double(total), 0.1, accuracy: 0.01)
    XCTAssertEqual(Double(split.validation.count) / Double(total), 0.1, accuracy: 0.01)
    XCTAssertTrue(Set(split.test).isDisjoint(with: split.training))
    XCTAssertTrue(Set(split.validation).isDisjoint(with: split.training))
    XCTAssertEqual(Set(split.training + split.validation + split.test).count, total)
  }

  func testNoisyPeriodicSignalIsTheDocumentedFormula() {
    var clean = Xoshiro256StarStar(seed: 1)
    let noiseless = Synthetic.noisyPeriodicSignal(count: 141, noise: 0, using: &clean)
    for t in [0, 5, 7, 20, 33, 140] {
      let x = Double(t)
      XCTAssertEqual(
        noiseless[t], sin(2 * .pi * x / 20) + 0.5 * sin(2 * .pi * x / 7), accuracy: 1e-12)
    }
    XCTAssertEqual(noiseless[140], noiseless[0], accuracy: 1e-12, "period lcm(20, 7) = 140")
    // With noise: the residuals are the generator's normals, one per step, times σ.
    var rng = Xoshiro256StarStar(seed: 9)
    var twin = Xoshiro256StarStar(seed: 9)
    let noisy = Synthetic.noisyPeriodicSignal(count: 50, noise: 0.1, using: &rng)
    for t in 0..<50 {
      XCTAssertEqual(noisy[t] - noiseless[t], 0.1 * twin.nextNormal(), accuracy: 1e-12)
    }
  }
}
