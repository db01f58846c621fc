import CZlib

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Reading files, gzip-compressed or not, through zlib.
//
// Fashion-MNIST ships as `.gz` files. zlib's `inflate` with window bits 15 + 32 detects a
// gzip or zlib header by itself and checks the CRC and length at the end, so a damaged
// download is reported instead of silently producing wrong pixels. Two failures `inflate`
// does not flag on its own: a stream that simply stops early (a truncated download: it asks
// for more input that does not exist, so we check for "input exhausted, no stream end"),
// and bytes after the end of the stream (it just stops; we look at what is left).

/// The bytes of a file, read whole.
///
/// - Parameter maximumBytes: refuse a file longer than this (checked while reading, so it
///   holds for pipes and devices too, and memory stays bounded).
/// - Throws: `DatasetError.missingFile` (with `installHint`) when the file does not exist,
///   `DatasetError.unreadable` when it cannot be opened or read, `DatasetError.tooLarge`.
func readFileBytes(
  _ path: String, installHint: String, maximumBytes: Int = .max
) throws -> [UInt8] {
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
    if bytes.count > maximumBytes {
      throw DatasetError.tooLarge(path: path, maximumBytes: maximumBytes)
    }
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

/// Decompresses a gzip (or zlib) stream, handing the output to `consume` chunk by chunk.
///
/// The whole stream is always inflated, so zlib checks the CRC-32 and the length in the
/// gzip trailer of every member; `consume` decides what to keep and may throw to stop early
/// (that is how a reader refuses a gzip bomb: it stops once the output passes the size the
/// data's own header states, instead of inflating gigabytes first). Several gzip members back
/// to back are one file (RFC 1952 §2.2, what `cat a.gz b.gz` makes); anything else after the
/// end of the stream is damage and is refused.
///
/// - Parameters:
///   - compressed: the whole compressed file.
///   - path: the file's name, for error messages.
///   - consume: receives each piece of output, in order; its errors propagate.
/// - Throws: `DatasetError.corruptCompression` for a damaged or truncated stream or bytes
///   after its end; whatever `consume` throws.
func inflateGzip(
  _ compressed: [UInt8], path: String, consume: (UnsafeBufferPointer<UInt8>) throws -> Void
) throws {
  var stream = z_stream()
  let initStatus = inflateInit2_(
    &stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
  guard initStatus == Z_OK else {
    throw DatasetError.corruptCompression(path: path, reason: "zlib init failed (\(initStatus))")
  }
  defer { inflateEnd(&stream) }
  var chunk = [UInt8](repeating: 0, count: 1 << 18)

  try compressed.withUnsafeBufferPointer { input in
    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
    stream.avail_in = UInt32(input.count)
    while true {
      let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
        stream.next_out = out.baseAddress
        stream.avail_out = UInt32(out.count)
        return inflate(&stream, Z_NO_FLUSH)
      }
      let produced = chunk.count - Int(stream.avail_out)
      try chunk.withUnsafeBufferPointer {
        try consume(UnsafeBufferPointer(rebasing: $0[0..<produced]))
      }
      switch status {
      case Z_STREAM_END:
        let rest = Int(stream.avail_in)
        if rest == 0 { return }
        let next = input.count - rest
        guard rest >= 2, input[next] == 0x1f, input[next + 1] == 0x8b else {
          throw DatasetError.corruptCompression(
            path: path, reason: "\(rest) bytes after the end of the gzip stream")
        }
        inflateReset(&stream)  // another gzip member follows
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
  }
}
