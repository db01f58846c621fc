import CZlib

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Reading files, gzip-compressed or not, through zlib.
//
// Fashion-MNIST ships as `.gz` files. zlib's `inflate` with window bits 15 + 32 detects a
// gzip or zlib header by itself and checks the CRC at the end, so a damaged download is
// reported instead of silently producing wrong pixels. A stream that simply stops early
// (a truncated download) is the one failure `inflate` does not flag on its own: it asks
// for more input that does not exist, so we check for "input exhausted, no stream end".

/// The bytes of a file, read whole.
///
/// - Throws: `DatasetError.missingFile` (with `installHint`) when the file does not exist,
///   `DatasetError.unreadable` when it cannot be opened or read.
func readFileBytes(_ path: String, installHint: String) throws -> [UInt8] {
  guard let file = fopen(path, "rb") else {
    let code = errno
    if code == ENOENT { throw DatasetError.missingFile(path: path, installHint: installHint) }
    throw DatasetError.unreadable(path: path, reason: String(cString: strerror(code)))
  }
  defer { fclose(file) }
  var bytes = [UInt8]()
  var chunk = [UInt8](repeating: 0, count: 1 << 20)
  while true {
    let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
    bytes.append(contentsOf: chunk[0..<n])
    if n < chunk.count {
      if ferror(file) != 0 {
        // Reading a directory fails here with EISDIR.
        throw DatasetError.unreadable(path: path, reason: String(cString: strerror(errno)))
      }
      return bytes
    }
  }
}

/// True when `path` names something that exists.
func fileExists(_ path: String) -> Bool {
  access(path, F_OK) == 0
}

/// True when `bytes` begins with the gzip magic number 1f 8b.
func isGzip(_ bytes: [UInt8]) -> Bool {
  bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// Decompresses a gzip (or zlib) stream.
///
/// - Parameters:
///   - compressed: the whole compressed file.
///   - path: the file's name, for error messages.
///   - limit: stop once this many bytes are out (reading only the first images of a large
///     file); `nil` decompresses everything and verifies the checksum.
/// - Returns: the decompressed bytes (at most `limit` of them).
/// - Throws: `DatasetError.corruptCompression` for a damaged or truncated stream.
func gunzip(_ compressed: [UInt8], path: String, limit: Int? = nil) throws -> [UInt8] {
  var stream = z_stream()
  let initStatus = inflateInit2_(
    &stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
  guard initStatus == Z_OK else {
    throw DatasetError.corruptCompression(path: path, reason: "zlib init failed (\(initStatus))")
  }
  defer { inflateEnd(&stream) }

  var output = [UInt8]()
  // Fashion-MNIST compresses about 1.8:1; start near the final size to avoid regrowth.
  output.reserveCapacity(limit ?? compressed.count * 2)
  var chunk = [UInt8](repeating: 0, count: 1 << 18)
  let wanted = limit ?? Int.max

  return try compressed.withUnsafeBufferPointer { input -> [UInt8] in
    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
    stream.avail_in = UInt32(input.count)
    while output.count < wanted {
      let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
        stream.next_out = out.baseAddress
        stream.avail_out = UInt32(out.count)
        return inflate(&stream, Z_NO_FLUSH)
      }
      let produced = chunk.count - Int(stream.avail_out)
      output.append(contentsOf: chunk[0..<Swift.min(produced, wanted - output.count)])
      switch status {
      case Z_STREAM_END:
        return output
      case Z_OK:
        continue
      case Z_BUF_ERROR where stream.avail_in == 0:
        throw DatasetError.corruptCompression(
          path: path, reason: "the compressed data ends early; the file is truncated")
      default:
        let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
        throw DatasetError.corruptCompression(path: path, reason: message)
      }
    }
    return output
  }
}
