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
  /// The dimensions from the header, outermost first (e.g. `[60000, 28, 28]`); the first
  /// one is the number of items read, which a limit may make smaller than the file's.
  public let dimensions: [Int]
  /// The elements, row-major (the last dimension varies fastest).
  public let bytes: [UInt8]
  /// How many items (along the first dimension) the file holds, read or not.
  public let fileItemCount: Int

  /// Creates an array; `bytes.count` must equal the product of `dimensions`.
  /// `fileItemCount` defaults to `dimensions[0]` (everything was read).
  public init(dimensions: [Int], bytes: [UInt8], fileItemCount: Int? = nil) {
    precondition(
      bytes.count == dimensions.reduce(1, *),
      "IDXArray: \(bytes.count) bytes for dimensions \(dimensions)")
    self.dimensions = dimensions
    self.bytes = bytes
    self.fileItemCount = fileItemCount ?? dimensions.first ?? 0
  }

  /// The largest file the reader accepts unless told otherwise: 1 GiB, twenty times the
  /// largest file of Fashion-MNIST (47 MB). A header that states more is damage, and the
  /// reader refuses it before reserving or inflating anything.
  public static let defaultMaximumBytes = 1 << 30
}

/// The magic number of an IDX file of unsigned bytes with `dimensionCount` dimensions.
///
/// ```
/// magic = 0x0000_0800 + dimensionCount     // 0x801 labels, 0x803 images
/// ```
public func idxMagicNumber(dimensionCount: Int) -> UInt32 {
  0x0000_0800 + UInt32(dimensionCount)
}

/// An IDX header, checked: the sizes it states are plausible and computed without overflow.
struct IDXHeader {
  /// The dimensions as stated, outermost first.
  var dimensions: [Int]
  /// `4 + 4·d` bytes.
  var size: Int
  /// Bytes per item: the product of all dimensions but the first.
  var itemSize: Int
  /// Bytes of data the header promises: `dimensions[0] · itemSize`.
  var dataSize: Int

  /// Parses the first `4 + 4·dimensionCount` bytes of `data`.
  ///
  /// The dimensions are untrusted 32-bit numbers: their product can overflow `Int`
  /// (0xFFFFFFFF³) or describe terabytes (one flipped bit in a row count), so it is computed
  /// with overflow checks and compared with `maximumBytes` before anything is reserved.
  /// - Throws: `.wrongMagicNumber`, `.truncated` (shorter than the header) or
  ///   `.implausibleHeader`.
  init(_ data: [UInt8], dimensionCount: Int, path: String, maximumBytes: Int) throws {
    let expectedMagic = idxMagicNumber(dimensionCount: dimensionCount)
    size = 4 + 4 * dimensionCount
    guard data.count >= 4 else {
      throw DatasetError.truncated(path: path, expectedBytes: size, actualBytes: data.count)
    }
    let magic = bigEndianUInt32(data, at: 0)
    guard magic == expectedMagic else {
      throw DatasetError.wrongMagicNumber(path: path, found: magic, expected: expectedMagic)
    }
    guard data.count >= size else {
      throw DatasetError.truncated(path: path, expectedBytes: size, actualBytes: data.count)
    }
    dimensions = (0..<dimensionCount).map { Int(bigEndianUInt32(data, at: 4 + 4 * $0)) }
    var product = 1
    var overflow = false
    for dimension in dimensions.dropFirst() where !overflow {
      (product, overflow) = product.multipliedReportingOverflow(by: dimension)
    }
    itemSize = product
    var total = 0
    if !overflow { (total, overflow) = itemSize.multipliedReportingOverflow(by: dimensions[0]) }
    guard !overflow, total <= maximumBytes - size else {
      throw DatasetError.implausibleHeader(
        path: path, dimensions: dimensions, maximumBytes: maximumBytes)
    }
    dataSize = total
  }

  /// The header's bytes plus the data it promises.
  var fileSize: Int { size + dataSize }
}

/// Parses an (already decompressed) IDX file of unsigned bytes.
///
/// - Parameters:
///   - data: the whole file's bytes; their length must be what the header states.
///   - dimensionCount: how many dimensions the file must have (1 for labels, 3 for images).
///   - path: the file's name, for error messages.
///   - itemLimit: keep only the first `itemLimit` items (along the first dimension). The
///     whole file is still checked. `nil` keeps all.
///   - maximumBytes: the largest file to accept; a header that states more is damaged.
/// - Returns: the dimensions (the first one reduced to the items kept) and the elements.
/// - Throws: `DatasetError.wrongMagicNumber`, `.implausibleHeader`, `.truncated` or
///   `.trailingBytes`.
public func parseIDX(
  _ data: [UInt8], dimensionCount: Int, path: String, itemLimit: Int? = nil,
  maximumBytes: Int = IDXArray.defaultMaximumBytes
) throws -> IDXArray {
  let header = try IDXHeader(
    data, dimensionCount: dimensionCount, path: path, maximumBytes: maximumBytes)
  let available = data.count - header.size
  if available < header.dataSize {
    throw DatasetError.truncated(
      path: path, expectedBytes: header.dataSize, actualBytes: available)
  }
  if available > header.dataSize {
    throw DatasetError.trailingBytes(
      path: path, expectedBytes: header.dataSize, actualBytes: available)
  }
  return header.array(from: data, itemLimit: itemLimit)
}

