/// The symbols of a character language model, numbered so that counts can live in arrays.
///
/// ```
/// id 0            the end symbol  ⟨/s⟩   (predicted once at the end of every sequence)
/// id 1 … C        the C characters of the training text, in increasing scalar order
/// id C + 1        the start symbol ⟨s⟩   (padding in front; never predicted)
/// ```
/// The vocabulary V over which every distribution sums to 1 is ids `0 ... C`: the
/// characters plus the end symbol, |V| = C + 1. The start symbol only ever appears in
/// histories, so giving it probability would waste mass on an event that cannot happen.
/// Characters are Unicode scalars taken as they are: no normalisation, no case folding.
public struct Alphabet: Sendable, Equatable {
  /// The characters, in increasing scalar order; character `i` has id `i + 1`.
  public let characters: [Unicode.Scalar]
  private let ids: [Unicode.Scalar: Int]

  /// The alphabet of the distinct scalars in `texts`.
  public init<S: Sequence>(of texts: S) where S.Element == String {
    var seen = Set<Unicode.Scalar>()
    for text in texts { seen.formUnion(text.unicodeScalars) }
    self.init(characters: Array(seen))
  }

  /// An alphabet of exactly these characters (duplicates are merged; order is sorted).
  public init(characters: [Unicode.Scalar]) {
    self.characters = Array(Set(characters)).sorted()
    var ids = [Unicode.Scalar: Int]()
    for (index, scalar) in self.characters.enumerated() { ids[scalar] = index + 1 }
    self.ids = ids
  }

  /// The id of the end symbol.
  public static let end = 0
  /// The id of the start symbol (one past the vocabulary).
  public var start: Int { characters.count + 1 }
  /// |V|: the characters plus the end symbol.
  public var vocabularySize: Int { characters.count + 1 }

  /// The id of a character, or nil when it is not in the alphabet.
  public func id(of scalar: Unicode.Scalar) -> Int? { ids[scalar] }

  /// The ids of a text's characters (no padding), or nil when a character is unknown.
  public func encode(_ text: String) -> [Int]? {
    var result = [Int]()
    result.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      guard let id = ids[scalar] else { return nil }
      result.append(id)
    }
    return result
  }

  /// The first character of `text` that is not in the alphabet, if any.
  public func firstUnknown(in text: String) -> Unicode.Scalar? {
    text.unicodeScalars.first { ids[$0] == nil }
  }

  /// The text of character ids (the end and start symbols are skipped).
  public func decode(_ symbols: [Int]) -> String {
    var text = String.UnicodeScalarView()
    for id in symbols where id >= 1 && id <= characters.count {
      text.append(characters[id - 1])
    }
    return String(text)
  }

  /// A readable name of a symbol: the character, `⟨/s⟩` or `⟨s⟩`.
  public func name(of symbol: Int) -> String {
    switch symbol {
    case Alphabet.end: "⟨/s⟩"
    case start: "⟨s⟩"
    default: String(Character(characters[symbol - 1]))
    }
  }
}
