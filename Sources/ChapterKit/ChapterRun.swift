import Foundation
import NumericsCore
import Plot

/// One run of a chapter: where its figures go, what it prints, what it records.
///
/// ```swift
/// let run = try ChapterRun(chapter: "losses", title: "3.2 Loss functions (损失函数)", options: chapter)
/// var rng = run.makeGenerator()
/// run.section("1. Regression losses")
/// run.table(header: ["residual", "MSE"], rows: rows)
/// try run.save(figure, name: "regression-losses", caption: "MSE grows quadratically …")
/// run.summary["huber_slope"] = .number(slope)
/// try run.finish()
/// ```
/// The report goes to stdout unless `--json` is given, in which case stdout carries only the
/// summary JSON (so `losses --json | jq` works). Figures go to `<output>/<chapter>/`, and
/// `finish()` writes `<output>/<chapter>/summary.json`:
///
/// ```
/// { "chapter": "losses", "title": "…", "seed": 42, "quick": false,
///   "figures": [{"file": "regression-losses.png", "caption": "…"}, …],
///   …the chapter's own keys… }
/// ```
public final class ChapterRun {
  /// The chapter's command name, e.g. `losses`; also its folder under the output folder.
  public let chapter: String
  /// The human title, e.g. `3.2 Loss functions (损失函数)`.
  public let title: String
  /// The shared options this run was started with.
  public let options: ChapterOptions
  /// The folder that receives this chapter's figures and summary.
  public let directory: URL
  /// The chapter's own results; written into summary.json by `finish()`. Keys named
  /// `chapter`, `title`, `seed`, `quick` and `figures` are reserved.
  public var summary: [String: JSONValue] = [:]
  /// The figures saved so far, with their captions, in order.
  public private(set) var figures: [(file: String, caption: String)] = []

  /// Starts a run and creates `<output>/<chapter>/`.
  /// - Parameters:
  ///   - exploring: an exploration (explore mode, a calculator, a subset of experiments):
  ///     without `--output` it writes under `ChapterOptions.explorationDirectory`, never into
  ///     the course's `Figures/`.
  /// - Throws: `ChapterError.cannotWrite` when the folder cannot be created.
  public init(
    chapter: String, title: String, options: ChapterOptions, exploring: Bool = false
  ) throws {
    self.chapter = chapter
    self.title = title
    self.options = options
    directory = URL(fileURLWithPath: options.output(exploring: exploring))
      .appendingPathComponent(chapter)
    try createFolder(directory)
    if !options.json {
      print(title)
      print(String(repeating: "=", count: title.count))
      print(
        "seed \(options.seed)\(options.quick ? ", quick mode" : ""); figures → \(directory.path)")
    }
  }

  /// A fresh generator seeded from `--seed`. Each call returns the same stream, so an
  /// experiment that takes its own generator is reproducible on its own.
  public func makeGenerator() -> Xoshiro256StarStar {
    Xoshiro256StarStar(seed: options.seed)
  }

  /// A generator for one named experiment: seeded from `--seed` and the name, so
  /// experiments do not share (and disturb) one stream.
  public func makeGenerator(for experiment: String) -> Xoshiro256StarStar {
    // FNV-1a of the name, mixed into the seed: stable across runs and platforms.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in experiment.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return Xoshiro256StarStar(seed: options.seed ^ hash)
  }

  /// Prints a section heading (not in `--json` mode).
  public func section(_ heading: String) {
    guard !options.json else { return }
    print("\n\(heading)\n" + String(repeating: "-", count: heading.count))
  }

  /// Prints a line of text (not in `--json` mode).
  public func say(_ text: String) {
    guard !options.json else { return }
    print(text)
  }

  /// Prints an aligned table (not in `--json` mode).
  public func table(header: [String], rows: [[String]]) {
    guard !options.json else { return }
    print(formatTable(header: header, rows: rows))
  }

  /// Writes `figure` to `<output>/<chapter>/<name>.png` and records its caption for the
  /// gallery.
  /// - Throws: `ChapterError.cannotWrite` naming the path.
  public func save(_ figure: Figure, name: String, caption: String) throws {
    let file = name + ".png"
    let path = directory.appendingPathComponent(file).path
    do {
      try figure.write(to: path)
    } catch {
      throw ChapterError.cannotWrite(path: path, reason: "\(error)")
    }
    figures.removeAll { $0.file == file }
    figures.append((file, caption))
    say("figure: \(path)")
  }

  /// A progress bar on stderr for `total` steps; silent when stderr is not a terminal or
  /// in `--json` mode.
  public func progress(total: Int, label: String) -> ProgressBar {
    ProgressBar(total: total, label: label, enabled: !options.json && isatty(2) == 1)
  }

  /// The whole summary, with the reserved keys filled in.
  public var summaryDocument: JSONValue {
    var document = summary
    document["chapter"] = .string(chapter)
    document["title"] = .string(title)
    document["seed"] = .number(Double(options.seed))
    document["quick"] = .bool(options.quick)
    document["figures"] = .array(
      figures.map { .object(["file": .string($0.file), "caption": .string($0.caption)]) })
    return .object(document)
  }

  /// Writes `summary.json` (atomically) and, with `--json`, prints it on stdout.
  /// - Throws: `ChapterError.cannotWrite` naming the path.
  public func finish() throws {
    let text = summaryDocument.serialized() + "\n"
    let url = directory.appendingPathComponent("summary.json")
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw ChapterError.cannotWrite(path: url.path, reason: fileErrorReason(error))
    }
    if options.json {
      print(text, terminator: "")
    } else {
      print("\nsummary: \(url.path)")
    }
  }
}
