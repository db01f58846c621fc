// libFuzzer target for the data reader: arbitrary bytes into `decodeIDX`, the function that
// reads every IDX file (gzip or plain) the course opens.
//
// Built by `make fuzz` (scripts/fuzz.sh) with `swiftc -sanitize=fuzzer,address` together with
// the reader's sources (IDX.swift, Gzip.swift, DatasetError.swift), never by `swift build`.
// The first input byte chooses the mode, the rest is the file:
//
//   bit 0     0 → labels (1 dimension), 1 → images (3 dimensions)
//   bit 1     0 → read everything, 1 → keep only the first `byte >> 2` items (quick mode)
//
// A `DatasetError` is the expected outcome for damaged input; anything else (a trap, an
// allocation failure, an address-sanitizer report, a result that breaks the invariants
// below) is a crash that libFuzzer saves as `crash-…`, to become a regression test in
// `Tests/DatasetsTests/IDXFuzzRegressionTests.swift`.

/// The largest file the fuzzer lets the reader accept: small enough that no input can make
/// the reader legitimately allocate more than libFuzzer's memory limit.
let fuzzMaximumBytes = 1 << 24

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  let mode = data[0]
  let file = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let dimensionCount = mode & 1 == 0 ? 1 : 3
  let limit: Int? = mode & 2 == 0 ? nil : Int(mode >> 2)
  do {
    let array = try decodeIDX(
      file, dimensionCount: dimensionCount, path: "fuzz", itemLimit: limit,
      maximumBytes: fuzzMaximumBytes)
    // What a successful read promises.
    precondition(array.dimensions.count == dimensionCount, "dimension count")
    precondition(array.bytes.count == array.dimensions.reduce(1, *), "element count")
    precondition(array.dimensions[0] <= array.fileItemCount, "kept more than the file holds")
    precondition(array.dimensions[0] == min(limit ?? .max, array.fileItemCount), "limit")
    precondition(array.bytes.count <= fuzzMaximumBytes, "over the size bound")
  } catch let error as DatasetError {
    // Every message names the file.
    precondition(error.description.contains("fuzz"), "message without the path: \(error)")
  } catch {
    preconditionFailure("not a DatasetError: \(error)")
  }
  return 0
}
