import Foundation
import XCTest

@testable import Recurrent

/// Every mistake a parameter file can hold is one line naming the key and the shapes.
final class ParameterFileTests: XCTestCase {
  /// A valid rnn file with H = 2, I = 3, B = 1, T = 2.
  func valid() -> [String: Any] {
    [
      "cell": "rnn", "weight_ih": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],
      "weight_hh": [[0.1, -0.2], [0.3, 0.4]], "bias_ih": [0.0, 0.1], "bias_hh": [0.2, 0.0],
      "xs": [[[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]]], "h0": [[0.0, 0.0]],
      "loss": ["kind": "all_states_sse", "targets": [[[1.0, 0.0], [0.0, 1.0]]]],
    ]
  }

  func message(_ object: [String: Any]) -> String {
    do {
      _ = try ParameterFile(json: JSONSerialization.data(withJSONObject: object))
      return "accepted"
    } catch let error as ParameterFileError {
      return error.message
    } catch {
      return "other error \(error)"
    }
  }

  func testValidFileParses() throws {
    let file = try ParameterFile(json: JSONSerialization.data(withJSONObject: valid()))
    XCTAssertEqual(file.cell, .rnn)
    XCTAssertEqual(file.inputs.time, 2)
  }

  func testMistakesNameTheKeyAndShapes() {
    var o = valid()
    o["cell"] = "transformer"
    XCTAssertEqual(message(o), "cell: unknown cell transformer (choose rnn, lstm or gru)")
    o = valid()
    o["weight_hh"] = nil
    XCTAssertEqual(message(o), "missing key 'weight_hh'")
    o = valid()
    o["xs"] = [[[1.0, 2.0], [0.5, -1.0]]]
    XCTAssertEqual(
      message(o), "xs: shape 1 × 2 × 2, expected B × T × I with I = 3 (the columns of weight_ih)")
    o = valid()
    o["h0"] = [[0.0, 0.0, 0.0]]
    XCTAssertEqual(message(o), "h0: shape 1 × 3, expected B × H = 1 × 2")
    o = valid()
    o["bias_ih"] = [0.0]
    XCTAssertEqual(message(o), "bias_ih: shape [1], expected [2] (G·H from weight_hh)")
    o = valid()
    o["cell"] = "lstm"
    XCTAssertEqual(message(o), "weight_hh: shape 2 × 2, expected 4·H × H = 8 × 2 for lstm")
    o = valid()
    o["c0"] = [[0.0, 0.0]]
    XCTAssertEqual(message(o), "c0: only an lstm has a cell state, this file's cell is rnn")
    o = valid()
    o["loss"] = ["kind": "all_states_sse", "targets": [[[1.0, 0.0]]]]
    XCTAssertEqual(message(o), "loss.targets: shape 1 × 1 × 2, expected B × T × H = 1 × 2 × 2")
    o = valid()
    o["loss"] = ["kind": "mae", "targets": [[[1.0, 0.0]]]]
    XCTAssertEqual(
      message(o), "loss.kind: unknown kind mae (choose all_states_sse or last_output_sse)")
    o = valid()
    o["weight_ih"] = [[0.1, 0.2, 0.3], [0.4, 0.5]]
    XCTAssertEqual(message(o), "weight_ih: row 1 has 2 numbers but row 0 has 3")
    o = valid()
    o["loss"] = ["kind": "last_output_sse", "readout_weight": [[1.0, 2.0]], "targets": [[1.0]]]
    XCTAssertEqual(message(o), "missing key 'loss.readout_bias'")
  }
}
