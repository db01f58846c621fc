import Foundation

// The readable report a chapter prints: headings, aligned tables and numbers formatted so
// that a column of them lines up.

/// Formats a number for a table: fixed notation with `digits` significant digits for
/// ordinary magnitudes (0.001 ≤ |x| < 10⁶), scientific notation (`1.23e-07`) otherwise,
/// trailing zeros removed, and `nan`, `inf`, `-inf` spelled out.
public func formatNumber(_ x: Double, digits: Int = 4) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  if x == 0 { return "0" }
  let magnitude = abs(x)
  if magnitude >= 1e-3 && magnitude < 1e6 {
    let decimals = max(0, digits - 1 - Int(floor(log10(magnitude))))
    return trimZeros(String(format: "%.\(decimals)f", x))
  }
  let text = String(format: "%.\(max(0, digits - 1))e", x)
  guard let e = text.firstIndex(of: "e") else { return text }
  return trimZeros(String(text[..<e])) + text[e...]
}

/// Formats a fraction as a percentage with `digits` significant digits, as `formatNumber`
/// does (trailing zeros removed): `0.9123` → `91.23%`, `0.05` → `5%`. A non-finite
/// fraction (nothing was measured) is `-`.
public func formatPercent(_ fraction: Double, digits: Int = 4) -> String {
  fraction.isFinite ? formatNumber(fraction * 100, digits: digits) + "%" : "-"
}

/// Formats a fraction as a percentage with a fixed number of `decimals`, so that a column
/// of them lines up: `0.9123` → `91.23%`, `0.05` → `5.00%` (both with `decimals: 2`). A
/// non-finite fraction is `-`.
public func formatPercent(_ fraction: Double, decimals: Int) -> String {
  fraction.isFinite ? String(format: "%.\(decimals)f%%", 100 * fraction) : "-"
}

/// "1.2300" → "1.23", "2.000" → "2"; text without a decimal point is unchanged.
private func trimZeros(_ text: String) -> String {
  guard text.contains(".") else { return text }
  var s = text
  while s.hasSuffix("0") { s.removeLast() }
  if s.hasSuffix(".") { s.removeLast() }
  return s
}

/// Lays out rows of cells in aligned columns: text left-aligned, numbers right-aligned.
///
/// ```
/// optimizer  lr     final f
/// ---------  -----  --------
/// sgd        0.95   1.2e-08
/// ```
public func formatTable(header: [String], rows: [[String]]) -> String {
  let columnCount = Swift.max(header.count, rows.map(\.count).max() ?? 0)
  func cell(_ row: [String], _ c: Int) -> String { c < row.count ? row[c] : "" }
  let widths = (0..<columnCount).map { c in
    ([header] + rows).map { cell($0, c).count }.max() ?? 0
  }
  let numeric = (0..<columnCount).map { c in
    rows.allSatisfy { row in
      let text = cell(row, c)
      return text.isEmpty || Double(text) != nil || ["nan", "inf", "-inf"].contains(text)
    }
  }
  func line(_ row: [String]) -> String {
    (0..<columnCount).map { c in
      let text = cell(row, c)
      let pad = String(repeating: " ", count: widths[c] - text.count)
      return numeric[c] ? pad + text : text + pad
    }.joined(separator: "  ").trimmingTrailingSpaces()
  }
  var lines = [line(header)]
  lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
  lines += rows.map(line)
  return lines.joined(separator: "\n")
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = self
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }
}
