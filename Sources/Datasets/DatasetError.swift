/// What can go wrong when reading a data set from disk, in words a student can act on.
///
/// Every case names the file. A missing file says how to install the data; a damaged
/// file says what is damaged (compression, header, length), so that "re-download or
/// re-install the package" is the obvious next step. Nothing here traps: bad data is
/// not a programmer error.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file does not exist. `installHint` is the command that provides it.
  case missingFile(path: String, installHint: String)
  /// The file exists but could not be opened or read (permissions, a directory, …).
  case unreadable(path: String, reason: String)
  /// The gzip stream is damaged (bad header, CRC mismatch, or it ends early).
  case corruptCompression(path: String, reason: String)
  /// The first four bytes are not the IDX magic number this file must have.
  case wrongMagicNumber(path: String, found: UInt32, expected: UInt32)
  /// The data after the header is shorter than the header's dimensions promise.
  case truncated(path: String, expectedBytes: Int, actualBytes: Int)
  /// The data after the header is longer than the header's dimensions promise.
  case trailingBytes(path: String, expectedBytes: Int, actualBytes: Int)
  /// The header's dimensions are not what this data set must have (e.g. not 28×28).
  case unexpectedShape(path: String, found: [Int], expected: String)
  /// The header states sizes no such file can have (their product overflows or exceeds
  /// `maximumBytes`): a damaged header, refused before anything is reserved.
  case implausibleHeader(path: String, dimensions: [Int], maximumBytes: Int)
  /// The compressed data inflate to more than the header promises (a gzip bomb, or damage);
  /// inflation stopped there.
  case longerThanHeader(path: String, expectedBytes: Int)
  /// The file on disk is larger than any file of this kind can be.
  case tooLarge(path: String, maximumBytes: Int)
  /// The file is valid but holds no items: nothing to train or test on.
  case empty(path: String, items: String)
  /// The image file and the label file hold a different number of items.
  case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)
  /// A label lies outside `0..<classCount`.
  case invalidLabel(path: String, index: Int, value: Int, classCount: Int)

  /// The message shown to the user: what is wrong, with which file, and what to do.
  public var description: String {
    switch self {
    case .missingFile(let path, let hint):
      return "missing data file \(path); install it with: \(hint)"
    case .unreadable(let path, let reason):
      return "cannot read \(path): \(reason)"
    case .corruptCompression(let path, let reason):
      return "\(path) is not a valid gzip file (\(reason)); re-download or reinstall it"
    case .wrongMagicNumber(let path, let found, let expected):
      return
        "\(path) is not the expected IDX file: magic number \(hex(found)), expected \(hex(expected))"
    case .truncated(let path, let expected, let actual):
      return "\(path) is truncated: its header promises \(expected) bytes of data, found \(actual)"
    case .trailingBytes(let path, let expected, let actual):
      return "\(path) is damaged: its header promises \(expected) bytes of data, found \(actual)"
    case .unexpectedShape(let path, let found, let expected):
      let shape = found.map(String.init).joined(separator: "×")
      return "\(path) holds items of shape \(shape), expected \(expected)"
    case .implausibleHeader(let path, let dimensions, let maximum):
      let shape = dimensions.map(String.init).joined(separator: "×")
      return
        "\(path) has a damaged header: dimensions \(shape) describe more than the "
        + "\(maximum) bytes such a file can hold"
    case .longerThanHeader(let path, let expected):
      return
        "\(path) is damaged: it decompresses to more than the \(expected) bytes of data its "
        + "header promises"
    case .tooLarge(let path, let maximum):
      return "\(path) is larger than \(maximum) bytes, more than such a file can hold"
    case .empty(let path, let items):
      return "\(path) contains 0 \(items): nothing to learn from"
    case .countMismatch(let imagesPath, let images, let labelsPath, let labels):
      return "\(imagesPath) has \(images) images but \(labelsPath) has \(labels) labels"
    case .invalidLabel(let path, let index, let value, let classCount):
      return "\(path): label \(value) at item \(index) is outside 0..<\(classCount)"
    }
  }
}

private func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: Swift.max(0, 8 - digits.count)) + digits
}
