/// The course's one train/validation/test split of the English word list, shared by the
/// n-gram models of chapter 3.6 and the character RNN of chapter 3.7 so their perplexities
/// are measured on the same held-out words.
///
/// The definition, exactly (another implementation must reproduce it bit for bit):
///
/// ```
/// 1. read /usr/share/dict/american-english line by line (split at "\n")
/// 2. lower-case ASCII letters only: A–Z → a–z (every other byte unchanged)
/// 3. keep a line only if it is non-empty and every byte is one of a–z
///    ("aardvark's", "éclair", "Zürich" are dropped)
/// 4. drop repeats ("Bill" and "bill" become one "bill"), keeping the first, in file order
/// 5. h = FNV-1a 64-bit of the word's UTF-8 bytes:
///      h = 0xcbf29ce484222325;  for each byte b: h = (h XOR b) · 0x100000001b3  (mod 2⁶⁴)
///    h % 10 == 0 → test,  h % 10 == 1 → validation,  otherwise → training
/// ```
///
/// A hash, not a shuffle, decides the part: a word's part does not depend on a seed, on the
/// other words, or on the order of the file, so adding a word to the list never moves
/// another word between parts. The split is by word, not by character: no test word is
/// ever seen in training, so perplexity measures generalisation to new words. Each part
/// keeps file (alphabetical) order; shuffle when training by mini-batches.
/// About 10% of the words are test and 10% validation.
public struct WordSplit: Sendable, Equatable {
  /// About 80% of the words.
  public var training: [String]
  /// About 10% of the words (h % 10 == 1), for choosing hyperparameters.
  public var validation: [String]
  /// About 10% of the words (h % 10 == 0), for the one final measurement.
  public var test: [String]

  /// Creates a split from its three parts.
  public init(training: [String], validation: [String], test: [String]) {
    self.training = training
    self.validation = validation
    self.test = test
  }
}

/// Which part of the split a word belongs to.
public enum WordSplitPart: Sendable, Equatable {
  case training, validation, test
}

extension WordList {
  /// Loads the word list and splits it as `WordSplit` defines.
  /// - Throws: `DatasetError.missingFile` with the install command, or `.unreadable`.
  public static func split(from path: String = defaultPath) throws -> WordSplit {
    let bytes = try readFileBytes(path, installHint: installCommand)
    return split(lowerCasedWordsIn: bytes)
  }

  /// Steps 1–5 of the `WordSplit` definition on a newline-separated byte buffer.
  public static func split(lowerCasedWordsIn bytes: [UInt8]) -> WordSplit {
    var result = WordSplit(training: [], validation: [], test: [])
    for word in lowerCasedWords(in: bytes) {
      switch part(of: word) {
      case .training: result.training.append(word)
      case .validation: result.validation.append(word)
      case .test: result.test.append(word)
      }
    }
    return result
  }

  /// Steps 1–4: the distinct a–z words after ASCII lower-casing, in file order.
  public static func lowerCasedWords(in bytes: [UInt8]) -> [String] {
    let offset = UInt8(ascii: "a") - UInt8(ascii: "A")
    let lowered = bytes.map {
      (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + offset : $0
    }
    return words(in: lowered)
  }

  /// Step 5: the part of a word, from the FNV-1a 64-bit hash of its UTF-8 bytes.
  public static func part(of word: String) -> WordSplitPart {
    switch fnv1a64(Array(word.utf8)) % 10 {
    case 0: .test
    case 1: .validation
    default: .training
    }
  }
}

/// The 64-bit FNV-1a hash (Fowler, Noll and Vo): a fast, well-mixed, fully specified hash.
///
/// ```
/// h = 0xcbf29ce484222325                      (the offset basis)
/// for each byte b:  h = (h XOR b) · 0x100000001b3   (the FNV prime, arithmetic mod 2⁶⁴)
/// ```
/// Known values: "" → 0xcbf29ce484222325, "a" → 0xaf63dc4c8601ec8c.
public func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
  return hash
}
