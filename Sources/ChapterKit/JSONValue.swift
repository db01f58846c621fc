/// A JSON document, built in code and written with sorted keys so the output is
/// byte-identical for the same values.
///
/// Literals work: `let v: JSONValue = ["estimate": 3.14, "ci95": [3.1, 3.2], "ok": true]`.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// An array of numbers.
  public static func numbers(_ values: [Double]) -> JSONValue {
    .array(values.map(JSONValue.number))
  }

  /// The value serialised as JSON text; objects have sorted keys. Non-finite numbers, which
  /// JSON cannot hold, are written as `null`.
  /// - Parameter pretty: indent nested values by two spaces per level.
  public func serialized(pretty: Bool = true) -> String {
    var out = ""
    write(into: &out, indent: pretty ? 0 : nil)
    return out
  }

  private func write(into out: inout String, indent: Int?) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let x): out += JSONValue.format(x)
    case .string(let s): out += JSONValue.quote(s)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      // Arrays of plain numbers stay on one line: trajectories and curves read better so.
      let flat = indent == nil || items.allSatisfy { if case .number = $0 { true } else { false } }
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += flat ? ", " : "," }
        if !flat, let level = indent { out += "\n" + String(repeating: "  ", count: level + 1) }
        item.write(into: &out, indent: indent.map { $0 + 1 })
      }
      if !flat, let level = indent { out += "\n" + String(repeating: "  ", count: level) }
      out += "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, key) in members.keys.sorted().enumerated() {
        if i > 0 { out += indent == nil ? ", " : "," }
        if let level = indent { out += "\n" + String(repeating: "  ", count: level + 1) }
        out += JSONValue.quote(key) + ": "
        members[key]!.write(into: &out, indent: indent.map { $0 + 1 })
      }
      if let level = indent { out += "\n" + String(repeating: "  ", count: level) }
      out += "}"
    }
  }

  /// Integers print without a decimal point; other numbers with Swift's shortest
  /// round-trip representation, so a value read back is exactly the value written.
  static func format(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

extension JSONValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(nilLiteral: ()) { self = .null }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}
