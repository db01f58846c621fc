import NumericsCore
import Sequences
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Hand-computed n-gram probabilities, the sum-to-one property, perplexity.
///
/// The running example: training ["ab", "b"], |V| = 3 (⟨/s⟩, a, b). Bigram events:
/// ⟨s⟩→a, a→b, b→⟨/s⟩, ⟨s⟩→b, b→⟨/s⟩.
final class NGramModelTests: XCTestCase {
  let training = ["ab", "b"]
  let (end, a, b) = (0, 1, 2)

  func testAlphabetNumbering() {
    let alphabet = Alphabet(of: training)
    XCTAssertEqual(alphabet.vocabularySize, 3)
    XCTAssertEqual(alphabet.id(of: "a"), 1)
    XCTAssertEqual(alphabet.start, 3)
    XCTAssertEqual(alphabet.encode("ba"), [2, 1])
    XCTAssertNil(alphabet.encode("bc"))
  }

  func testBigramAddOneByHand() {
    let model = CharacterNGramModel(order: 2, training: training, smoothing: .addK(1))
    let s = model.alphabet.start
    // count(⟨s⟩) = 2: (1 + 1)/(2 + 3), (1 + 1)/(2 + 3), (0 + 1)/(2 + 3).
    XCTAssertEqual(model.probability(of: a, after: [s]), 0.4, accuracy: 1e-15)
    XCTAssertEqual(model.probability(of: b, after: [s]), 0.4, accuracy: 1e-15)
    XCTAssertEqual(model.probability(of: end, after: [s]), 0.2, accuracy: 1e-15)
    // count(b) = 2, count(b, ⟨/s⟩) = 2: 3/5. count(a) = 1, count(a, b) = 1: 2/4.
    XCTAssertEqual(model.probability(of: end, after: [b]), 0.6, accuracy: 1e-15)
    XCTAssertEqual(model.probability(of: b, after: [a]), 0.5, accuracy: 1e-15)
    // An empty history is padded with ⟨s⟩.
    XCTAssertEqual(model.probability(of: a, after: []), 0.4, accuracy: 1e-15)
    XCTAssertEqual(model.counts.count(history: [s], next: a), 1)
    XCTAssertEqual(model.counts.count(history: [s]), 2)
  }

  func testAddKTableAndScalar() {
    XCTAssertEqual(
      addKProbabilities(counts: [[2, 0], [1, 1]], k: 1), [[0.75, 0.25], [0.5, 0.5]])
    XCTAssertEqual(
      addKProbability(count: 3, historyCount: 10, vocabularySize: 4, k: 0.5), 3.5 / 12)
    XCTAssertTrue(addKProbability(count: 0, historyCount: 0, vocabularySize: 4, k: 0).isNaN)
  }

  func testKneserNeyBigramByHand() {
    let model = CharacterNGramModel(
      order: 2, training: training, smoothing: .kneserNey(discount: 0.5))
    let s = model.alphabet.start
    // Continuation counts N₁₊(• c): a after {⟨s⟩} = 1, b after {⟨s⟩, a} = 2, ⟨/s⟩ after {b}
    // = 1; total 4, 3 distinct. P′(c) = (max(N − ½, 0) + ½·3·⅓) / 4 = ¼, ½, ¼.
    // P(c | ⟨s⟩) = (max(count − ½, 0) + ½·2·P′(c)) / 2 with counts a 1, b 1, ⟨/s⟩ 0.
    XCTAssertEqual(model.probability(of: a, after: [s]), 0.375, accuracy: 1e-15)
    XCTAssertEqual(model.probability(of: b, after: [s]), 0.5, accuracy: 1e-15)
    XCTAssertEqual(model.probability(of: end, after: [s]), 0.125, accuracy: 1e-15)
    // The history "a" was seen once (→ b): P(a | a) = ½·1·¼ / 1.
    XCTAssertEqual(model.probability(of: a, after: [a]), 0.125, accuracy: 1e-15)
  }

