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
