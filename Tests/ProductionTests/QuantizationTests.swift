import Layers
import NumericsCore
import Production
import XCTest

final class QuantizationTests: XCTestCase {
  func testInt8ProductIsExactAgainstAnInt32Reference() {
    var rng = Xoshiro256StarStar(seed: 1)
    // Tails of k mod 16 and n mod 4 of every kind, k below one vector, the 3.1 MLP's shapes.
    for (m, k, n) in [(7, 131, 5), (1, 784, 256), (3, 256, 10), (2, 15, 3), (1, 16, 4), (4, 33, 7)]
    {
      let a = (0..<(m * k)).map { _ in Int8(rng.nextInt(below: 255) - 127) }
      let b = (0..<(k * n)).map { _ in Int8(rng.nextInt(below: 255) - 127) }
      let fast = int8MatrixProduct(a, b, m: m, k: k, n: n)
      let loop = int8MatrixProduct(a, b, m: m, k: k, n: n, kernel: .portableLoop)
      for r in 0..<m {
        for j in 0..<n {
          var expected = 0
          for i in 0..<k { expected += Int(a[r * k + i]) * Int(b[j * k + i]) }
          XCTAssertEqual(
            Int(fast[r * n + j]), expected, "\(int8KernelVariant) (\(r), \(j)) of \(m)×\(k)×\(n)")
          XCTAssertEqual(Int(loop[r * n + j]), expected, "loop (\(r), \(j)) of \(m)×\(k)×\(n)")
        }
      }
    }
  }

  func testInt8ProductIsExactAtTheLargestSums() {
    // Every product 127² (or −127·127): the int16 pair sums and the int32 lanes at their
    // largest for k = 4,000: ±4,000 · 16,129 = ±64,516,000.
    let k = 4_000
    let a = [Int8](repeating: -127, count: k)
    let b = [Int8](repeating: -127, count: k) + [Int8](repeating: 127, count: k)
    XCTAssertEqual(int8MatrixProduct(a, b, m: 1, k: k, n: 2), [64_516_000, -64_516_000])
  }

  func testActivationRoundingIsHalfAwayFromZeroLikeRounded() {
    // Ties, near-ties on both sides, and values round() maps to ±127.
    let values: [Double] = [
      0, 0.5, -0.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 1.5000000000000002,
      126.5, -126.5, 126.49999999999999, 127, -127, 3.7, -3.7,
    ]
    let (q, scales) = quantizeRows(Matrix([values]))
    XCTAssertEqual(scales, [1])
    XCTAssertEqual(q, values.map { Int8($0.rounded()) })
  }

  func testQuantisedWeightsAreWithinHalfAStepAndTheLargestMapsTo127() {
    var rng = Xoshiro256StarStar(seed: 2)
    let w = Matrix.normal(rows: 30, columns: 6, using: &rng)
    let q = w.quantized()
    for j in 0..<6 {
      let largest = (0..<30).map { abs(w[$0, j]) }.max()!
      XCTAssertEqual(q.scales[j], largest / 127, accuracy: 1e-15)
      XCTAssertEqual((0..<30).map { abs(Int(q.values[j * 30 + $0])) }.max(), 127)
      for i in 0..<30 { XCTAssertLessThanOrEqual(abs(q[i, j] - w[i, j]), q.scales[j] / 2 + 1e-15) }
    }
    XCTAssertEqual(q.dequantized()[3, 2], q[3, 2])
    XCTAssertEqual(q.byteCount, 30 * 6 + 8 * 6)
  }

  func testDeployedFormatsAgreeWithTheTrainedNetwork() {
    var rng = Xoshiro256StarStar(seed: 3)
    let network = Sequential([
      Dense(inputSize: 20, outputSize: 16, using: &rng), ReLU(),
      Dense(inputSize: 16, outputSize: 4, using: &rng),
    ])
    let x = Matrix.normal(rows: 50, columns: 20, using: &rng)
    let reference = network.predict(x)
    let f32 = DeployedMLP(network, format: .float32).predict(x)
    let i8 = DeployedMLP(network, format: .int8).predict(x)
    let f64 = DeployedMLP(network, format: .float64).predict(x)
    for i in 0..<reference.count {
      XCTAssertEqual(f64.elementsArray[i], reference.elementsArray[i], accuracy: 1e-12)
      XCTAssertEqual(f32.elementsArray[i], reference.elementsArray[i], accuracy: 1e-4)
      XCTAssertEqual(i8.elementsArray[i], reference.elementsArray[i], accuracy: 0.1)
    }
    // 8×, 4× smaller weights (biases stay float64).
    let weights = 20 * 16 + 16 * 4, biases = 16 + 4
    XCTAssertEqual(DeployedMLP(network, format: .float64).parameterBytes, 8 * (weights + biases))
    XCTAssertEqual(
      DeployedMLP(network, format: .int8).parameterBytes, weights + 8 * (16 + 4) + 8 * biases)
  }
}

extension Matrix {
  var elementsArray: [Double] { withUnsafeElements { Array($0) } }
}
