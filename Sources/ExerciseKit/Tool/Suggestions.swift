// "Did you mean …?" for a mistyped exercise identifier.

/// The Levenshtein edit distance between two strings: the fewest insertions, deletions
/// and substitutions of characters that turn one into the other.
public func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  // previous[j] = distance between a[..<i−1] and b[..<j]; one row at a time.
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var current = [i] + [Int](repeating: 0, count: b.count)
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    previous = current
  }
  return previous[b.count]
}

/// The candidate closest to `input` by edit distance (the first one on ties), or nil when
/// there are no candidates.
public func closest(to input: String, among candidates: [String]) -> String? {
  candidates.min { editDistance(input, $0) < editDistance(input, $1) }
}
