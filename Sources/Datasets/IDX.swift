// The IDX file format of MNIST and Fashion-MNIST (LeCun, Cortes and Burges).
//
// ```
// bytes 0–1   0x00 0x00
// byte  2     element type (0x08 = unsigned byte, the only one these data sets use)
// byte  3     number of dimensions d
// 4·d bytes   the dimensions, each a big-endian UInt32
// the rest    the elements, row-major, last dimension fastest
// ```
// So labels begin with the magic number 0x00000801 (bytes, 1 dimension) and images with
// 0x00000803 (bytes, 3 dimensions: count, rows, columns).

/// An array of unsigned bytes read from an IDX file: its dimensions and its elements.
public struct IDXArray: Sendable, Equatable {
  /// The dimensions from the header, outermost first (e.g. `[60000, 28, 28]`).
  public let dimensions: [Int]
  /// The elements, row-major (the last dimension varies fastest).
  public let bytes: [UInt8]

  /// Creates an array; `bytes.count` must equal the product of `dimensions`.
  public init(dimensions: [Int], bytes: [UInt8]) {
    precondition(
      bytes.count == dimensions.reduce(1, *),
      "IDXArray: \(bytes.count) bytes for dimensions \(dimensions)")
    self.dimensions = dimensions
    self.bytes = bytes
  }
}

/// The magic number of an IDX file of unsigned bytes with `dimensionCount` dimensions.
///
/// ```
/// magic = 0x0000_0800 + dimensionCount     // 0x801 labels, 0x803 images
/// ```
public func idxMagicNumber(dimensionCount: Int) -> UInt32 {
  0x0000_0800 + UInt32(dimensionCount)
}

/// Parses an (already decompressed) IDX file of unsigned bytes.
///
/// - Parameters:
///   - data: the file's bytes.
///   - dimensionCount: how many dimensions the file must have (1 for labels, 3 for images).
///   - path: the file's name, for error messages.
///   - itemLimit: read only the first `itemLimit` items (along the first dimension); the
///     data may then be a prefix of the file. `nil` reads all and requires the exact length.
/// - Returns: the dimensions (the first one reduced to the items read) and the elements.
/// - Throws: `DatasetError.wrongMagicNumber`, `.truncated` or `.trailingBytes`.
public func parseIDX(
  _ data: [UInt8], dimensionCount: Int, path: String, itemLimit: Int? = nil
) throws -> IDXArray {
  let expectedMagic = idxMagicNumber(dimensionCount: dimensionCount)
  let headerSize = 4 + 4 * dimensionCount
  guard data.count >= 4 else {
    throw DatasetError.truncated(path: path, expectedBytes: headerSize, actualBytes: data.count)
  }
  let magic = bigEndianUInt32(data, at: 0)
  guard magic == expectedMagic else {
    throw DatasetError.wrongMagicNumber(path: path, found: magic, expected: expectedMagic)
  }
  guard data.count >= headerSize else {
    throw DatasetError.truncated(path: path, expectedBytes: headerSize, actualBytes: data.count)
  }
  var dimensions = (0..<dimensionCount).map { Int(bigEndianUInt32(data, at: 4 + 4 * $0)) }
  let itemSize = dimensions.dropFirst().reduce(1, *)
  let available = data.count - headerSize
  let items = itemLimit.map { Swift.min($0, dimensions[0]) } ?? dimensions[0]
  let expected = items * itemSize
  if available < expected {
    throw DatasetError.truncated(
      path: path, expectedBytes: dimensions[0] * itemSize, actualBytes: available)
  }
  if itemLimit == nil && available > expected {
    throw DatasetError.trailingBytes(path: path, expectedBytes: expected, actualBytes: available)
  }
  dimensions[0] = items
  return IDXArray(dimensions: dimensions, bytes: Array(data[headerSize..<(headerSize + expected)]))
}

/// Reads an IDX file of unsigned bytes, gzip-compressed (detected by its first two bytes)
/// or plain.
///
/// - Parameters:
///   - path: the file.
///   - dimensionCount: 1 for labels, 3 for images.
///   - itemLimit: read only the first items (decompresses only as much as needed).
///   - installHint: the command to show when the file is missing.
/// - Throws: any `DatasetError`.
public func readIDX(
  path: String, dimensionCount: Int, itemLimit: Int? = nil, installHint: String
) throws -> IDXArray {
  let raw = try readFileBytes(path, installHint: installHint)
  guard isGzip(raw) else {
    return try parseIDX(raw, dimensionCount: dimensionCount, path: path, itemLimit: itemLimit)
  }
  // With a limit we need the header, then peek at the item size to know how much to inflate.
  var byteLimit: Int?
  if let itemLimit {
    let headerSize = 4 + 4 * dimensionCount
    let header = try gunzip(raw, path: path, limit: headerSize)
    if header.count == headerSize {
      let itemSize = (1..<dimensionCount).reduce(1) {
        $0 * Int(bigEndianUInt32(header, at: 4 + 4 * $1))
      }
      byteLimit = headerSize + itemLimit * itemSize
    }
  }
  let data = try gunzip(raw, path: path, limit: byteLimit)
  return try parseIDX(data, dimensionCount: dimensionCount, path: path, itemLimit: itemLimit)
}

private func bigEndianUInt32(_ data: [UInt8], at offset: Int) -> UInt32 {
  UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8
    | UInt32(data[offset + 3])
}
