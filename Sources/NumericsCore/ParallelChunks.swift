import CBLAS
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Splitting one long element loop over the cores.
//
// An element-wise rule (an optimizer's update) gives the same bits whichever thread
// computes an element, so a large tensor can be cut into contiguous chunks, one per core.
// Below a size threshold the cost of a second thread (a hand-off to the pair worker, or a
// Dispatch wake-up of several microseconds) is larger than the time saved, so small
// tensors stay on the calling thread: the GAN's 64×64 layers never split; Adam on 10⁶
// parameters does.

/// How many threads element kernels use at most: the cores online (2 on the course's
/// machines; PyTorch's intra-op default is the same).
public let elementKernelThreads: Int = Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

/// The threads element kernels use now: `elementKernelThreads`, but no more than OpenBLAS
/// is set to (`openblas_set_num_threads`, `OPENBLAS_NUM_THREADS`). The course runs each
/// chapter with OpenBLAS on one thread and two chapters at a time, one per core; an
/// optimizer pass that reached over to the other core would only slow the other chapter.
public func elementThreads() -> Int {
  Swift.max(1, Swift.min(elementKernelThreads, Int(openblas_get_num_threads())))
}

/// The smallest number of elements worth giving to one more thread: 2¹⁵ (256 KB of
/// doubles per array). Adam's update of that many elements takes about 40 µs with AVX2,
/// ten times what waking a Dispatch worker costs. The GAN's largest tensor (64×64)
/// stays on one thread, the course's 784×256 layer (200 704 elements) is split.
public let elementsPerExtraThread = 1 << 15

/// The smallest number of elements worth giving SGD's update one more thread: 2²⁰.
/// `p ← p − lr·(g + λ·p)` is a few operations per 24 bytes moved, so it runs at memory
/// speed and a second core mostly waits on the same memory. Measured on the course's
/// 2-core machine (update alone, interleaved rounds, median of per-round ratios,
/// 2026-12-01 under a load of 5–7): at 200 704 elements (the 784×256 layer) two threads
/// took 1.23–2.7× as long as one (best rounds equal, 34 µs), at 2²⁰ 1.04–1.15×, at 2²²
/// 0.97–1.01×. So the course's layers keep SGD on one thread.
public let sgdElementsPerExtraThread = 1 << 20

/// Runs `body` on contiguous chunks that cover `0..<count` exactly once, on up to
/// `threads` threads at once, and returns when every chunk is done.
///
/// Chunks start at multiples of 8 elements (64 bytes, one cache line of doubles), so two
/// threads never write into the same cache line. With fewer than `2 · perThread`
/// elements, or `threads == 1`, `body(0..<count)` runs on the calling thread. `perThread`
/// is what a kernel must be given before another thread pays: `elementsPerExtraThread`
/// for Adam's compute-bound rule, more for a memory-bound one (SGD's
/// `sgdElementsPerExtraThread`).
/// - Precondition: `count ≥ 0`, `threads ≥ 1`, `perThread ≥ 1`.
public func forEachChunk(
  of count: Int, threads: Int = elementThreads(), perThread: Int = elementsPerExtraThread,
  _ body: @Sendable (Range<Int>) -> Void
) {
  precondition(count >= 0, "forEachChunk: negative count \(count)")
  precondition(threads >= 1, "forEachChunk: threads \(threads) must be at least 1")
  precondition(perThread >= 1, "forEachChunk: perThread \(perThread) must be at least 1")
  let chunks = Swift.min(threads, count / perThread)
  guard chunks > 1 else {
    body(0..<count)
    return
  }
  // Round the chunk length up to a whole cache line; the last chunk takes the rest.
  let length = (count / chunks + 7) / 8 * 8
  @Sendable func chunk(_ k: Int) {
    let start = Swift.min(count, k * length)
    body(start..<(k == chunks - 1 ? count : Swift.min(count, start + length)))
  }
  // Two chunks (the course's 2-core machines): the caller and the pair worker.
  if chunks == 2 {
    runOnPair { chunk($0) }
  } else {
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk($0) }
  }
}
