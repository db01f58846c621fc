/// English words from Debian's `wamerican` package, for character-level models.
///
/// The file `/usr/share/dict/american-english` has one word per line (about 100,000),
/// including proper nouns ("Aaron"), possessives ("aardvark's") and accented words
/// ("éclair"). Character models want a small alphabet, so `load` keeps only the words
/// made of the 26 lower-case letters a–z (about 64,000), in file order.
public enum WordList {
  /// Where `wamerican` installs the list.
  public static let defaultPath = "/usr/share/dict/american-english"
  /// The command that installs it.
  public static let installCommand = "sudo apt-get install wamerican"

  /// Loads the lower-case a–z words.
  ///
  /// - Parameters:
  ///   - path: the word file (one word per line).
  ///   - minimumLength: drop words shorter than this (default 1).
  /// - Returns: the words that consist of a–z only, in file order, without duplicates.
  /// - Throws: `DatasetError.missingFile` with the install command, or `.unreadable`.
  public static func load(
    from path: String = defaultPath, minimumLength: Int = 1
  ) throws
    -> [String]
  {
    let bytes = try readFileBytes(path, installHint: installCommand)
    return words(in: bytes, minimumLength: minimumLength)
  }

  /// The lower-case a–z words of a newline-separated byte buffer (the filter `load` uses).
  public static func words(in bytes: [UInt8], minimumLength: Int = 1) -> [String] {
    var result = [String]()
    var seen = Set<String>()
    var start = 0
    // Scan bytes, not Characters: a UTF-8 byte outside a–z (accents, apostrophes,
    // capitals, "\r") disqualifies the line, so no decoding is needed.
    for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "\n") {
      let line = bytes[start..<end]
      start = end + 1
      guard line.count >= Swift.max(1, minimumLength),
        line.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
      else { continue }
      let word = String(decoding: line, as: UTF8.self)
      if seen.insert(word).inserted { result.append(word) }
    }
    return result
  }
}
