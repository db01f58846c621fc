import Foundation
import NumericsCore

// The parameter file of `rnn bptt --parameters FILE.json`: one recurrent layer in PyTorch's
// state_dict layout (batch_first=True), its inputs and a loss. The format (G = 1, 4, 3 for
// rnn, lstm, gru):
//
//   {"cell": "rnn" | "lstm" | "gru",
//    "weight_ih": [G·H × I], "weight_hh": [G·H × H], "bias_ih": [G·H], "bias_hh": [G·H],
//    "xs": [B × T × I], "h0": [B × H], "c0": [B × H] (lstm only),
//    "loss": {"kind": "all_states_sse", "targets": [B × T × H]}
//          | {"kind": "last_output_sse", "readout_weight": [O × H], "readout_bias": [O],
//             "targets": [B × O]}}
//
// Everything a teacher can get wrong in such a file is a `ParameterFileError` naming the key
// and the shapes involved, never a trap: the module's preconditions are for programmers.

/// A problem in a parameter file, as one line naming the key and what is wrong.
public struct ParameterFileError: Error, CustomStringConvertible, Equatable {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Which recurrent cell a parameter file describes.
public enum CellKind: String, CaseIterable, Sendable {
  case rnn, lstm, gru

  /// Gates stacked in the weights: 1, 4, 3.
  public var gateCount: Int {
    switch self {
    case .rnn: 1
    case .lstm: 4
    case .gru: 3
    }
  }
}

/// The loss of a parameter file.
public enum SequenceLoss: Sendable, Equatable {
  /// `L = Σ_{b,t,j} (h_t[b,j] − targets[b][t][j])²`; targets `B × T × H`.
  case allStatesSSE(targets: SequenceBatch)
  /// `y = h_T·Wᵀ + b`, `L = Σ (y − targets)²`; `W` `O × H`, `b` `1 × O`, targets `B × O`.
  case lastOutputSSE(readout: Readout, targets: Matrix)
}

/// A parsed and shape-checked parameter file.
public struct ParameterFile: Sendable, Equatable {
  public var cell: CellKind
  public var parameters: RecurrentParameters
  public var inputs: SequenceBatch
  public var initialState: RecurrentState
  public var loss: SequenceLoss

  /// Parses the JSON text of a parameter file.
  /// - Throws: `ParameterFileError` for malformed JSON, a missing or unknown key, an unknown
  ///   cell or loss kind, a value that is not an array of numbers, or shapes that disagree.
  public init(json data: Data) throws {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw ParameterFileError("not valid JSON (\(error.localizedDescription))")
    }
    guard let object = root as? [String: Any] else {
      throw ParameterFileError("the file must hold one JSON object {\"cell\": …, …}")
    }
    let reader = NumberReader(object: object, context: "")
    guard let cellName = object["cell"] else { throw ParameterFileError("missing key 'cell'") }
    guard let name = cellName as? String, let kind = CellKind(rawValue: name) else {
      throw ParameterFileError("cell: unknown cell \(cellName) (choose rnn, lstm or gru)")
    }
    var allowed: Set<String> = [
      "cell", "weight_ih", "weight_hh", "bias_ih", "bias_hh", "xs", "h0", "loss",
    ]
    if kind == .lstm { allowed.insert("c0") }
    if let stray = object.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw ParameterFileError(
        stray == "c0"
          ? "c0: only an lstm has a cell state, this file's cell is \(kind.rawValue)"
          : "unknown key '\(stray)' (expected \(allowed.sorted().joined(separator: ", ")))")
    }
    let g = kind.gateCount
    let weightHH = try reader.matrix("weight_hh")
    let h = weightHH.columns
    let gh = g * h
    try expect(weightHH.rows == gh, "weight_hh", weightHH, "\(g)·H × H = \(gh) × \(h) for \(name)")
    let weightIH = try reader.matrix("weight_ih")
    try expect(
      weightIH.rows == gh, "weight_ih", weightIH, "G·H × I = \(gh) × I (G·H from weight_hh)")
    let i = weightIH.columns
    let biasIH = try reader.vector("bias_ih")
    try expect(biasIH.count == gh, "bias_ih", biasIH, "[\(gh)] (G·H from weight_hh)")
    let biasHH = try reader.vector("bias_hh")
    try expect(biasHH.count == gh, "bias_hh", biasHH, "[\(gh)] (G·H from weight_hh)")
    let xs = try reader.tensor("xs")
    try expect(
      xs.features == i, "xs", xs, "B × T × I with I = \(i) (the columns of weight_ih)")
    let b = xs.batch
    let h0 = try reader.matrix("h0")
    try expect(h0.rows == b && h0.columns == h, "h0", h0, "B × H = \(b) × \(h)")
    var c0: Matrix?
    if kind == .lstm {
      let c = try reader.matrix("c0")
      try expect(c.rows == b && c.columns == h, "c0", c, "B × H = \(b) × \(h)")
      c0 = c
    }
    cell = kind
    parameters = RecurrentParameters(
      weightIH: weightIH, weightHH: weightHH, biasIH: Matrix(row: biasIH),
      biasHH: Matrix(row: biasHH))
    inputs = xs
    initialState = RecurrentState(hidden: h0, cell: c0)
    loss = try Self.parseLoss(object, batch: b, time: xs.time, hidden: h)
  }

  private static func parseLoss(
    _ object: [String: Any], batch b: Int, time t: Int, hidden h: Int
  ) throws -> SequenceLoss {
    guard let value = object["loss"] else { throw ParameterFileError("missing key 'loss'") }
    guard let loss = value as? [String: Any] else {
      throw ParameterFileError("loss: must be an object {\"kind\": …, \"targets\": …}")
    }
    let reader = NumberReader(object: loss, context: "loss.")
    guard let kind = loss["kind"] else { throw ParameterFileError("missing key 'loss.kind'") }
    switch kind as? String {
    case "all_states_sse":
      try rejectStray(loss, allowed: ["kind", "targets"])
      let targets = try reader.tensor("targets")
      try expect(
        targets.batch == b && targets.time == t && targets.features == h, "loss.targets",
        targets, "B × T × H = \(b) × \(t) × \(h)")
      return .allStatesSSE(targets: targets)
    case "last_output_sse":
      try rejectStray(loss, allowed: ["kind", "targets", "readout_weight", "readout_bias"])
      let weight = try reader.matrix("readout_weight")
      try expect(weight.columns == h, "loss.readout_weight", weight, "O × H with H = \(h)")
      let o = weight.rows
      let bias = try reader.vector("readout_bias")
      try expect(bias.count == o, "loss.readout_bias", bias, "[O] = [\(o)] (O from readout_weight)")
      let targets = try reader.matrix("targets")
      try expect(
        targets.rows == b && targets.columns == o, "loss.targets", targets,
        "B × O = \(b) × \(o)")
      return .lastOutputSSE(
        readout: Readout(weight: weight, bias: Matrix(row: bias)), targets: targets)
    default:
      throw ParameterFileError(
        "loss.kind: unknown kind \(kind) (choose all_states_sse or last_output_sse)")
    }
  }

  private static func rejectStray(_ object: [String: Any], allowed: Set<String>) throws {
    if let stray = object.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw ParameterFileError(
        "loss.\(stray): unknown key for this loss kind (expected "
          + "\(allowed.sorted().joined(separator: ", ")))")
    }
  }
}

