// Output: aligned text tables for people, a small JSON writer for scripts.

/// A JSON value whose objects keep their keys in insertion order, so the document reads
/// in the order the benchmarks ran.
indirect enum JSONValue {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// Compact JSON text. Non-finite numbers, which JSON cannot hold, become `null`.
  func serialized() -> String {
    switch self {
    case .number(let x): return x.isFinite ? "\(x)" : "null"
    case .integer(let n): return "\(n)"
    case .string(let s): return Self.quoted(s)
    case .bool(let b): return b ? "true" : "false"
    case .array(let items): return "[" + items.map { $0.serialized() }.joined(separator: ", ") + "]"
    case .object(let fields):
      return "{"
        + fields.map { Self.quoted($0.0) + ": " + $0.1.serialized() }
        .joined(separator: ", ") + "}"
    }
  }

  private static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// A table with a header, a rule, and right-aligned columns.
func formatTable(header: [String], rows: [[String]]) -> String {
  let widths = header.indices.map { c in
    ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0
  }
  func line(_ cells: [String]) -> String {
    cells.enumerated().map { c, cell in
      String(repeating: " ", count: widths[c] - cell.count) + cell
    }.joined(separator: "  ")
  }
  let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
  return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
}

/// `x` with `digits` digits after the point (the standard library has no printf).
func fixed(_ x: Double, _ digits: Int) -> String {
  guard x.isFinite else { return "\(x)" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let scaled = (abs(x) * scale).rounded()
  var whole = String(Int(scaled / scale))
  var fraction = String(Int(scaled.truncatingRemainder(dividingBy: scale)))
  fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
  if x < 0 && scaled > 0 { whole = "-" + whole }
  return digits == 0 ? whole : whole + "." + fraction
}
