import ArgumentParser

// Parsing of the comma/semicolon lists that calculator-style options take, e.g.
// `--logits "1,2,3;1000,-1000,0"`. Errors are `ValidationError`s, so ArgumentParser prints
// one line and exits with 64 (EX_USAGE).

/// Parses `"0.5,-1.2,3"` into numbers.
/// - Throws: `ValidationError` naming the option and the bad entry (also for NaN and ±inf,
///   which a student almost never means).
public func parseList(_ text: String, option: String = "value") throws -> [Double] {
  let parts = text.split(separator: ",", omittingEmptySubsequences: false)
  guard !text.trimmingWhitespace().isEmpty else {
    throw ValidationError("--\(option): empty list")
  }
  return try parts.map { part in
    let trimmed = String(part).trimmingWhitespace()
    guard let value = Double(trimmed) else {
      throw ValidationError("--\(option): '\(trimmed)' is not a number")
    }
    guard value.isFinite else {
      throw ValidationError("--\(option): '\(trimmed)' is not a finite number")
    }
    return value
  }
}

/// Parses rows separated by `;`, e.g. `"1,2;3,4"` → `[[1, 2], [3, 4]]`.
/// - Throws: `ValidationError` when an entry is not a number or the rows differ in length.
public func parseRows(_ text: String, option: String = "value") throws -> [[Double]] {
  let rows = try text.split(separator: ";", omittingEmptySubsequences: false).map {
    try parseList(String($0), option: option)
  }
  if let first = rows.first, let bad = rows.firstIndex(where: { $0.count != first.count }) {
    throw ValidationError(
      "--\(option): row \(bad + 1) has \(rows[bad].count) entries, row 1 has \(first.count)")
  }
  return rows
}

/// Parses a list of integers, e.g. class labels `"2,1,0"`.
public func parseIntegers(_ text: String, option: String = "value") throws -> [Int] {
  try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
    let trimmed = String(part).trimmingWhitespace()
    guard let value = Int(trimmed) else {
      throw ValidationError("--\(option): '\(trimmed)' is not an integer")
    }
    return value
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}
