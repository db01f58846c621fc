import Foundation
import NumericsCore
import XCTest

@testable import Recurrent

/// The vectorised `exp`, `σ` and `tanh` against libm (an independent implementation), on
/// a grid that covers tiny, ordinary, saturating and clamped arguments, and lengths that
/// leave a partial last vector; and bit for bit against the Swift four-lane version they
/// replaced (`FourLaneReference.swift`).
final class VectorActivationsTests: XCTestCase {
  private let grid: [Double] = {
    var values: [Double] = [
      0, -0.0, 1e-300, -1e-300, 1e-12, -3e-9, 1e-5, -2e-4, 700, -700, 750, -750,
    ]
    for i in -400...400 { values.append(Double(i) * 0.05 + 0.013) }
    return values
  }()

  private func check(
    _ name: String, _ kernel: (UnsafeMutablePointer<Double>, Int) -> Void,
    _ reference: (Double) -> Double
  ) {
    for length in [grid.count, 1, 3, 6] {
      var values = Array(grid.prefix(length))
      values.withUnsafeMutableBufferPointer { kernel($0.baseAddress!, length) }
      for (x, y) in zip(grid.prefix(length), values) {
        let expected = reference(x)
        if expected.isInfinite || expected == 0 || abs(expected) < 1e-300 {
          // Clamped at ±708/709: e^x is only required to stay finite/tiny in the right way.
          XCTAssert(y.isFinite && y >= 0 || expected != 0, "\(name)(\(x)) = \(y)")
          continue
        }
        XCTAssertEqual(y, expected, accuracy: 4e-16 * abs(expected), "\(name)(\(x))")
      }
    }
  }

  func testTanhMatchesLibm() {
    check("tanh", { tanhInPlace($0, count: $1) }, { Foundation.tanh($0) })
  }

  func testSigmoidMatchesLibm() {
    check("sigmoid", { sigmoidInPlace($0, count: $1) }) { x in
      x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
    }
  }

  func testExpMatchesLibmInsideTheClamp() {
    var values = grid.filter { abs($0) <= 700 }
    let inputs = values
    values.withUnsafeMutableBufferPointer { expInPlace($0.baseAddress!, count: $0.count) }
    for (x, y) in zip(inputs, values) {
      XCTAssertEqual(y, Foundation.exp(x), accuracy: 4e-16 * Foundation.exp(x), "exp(\(x))")
    }
  }

  func testNaNStaysNaNAndInfinitySaturates() {
    var values: [Double] = [.nan, .infinity, -.infinity, .nan]
    values.withUnsafeMutableBufferPointer { tanhInPlace($0.baseAddress!, count: 4) }
    XCTAssert(values[0].isNaN && values[3].isNaN)
    XCTAssertEqual(values[1], 1)
    XCTAssertEqual(values[2], -1)
    values = [.nan, .infinity, -.infinity]
    values.withUnsafeMutableBufferPointer { sigmoidInPlace($0.baseAddress!, count: 3) }
    XCTAssert(values[0].isNaN)
    XCTAssertEqual(values[1], 1)
    XCTAssertEqual(values[2], 0, accuracy: 1e-300)
  }

  func testSameBitsAsTheFourLaneSwiftVersion() {
    var rng = Xoshiro256StarStar(seed: 7)
    var inputs = grid + [.nan, .infinity, -.infinity, 709.5, -708.5]
    for _ in 0..<5_000 { inputs.append(Double.random(in: -40...40, using: &rng)) }
    let kernels: [(String, (UnsafeMutablePointer<Double>, Int) -> Void, (Lanes) -> Lanes)] = [
      ("tanh", { tanhInPlace($0, count: $1) }, fourLaneTanh),
      ("sigmoid", { sigmoidInPlace($0, count: $1) }, fourLaneSigmoid),
      ("exp", { expInPlace($0, count: $1) }, fourLaneExp),
    ]
    for (name, kernel, reference) in kernels {
      var values = inputs
      values.withUnsafeMutableBufferPointer { kernel($0.baseAddress!, $0.count) }
      for (i, (y, expected)) in zip(values, fourLanes(inputs, reference)).enumerated() {
        XCTAssert(
          y.bitPattern == expected.bitPattern || (y.isNaN && expected.isNaN),
          "\(name)(\(inputs[i])) = \(y), the Swift version gave \(expected)")
      }
    }
  }

  func testTanhBackwardIsTheFormulaAndMayWriteOverItsInput() {
    let g: [Double] = [1, -2, 0.5, 3, -0.25, 7, 1e-3]
    let h: [Double] = [0, 0.5, -0.9, 0.99, -0.1, 1, 0.3]
    var out = [Double](repeating: .nan, count: g.count)
    var inPlace = g
    g.withUnsafeBufferPointer { gp in
      h.withUnsafeBufferPointer { hp in
        out.withUnsafeMutableBufferPointer {
          tanhBackward(gp.baseAddress!, hp.baseAddress!, into: $0.baseAddress!, count: g.count)
        }
        inPlace.withUnsafeMutableBufferPointer {
          tanhBackward($0.baseAddress!, hp.baseAddress!, into: $0.baseAddress!, count: g.count)
        }
      }
    }
    for i in g.indices {
      XCTAssertEqual(out[i], g[i] * (1 - h[i] * h[i]), "element \(i)")
      XCTAssertEqual(inPlace[i], out[i], "element \(i) in place")
    }
  }
}