/// Throws "<key>: shape <got>, expected <what>" unless `condition` holds.
private func expect(
  _ condition: Bool, _ key: String, _ value: some ShapeDescribing, _ what: String
) throws {
  if !condition { throw ParameterFileError("\(key): shape \(value.shapeText), expected \(what)") }
}

private protocol ShapeDescribing { var shapeText: String { get } }
extension Matrix: ShapeDescribing { var shapeText: String { "\(rows) × \(columns)" } }
extension Array: ShapeDescribing where Element == Double { var shapeText: String { "[\(count)]" } }
extension SequenceBatch: ShapeDescribing {
  var shapeText: String { "\(batch) × \(time) × \(features)" }
}

/// Reads 1-, 2- and 3-D arrays of numbers from a JSON object, with messages naming the key.
private struct NumberReader {
  let object: [String: Any]
  let context: String

  func value(_ key: String) throws -> Any {
    guard let v = object[key] else { throw ParameterFileError("missing key '\(context)\(key)'") }
    return v
  }

  func numbers(_ v: Any, _ path: String) throws -> [Double] {
    guard let array = v as? [Any] else {
      throw ParameterFileError("\(path): expected an array of numbers")
    }
    return try array.enumerated().map { index, item in
      // JSON true/false also arrive as NSNumber; their Objective-C type code is "c".
      guard let number = item as? NSNumber, String(cString: number.objCType) != "c",
        case let n = number.doubleValue, n.isFinite
      else { throw ParameterFileError("\(path)[\(index)]: \(item) is not a finite number") }
      return n
    }
  }

  func rows(_ v: Any, _ path: String) throws -> [[Double]] {
    guard let array = v as? [Any], !array.isEmpty else {
      throw ParameterFileError("\(path): expected a non-empty array of rows")
    }
    let rows = try array.enumerated().map { try numbers($1, "\(path)[\($0)]") }
    for (index, row) in rows.enumerated() where row.count != rows[0].count {
      throw ParameterFileError(
        "\(path): row \(index) has \(row.count) numbers but row 0 has \(rows[0].count)")
    }
    if rows[0].isEmpty { throw ParameterFileError("\(path): rows are empty") }
    return rows
  }

  func vector(_ key: String) throws -> [Double] {
    let v = try numbers(try value(key), context + key)
    if v.isEmpty { throw ParameterFileError("\(context)\(key): empty array") }
    return v
  }

  func matrix(_ key: String) throws -> Matrix { Matrix(try rows(try value(key), context + key)) }

  func tensor(_ key: String) throws -> SequenceBatch {
    let path = context + key
    guard let array = try value(key) as? [Any], !array.isEmpty else {
      throw ParameterFileError("\(path): expected a non-empty B × T × F array")
    }
    let blocks = try array.enumerated().map { try rows($1, "\(path)[\($0)]") }
    for (index, block) in blocks.enumerated()
    where block.count != blocks[0].count || block[0].count != blocks[0][0].count {
      throw ParameterFileError(
        "\(path): sequence \(index) is \(block.count) × \(block[0].count) but sequence 0 is "
          + "\(blocks[0].count) × \(blocks[0][0].count)")
    }
    return SequenceBatch(batchFirst: blocks)
  }
}
