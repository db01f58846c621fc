import ArgumentParser
import ChapterKit
import Foundation

/// `course`: runs every built chapter, two at a time, each in its own process, then writes
/// the gallery of all figures.
struct Course: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "course",
    abstract: "Run every chapter of Deep Learning Lab and build the figure gallery.",
    discussion: """
      Each chapter runs as its own process (two at a time, the longest first; a chapter
      that reads another's summary, as 3.7 reads 3.6's, starts after it), so one failure
      does not lose the others. Figures go to <output>/<chapter>/; the gallery is <output>/README.md and
      <output>/index.html. Exits non-zero if any chapter failed.

      Examples:
        course                          every chapter, full size (what `make course` runs)
        course --quick                  small sizes, in seconds
        course --only losses,optimizers just these chapters
      """)

  @Flag(help: "Small sizes (passed on to every chapter).")
  var quick = false

  @Option(help: "Comma-separated chapters to run, e.g. losses,optimizers.")
  var only: String?

  @Option(help: "Seed passed on to every chapter.")
  var seed: UInt64 = 42

  @Option(help: "Folder for figures and the gallery.")
  var output = "Figures"

  @Option(help: "How many chapters run at the same time, 1…16.")
  var jobs = 2

  @Option(
    name: .customLong("time-limit"),
    help: "Seconds a chapter may run before it is stopped and counted as failed, 1…86400.")
  var timeLimit: Int = 1200

  func validate() throws {
    guard (1...16).contains(jobs) else {
      throw ValidationError("--jobs must lie in 1…16, got \(jobs)")
    }
    guard (1...86_400).contains(timeLimit) else {
      throw ValidationError("--time-limit must lie in 1…86400 seconds, got \(timeLimit)")
    }
    guard !output.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ValidationError("--output: the folder name is empty")
    }
    if let only {
      let known = Set(chapterCatalog.map(\.executable))
      let names = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      if names.allSatisfy(\.isEmpty) {
        throw ValidationError(
          "--only: no chapter named; chapters: "
            + chapterCatalog.map(\.executable).joined(separator: ", "))
      }
      for name in names where !known.contains(name) {
        throw ValidationError(
          "unknown chapter '\(name)'; chapters: \(chapterCatalog.map(\.executable).joined(separator: ", "))"
        )
      }
    }
  }

  func run() throws {
    let binDirectory =
      Bundle.main.executableURL?.deletingLastPathComponent()
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var wanted = chapterCatalog
    if let only {
      let names = Set(only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
      wanted = wanted.filter { names.contains($0.executable) }
    }
    let built = wanted.filter {
      FileManager.default.isExecutableFile(
        atPath: binDirectory.appendingPathComponent($0.executable).path)
    }
    let missing = wanted.filter { chapter in !built.contains { $0.executable == chapter.executable }
    }
    if built.isEmpty {
      print("No chapters are built in \(binDirectory.path).")
      print("Build them with: swift build -c release   (or run: make course)")
      throw ExitCode.failure
    }
    for chapter in missing {
      print("note: \(chapter.executable) is not built in \(binDirectory.path); skipped")
    }

    let outputURL = URL(fileURLWithPath: output)
    try createFolder(outputURL)
    let logDirectory = FileManager.default.temporaryDirectory
      .appendingPathComponent("course-logs-\(ProcessInfo.processInfo.processIdentifier)")
    try createFolder(logDirectory)
    runningChildren.cleanup = { try? FileManager.default.removeItem(at: logDirectory) }
    runningChildren.forwardSignals()

    // With several chapters at a time, each chapter's OpenBLAS gets one thread: two chapters
    // with two BLAS threads each on two cores spun in the kernel for 8.8 of 34.6 CPU-minutes
    // (full course 17.5 min; with one thread each 12.2 min, 2026-12-01). Numbers may differ
    // from a standalone run in the last digits (another summation order); figures do not.
    if jobs > 1 && getenv("OPENBLAS_NUM_THREADS") == nil {
      setenv("OPENBLAS_NUM_THREADS", "1", 1)
    }
    print("Running \(built.count) chapter(s), \(jobs) at a time\(quick ? ", quick mode" : "")…")
    var arguments = ["--seed", String(seed), "--output", output]
    if quick { arguments.append("--quick") }
    let results = runChapters(
      built, binDirectory: binDirectory, arguments: arguments, output: outputURL,
      logDirectory: logDirectory, jobs: jobs, timeLimit: Double(timeLimit))

    print()
    let rows = results.map { result -> [String] in
      [
        result.chapter.number, result.chapter.executable, result.ok ? "ok" : "FAILED",
        String(format: "%.1f", result.seconds),
        String(countFigures(in: outputURL.appendingPathComponent(result.chapter.executable))),
      ]
    }
    print(formatTable(header: ["§", "chapter", "status", "seconds", "figures"], rows: rows))
    for result in results where !result.ok {
      print(
        "\n\(result.chapter.executable) failed (exit \(result.status)"
          + "\(result.timedOut ? ", time limit" : "")); last lines of its log:")
      print(result.logTail)
      print("full log: \(result.logPath)")
    }
    // The logs are kept only when a failure needs reading.
    if results.allSatisfy(\.ok) { try? FileManager.default.removeItem(at: logDirectory) }

    let gallery: (markdown: String, html: String)
    do {
      gallery = try writeGallery(into: outputURL)
    } catch {
      throw ChapterError.cannotWrite(
        path: outputURL.appendingPathComponent("README.md").path, reason: fileErrorReason(error))
    }
    print("\ngallery: \(gallery.markdown) and \(gallery.html)")
    if !missing.isEmpty && only != nil {
      print(
        "\nrequested but not built: \(missing.map(\.executable).joined(separator: ", ")) "
          + "(build with: swift build -c release)")
    }
    if results.contains(where: { !$0.ok }) || (only != nil && !missing.isEmpty) {
      throw ExitCode.failure
    }
  }
}

/// The number of PNG files in a folder (0 when it does not exist).
func countFigures(in directory: URL) -> Int {
  let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
  return files.filter { $0.hasSuffix(".png") }.count
}

Course.main()
