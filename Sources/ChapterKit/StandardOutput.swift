// C's `stdout` is a mutable global, which Swift 6 flags when Foundation is imported too; this
// file imports only the C library, with @preconcurrency: the stream is read once, at exit, on
// the main thread, when nothing else writes to it.
#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Flushes stdout and reports a failed write (`> /dev/full`, a closed pipe) as an error
/// instead of exiting 0 with the report lost.
/// - Throws: `ChapterError.cannotWrite` naming standard output and the system's reason.
func flushStandardOutput() throws {
  if fflush(stdout) != 0 || ferror(stdout) != 0 {
    throw ChapterError.cannotWrite(
      path: "standard output", reason: String(cString: strerror(errno)))
  }
}
