import Foundation
import XCTest

@testable import Recurrent

/// The cells against PyTorch: `Fixtures/bptt-cases.json` was written by
/// `Benchmarks/peers/rnn_bptt_fixtures.py` (torch float64 `nn.RNN`/`nn.LSTM`/`nn.GRU`,
/// batch_first=True, autograd). Each case's `input` is a parameter file exactly as
/// `rnn bptt --parameters` reads it; every output key must agree to 1e-9 relative.
final class PyTorchFixtureTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/bptt-cases.json")

  func cases() throws -> [[String: Any]] {
    let root = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtures))
    return try XCTUnwrap((root as? [String: Any])?["cases"] as? [[String: Any]])
  }

  /// Flattens nested arrays of numbers.
  func flat(_ value: Any) -> [Double] {
    if let n = value as? NSNumber { return [n.doubleValue] }
    if let a = value as? [Any] { return a.flatMap(flat) }
    return []
  }

  func flat(_ n: NestedNumbers) -> [Double] {
    switch n {
    case .vector(let v): v
    case .matrix(let m): m.flatMap { $0 }
    case .tensor(let t): t.flatMap { $0.flatMap { $0 } }
    }
  }

  func assertClose(
    _ got: [Double], _ expected: [Double], _ what: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(got.count, expected.count, "\(what): element count", file: file, line: line)
    for (index, (a, e)) in zip(got, expected).enumerated() {
      let error = abs(a - e) / max(abs(e), 1e-12)
      if !(error <= 1e-9 || abs(a - e) <= 1e-13) {
        XCTFail(
          "\(what)[\(index)]: \(a) vs PyTorch \(e) (relative \(error))", file: file, line: line)
        return
      }
    }
  }

  func testEveryCaseMatchesPyTorch() throws {
    let all = try cases()
    XCTAssertEqual(all.count, 24)
    for c in all {
      let name = c["name"] as? String ?? "?"
      let input = try JSONSerialization.data(withJSONObject: c["input"]!)
      let report = try ParameterFile(json: input).evaluate()
      let expected = try XCTUnwrap(c["expected"] as? [String: Any])
      assertClose(
        report.hiddenStates.flatMap { $0.flatMap { $0 } }, flat(expected["hidden_states"]!),
        "\(name) hidden_states")
      assertClose(report.finalHidden.flatMap { $0 }, flat(expected["h_T"]!), "\(name) h_T")
      if let cT = expected["c_T"] {
        assertClose(try XCTUnwrap(report.finalCell).flatMap { $0 }, flat(cT), "\(name) c_T")
      } else {
        XCTAssertNil(report.finalCell, name)
      }
      if let y = expected["output"] {
        assertClose(try XCTUnwrap(report.output).flatMap { $0 }, flat(y), "\(name) output")
      } else {
        XCTAssertNil(report.output, name)
      }
      assertClose([report.loss], flat(expected["loss"]!), "\(name) loss")
      let gradients = try XCTUnwrap(expected["gradients"] as? [String: Any])
      XCTAssertEqual(Set(report.gradients.map(\.key)), Set(gradients.keys), name)
      for (key, value) in report.gradients {
        assertClose(flat(value), flat(gradients[key] ?? []), "\(name) gradient \(key)")
      }
    }
  }
}