extension IDXHeader {
  /// The items to keep of a file with this header.
  func keptItems(_ itemLimit: Int?) -> Int {
    itemLimit.map { Swift.min(Swift.max(0, $0), dimensions[0]) } ?? dimensions[0]
  }

  /// The first items' elements, taken from a buffer that starts with this header.
  func array(from data: [UInt8], itemLimit: Int?) -> IDXArray {
    let items = keptItems(itemLimit)
    var shape = dimensions
    shape[0] = items
    return IDXArray(
      dimensions: shape, bytes: Array(data[size..<(size + items * itemSize)]),
      fileItemCount: dimensions[0])
  }
}

/// Decodes the bytes of an IDX file, gzip-compressed (detected by its first two bytes) or
/// plain: the reader behind `readIDX`, and what the fuzz target (`Fuzz/`) feeds.
///
/// The whole file is always checked (gzip CRC and length, header against data length, no
/// bytes after the end) but only the kept items are stored, so `itemLimit` saves memory and
/// copying, not verification. Inflation stops as soon as the output passes what the header
/// states, so a small file that inflates to gigabytes (a gzip bomb) costs nothing.
/// - Throws: any `DatasetError` except `.missingFile` and `.unreadable`.
public func decodeIDX(
  _ raw: [UInt8], dimensionCount: Int, path: String, itemLimit: Int? = nil,
  maximumBytes: Int = IDXArray.defaultMaximumBytes
) throws -> IDXArray {
  guard isGzip(raw) else {
    return try parseIDX(
      raw, dimensionCount: dimensionCount, path: path, itemLimit: itemLimit,
      maximumBytes: maximumBytes)
  }
  let headerSize = 4 + 4 * dimensionCount
  var kept = [UInt8]()
  kept.reserveCapacity(headerSize)
  var keep = headerSize
  var header: IDXHeader?
  var total = 0
  try inflateGzip(raw, path: path) { chunk in
    total += chunk.count
    var offset = 0
    while offset < chunk.count && kept.count < keep {
      let take = Swift.min(chunk.count - offset, keep - kept.count)
      kept.append(contentsOf: chunk[offset..<(offset + take)])
      offset += take
      if header == nil && kept.count == headerSize {
        let parsed = try IDXHeader(
          kept, dimensionCount: dimensionCount, path: path, maximumBytes: maximumBytes)
        header = parsed
        keep = headerSize + parsed.keptItems(itemLimit) * parsed.itemSize
        kept.reserveCapacity(keep)
      }
    }
    if let header, total > header.fileSize {
      throw DatasetError.longerThanHeader(path: path, expectedBytes: header.dataSize)
    }
  }
  guard let header else {
    // Shorter than a header: the parser names what is wrong (magic or length).
    return try parseIDX(
      kept, dimensionCount: dimensionCount, path: path, maximumBytes: maximumBytes)
  }
  if total < header.fileSize {
    throw DatasetError.truncated(
      path: path, expectedBytes: header.dataSize, actualBytes: total - header.size)
  }
  return header.array(from: kept, itemLimit: itemLimit)
}

/// Reads an IDX file of unsigned bytes, gzip-compressed or plain (see `decodeIDX`).
///
/// - Parameters:
///   - path: the file.
///   - dimensionCount: 1 for labels, 3 for images.
///   - itemLimit: keep only the first items (the whole file is still verified).
///   - maximumBytes: the largest (decompressed) file to accept.
///   - installHint: the command to show when the file is missing.
/// - Throws: any `DatasetError`.
public func readIDX(
  path: String, dimensionCount: Int, itemLimit: Int? = nil,
  maximumBytes: Int = IDXArray.defaultMaximumBytes, installHint: String
) throws -> IDXArray {
  // Deflate can expand incompressible data slightly (5 bytes per 64 kB block plus headers).
  let compressedLimit = maximumBytes + maximumBytes / 256 + 4096
  let raw = try readFileBytes(path, installHint: installHint, maximumBytes: compressedLimit)
  return try decodeIDX(
    raw, dimensionCount: dimensionCount, path: path, itemLimit: itemLimit,
    maximumBytes: maximumBytes)
}

private func bigEndianUInt32(_ data: [UInt8], at offset: Int) -> UInt32 {
  UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8
    | UInt32(data[offset + 3])
}