  func testEveryHistoryGivesADistributionOverV() {
    let corpus = ["abca", "bb", "cab", "a", "abcabc", "ccc"]
    for order in 1...4 {
      for smoothing in [NGramSmoothing.addK(0.3), .addK(1), .kneserNey(discount: 0.75)] {
        let model = CharacterNGramModel(order: order, training: corpus, smoothing: smoothing)
        let symbols = Array(0...model.alphabet.start)  // ⟨/s⟩, a, b, c, ⟨s⟩
        // Every history of n−1 symbols, seen or not (⟨/s⟩ included: it must still sum to 1).
        var histories: [[Int]] = [[]]
        for _ in 0..<(order - 1) { histories = histories.flatMap { h in symbols.map { h + [$0] } } }
        for history in histories {
          let total = model.distribution(after: history).reduce(0, +)
          XCTAssertEqual(
            total, 1, accuracy: 1e-12, "order \(order), \(smoothing), history \(history)")
        }
      }
    }
  }

  func testLowerOrdersOfOneTableEqualTheirOwnTables() {
    let corpus = ["abca", "bb", "cab", "a", "abcabc"]
    let big = CharacterNGramModel(order: 4, training: corpus, smoothing: .addK(1))
    for order in 1...3 {
      for smoothing in [NGramSmoothing.addK(0.5), .kneserNey(discount: 0.6)] {
        let own = CharacterNGramModel(order: order, training: corpus, smoothing: smoothing)
        let shared = CharacterNGramModel(
          alphabet: big.alphabet, counts: big.counts, order: order, smoothing: smoothing)
        let texts = ["abc", "cca", "b"]
        XCTAssertEqual(
          try own.evaluate(texts).logLikelihood, try shared.evaluate(texts).logLikelihood,
          accuracy: 1e-12)
      }
    }
  }

  func testPerplexityByHand() throws {
    let model = CharacterNGramModel(order: 2, training: training, smoothing: .addK(1))
    // "ab": P(a|⟨s⟩) P(b|a) P(⟨/s⟩|b) = 0.4 · 0.5 · 0.6 over M = 3 symbols.
    let result = try model.evaluate(["ab"])
    XCTAssertEqual(result.predictedSymbols, 3)
    XCTAssertEqual(result.logLikelihood, log(0.12), accuracy: 1e-14)
    XCTAssertEqual(result.perplexity, pow(0.12, -1.0 / 3), accuracy: 1e-13)
    XCTAssertEqual(
      perplexity(logProbabilities: [log(0.4), log(0.5), log(0.6)]), pow(0.12, -1.0 / 3),
      accuracy: 1e-13)
    // A uniform guess over 27 symbols has perplexity 27, whatever the text.
    let uniform = perplexity(of: ["hello", "a"], order: 3) { _, _ in 1.0 / 27 }
    XCTAssertEqual(uniform, 27, accuracy: 1e-12)
  }

  func testZeroCountsMakeAnEventImpossible() throws {
    let model = CharacterNGramModel(order: 2, training: training, smoothing: .addK(0))
    let result = try model.evaluate(["b", "ba"])
    XCTAssertEqual(result.logLikelihood, -.infinity)
    XCTAssertEqual(result.perplexity, .infinity)
    let event = try XCTUnwrap(result.firstImpossible)
    XCTAssertEqual(event.sequence, 1)
    XCTAssertEqual(event.position, 1)
    XCTAssertEqual(event.history, [b])
    XCTAssertEqual(event.symbol, a)
    XCTAssertEqual(event.historyCount, 2)
    XCTAssertThrowsError(try model.evaluate(["abz"])) { error in
      XCTAssertEqual(error as? NGramError, .unknownCharacter("z", sequence: 0, position: 2))
    }
  }

  func testSamplingIsSeededAndFollowsTheModel() {
    // k = 0 on one word: every step has a single possible continuation.
    let deterministic = CharacterNGramModel(order: 3, training: ["abc"], smoothing: .addK(0))
    var rng = Xoshiro256StarStar(seed: 3)
    XCTAssertEqual(deterministic.sample(using: &rng), "abc")
    let model = CharacterNGramModel(
      order: 2, training: ["abca", "bb", "cab"], smoothing: .kneserNey(discount: 0.7))
    var first = Xoshiro256StarStar(seed: 11)
    var second = Xoshiro256StarStar(seed: 11)
    let words = (0..<20).map { _ in model.sample(maximumLength: 10, using: &first) }
    XCTAssertEqual(words, (0..<20).map { _ in model.sample(maximumLength: 10, using: &second) })
    XCTAssertTrue(words.allSatisfy { $0.count <= 10 && $0.allSatisfy("abc".contains) })
  }
}
