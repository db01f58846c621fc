import CBLAS
import CElementKernels
import Dispatch

// How the convolutions' own loops (patch gathers, col2im, pooling, the Double ↔ Float
// conversions, the bias sums) share the work with a second thread.
//
// Threads: as many as OpenBLAS is set to (`openblas_set_num_threads`), at most 2, as the
// small-product kernel decides (`Matrix+SmallProduct.swift`). A program that keeps OpenBLAS
// on one thread (the course runs every chapter with `OPENBLAS_NUM_THREADS=1`) runs these
// loops on its own thread, through the same code as before.
//
// Bits: the work is split where no sum crosses the cut, so the numbers do not depend on
// the threads:
// - over images (or patch rows): each image's numbers are computed by the same
//   instructions, whichever thread runs them;
// - a column sum such as `∂L/∂b = Σ_rows G` over its columns: each column is still summed
//   over every row in order, by one thread;
// - a sum over blocks (`∂L/∂W` of the fused layer, one product per block): each block's
//   product is written on its own (β = 0) and the blocks are added in order afterwards,
//   which rounds `C + acc` exactly as the product with β = 1 did.
// Tested bit for bit, one thread against two, on batches that do not divide evenly
// (ConvolutionThreadsTests).

/// The threads the convolution loops use: OpenBLAS's thread count, at most 2 (or, inside
/// `ConvolutionThreads.$override.withValue(n) { … }`, n: how the tests compare one thread
/// with two while OpenBLAS's own products stay as they are).
func convolutionThreads() -> Int {
  let threads = ConvolutionThreads.override ?? Int(openblas_get_num_threads())
  return Swift.min(Swift.max(threads, 1), 2)
}

/// The tests' handle on `convolutionThreads()`.
enum ConvolutionThreads {
  /// The thread count to use instead of OpenBLAS's (nil: OpenBLAS's).
  @TaskLocal static var override: Int?
}

/// Runs `body(part)` for `part` in `0..<parts`: on the caller's thread when `parts` is 1,
/// else on the caller and Dispatch workers at once; returns when every part is done.
@inline(__always)
func runParts(_ parts: Int, _ body: (Int) -> Void) {
  if parts <= 1 {
    body(0)
  } else {
    withoutActuallyEscaping(body) { body in
      let shared = PartBody(body: body)
      DispatchQueue.concurrentPerform(iterations: parts) { shared.body($0) }
    }
  }
}

/// A part's body handed to `concurrentPerform`'s threads. Unchecked: the callers' bodies
/// write disjoint parts of their buffers (different images, rows or columns) and read
/// what no part writes, and `concurrentPerform` returns only when every part is done, so
/// the closure (which does not escape) and the buffers it points into outlive the threads.
private struct PartBody: @unchecked Sendable {
  let body: (Int) -> Void
}

/// Part `part` of `0..<count` cut into `parts` consecutive ranges whose sizes differ by at
/// most one (the first ones larger).
@inline(__always)
func partRange(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
  let (size, extra) = count.quotientAndRemainder(dividingBy: parts)
  let start = part * size + Swift.min(part, extra)
  return start..<(start + size + (part < extra ? 1 : 0))
}

/// Calls `body(item, thread)` for every `item` in `0..<count`, items taken in turn by
/// `threads` threads (an atomic counter: a thread that starts late takes fewer).
/// `thread` (`0..<threads`) names the caller's scratch buffers.
func forEachClaimed(_ count: Int, threads: Int, _ body: (_ item: Int, _ thread: Int) -> Void) {
  if threads <= 1 || count <= 1 {
    for item in 0..<count { body(item, 0) }
    return
  }
  var next = 0
  withUnsafeMutablePointer(to: &next) { next in
    let counter = ClaimCounter(next: next)
    runParts(threads) { thread in
      while true {
        let item = small_gemm_claim(counter.next)
        if item >= count { break }
        body(item, thread)
      }
    }
  }
}

/// The shared counter of `forEachClaimed`. Unchecked: a raw pointer, changed only through
/// `small_gemm_claim`'s atomic add, to a variable that outlives `concurrentPerform`.
private struct ClaimCounter: @unchecked Sendable {
  let next: UnsafeMutablePointer<Int>
}

/// Calls `body(range)` for consecutive chunks of `0..<count` (up to 8 when `threads` is 2,
/// one chunk when it is 1), taken in turn by the threads (`forEachClaimed`): a thread that
/// starts late, or shares its core with another program, takes fewer chunks.
@inline(__always)
func forEachChunk(_ count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
  let chunks = threads > 1 ? Swift.max(1, Swift.min(count, 8)) : 1
  forEachClaimed(chunks, threads: threads) { chunk, _ in
    body(partRange(chunk, of: chunks, count: count))
  }
}

/// Calls `body(firstImage, imageCount)` for chunks of the images `first..<first + count`
/// (`forEachChunk`): all of them at once on one thread.
@inline(__always)
func forEachImagePart(
  first: Int, count: Int, threads: Int, _ body: (_ first: Int, _ count: Int) -> Void
) {
  forEachChunk(count, threads: threads) { range in
    body(first + range.lowerBound, range.count)
  }
}
