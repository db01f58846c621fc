#if canImport(Glibc)
  import Glibc
#endif

// Keeping freed matrix storage in the process, so that allocating a matrix does not cost
// page faults every time.
//
// glibc's malloc serves a block larger than its mmap threshold (128 KB at start) with a
// fresh `mmap` and unmaps it on `free`; after such a free it raises the threshold to the
// block's size, and it returns free memory at the top of the heap to the kernel once
// more than twice that threshold is free. A loop that allocates a new 256×256 product
// (512 KB) and frees the previous one keeps crossing that line, so the kernel must hand
// out, zero and map the pages again and again: the bench measured ~50 page faults per
// call and `matmul` 10–20 % slower than `cblas_dgemm` into a reused buffer (worse with
// BLAS threads, since unmapping memory interrupts every core the process runs on).
// Layers here are values whose forward passes return new matrices, so every training
// step would pay this.
//
// Fixing both thresholds (which also turns off glibc's dynamic adjustment) keeps blocks
// up to 32 MB (glibc's maximum) in the heap, and lets up to 256 MB of free memory stay
// there for reuse. Blocks above 32 MB (4 million doubles) are still mapped and unmapped.
// The cost is that the process's resident size shrinks less after it frees large
// matrices, which is harmless for short-lived course executables. Other C libraries are
// left alone.

/// The process-wide malloc settings above, applied only when an executable asks: a library
/// never changes the state of the process it runs in on its own.
///
/// Chapters call it at their entry (`ChapterCommand.main`) and `bench` before measuring;
/// tests and other programs that link NumericsCore keep the allocator as they found it.
public enum AllocatorTuning {
  /// What `keepLargeMatrixStorage()` did.
  public enum Outcome: Sendable, Equatable {
    /// Both thresholds are set.
    case applied
    /// Not glibc (or `mallopt` not found): nothing changed.
    case unavailable
    /// `mallopt` refused a setting (it returns 0 on failure); the named one is unchanged.
    case rejected(String)
  }

  /// Keeps freed blocks up to 32 MB in the heap and up to 256 MB of free memory for reuse.
  ///
  /// `mallopt` is declared in `<malloc.h>`, which Swift's Glibc module does not include, so
  /// it is looked up by name and called through a C function pointer. The parameter numbers
  /// are glibc's ABI (`M_TRIM_THRESHOLD` = −1, `M_MMAP_THRESHOLD` = −3, see mallopt(3)).
  /// Calling it again sets the same values again (idempotent).
  /// - Returns: whether the settings took effect; the numbers a program computes do not
  ///   depend on it, only its speed.
  public static func keepLargeMatrixStorage() -> Outcome {
    #if canImport(Glibc)
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      // A null handle is RTLD_DEFAULT: search the libraries the process already loaded.
      guard let symbol = dlsym(nil, "mallopt") else { return .unavailable }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      let trimThreshold: Int32 = -1
      let mmapThreshold: Int32 = -3
      if mallopt(mmapThreshold, 32 << 20) != 1 { return .rejected("M_MMAP_THRESHOLD") }
      if mallopt(trimThreshold, 256 << 20) != 1 { return .rejected("M_TRIM_THRESHOLD") }
      return .applied
    #else
      return .unavailable
    #endif
  }
}
