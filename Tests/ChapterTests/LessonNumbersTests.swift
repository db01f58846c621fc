import Foundation
import XCTest

// Every number a lesson quotes from a run is checked against the committed
// Figures/<executable>/summary.json, with the rounding the lesson shows, so a chapter change
// that moves a number turns the tests red until the lesson says the new number.
// The notation is defined once, at the top of LessonAnnotations.swift:
//
//   test accuracy 90.0%<!--run: classifier.test_accuracy ×100-->
//   235,146<!--run: classifier.parameters--> parameters
//   about 42<!--run: classifier.training_seconds ±25%--> s of training
//   4–1<!--published: Silver et al. 2016-->,  σ = 0.2<!--constant-->

/// The repository's root folder: three levels above this file.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// A lesson and the executable whose summary.json its numbers come from.
private struct Lesson {
  let folder: String
  let executable: String
  var path: String { "Chapters/\(folder)/LESSON.md" }
  var summaryPath: String { "Figures/\(executable)/summary.json" }
}

/// The lessons, paired with their executables by the lines of ChapterCatalog.swift.
private func lessons() throws -> [Lesson] {
  let catalog = try String(
    contentsOf: repositoryRoot.appendingPathComponent("Sources/ChapterKit/ChapterCatalog.swift"),
    encoding: .utf8)
  var executables: [String: String] = [:]
  for entry in catalog.components(separatedBy: "ChapterInfo(").dropFirst() {
    guard let executable = quoted(after: "executable:", in: entry),
      let folder = quoted(after: "folder:", in: entry)
    else { continue }
    executables[folder] = executable
  }
  let chapters = try FileManager.default.contentsOfDirectory(
    atPath: repositoryRoot.appendingPathComponent("Chapters").path)
  return chapters.sorted().compactMap { folder in
    let path = repositoryRoot.appendingPathComponent("Chapters/\(folder)/LESSON.md").path
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    // A lesson whose folder is not in the catalog is reported by the test below.
    return Lesson(folder: folder, executable: executables[folder] ?? "")
  }
}

/// The string literal after `label` in a catalog entry: `executable: "models"` → `models`.
private func quoted(after label: String, in text: String) -> String? {
  guard let start = text.range(of: label) else { return nil }
  let rest = text[start.upperBound...].drop { $0 == " " || $0 == "\n" }
  guard rest.first == "\"" else { return nil }
  return String(rest.dropFirst().prefix { $0 != "\"" })
}

private func text(of relativePath: String) throws -> String {
  try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
}

final class LessonNumbersTests: XCTestCase {
  func testEveryLessonIsInTheCatalogAndHasACommittedSummary() throws {
    let all = try lessons()
    XCTAssertFalse(all.isEmpty, "no Chapters/*/LESSON.md under \(repositoryRoot.path)")
    for lesson in all {
      XCTAssertFalse(
        lesson.executable.isEmpty,
        "\(lesson.path): its folder \(lesson.folder) is not in Sources/ChapterKit/ChapterCatalog.swift"
      )
      if lesson.executable.isEmpty { continue }
      XCTAssertTrue(
        FileManager.default.fileExists(
          atPath: repositoryRoot.appendingPathComponent(lesson.summaryPath).path),
        "\(lesson.path): no \(lesson.summaryPath); run `.build/release/\(lesson.executable)`")
    }
  }

  /// The heart of it: every `<!--run: …-->` number equals the summary's value, rounded as written.
  func testEveryRunNumberAgreesWithTheCommittedSummary() throws {
    for lesson in try lessons() where !lesson.executable.isEmpty {
      let summaryURL = repositoryRoot.appendingPathComponent(lesson.summaryPath)
      guard let data = try? Data(contentsOf: summaryURL) else { continue }  // reported above
      let summary = try JSONSerialization.jsonObject(with: data)
      let (numbers, problems) = annotatedNumbers(in: try text(of: lesson.path))
      for problem in problems { XCTFail("\(lesson.path):\(problem)") }
      for number in numbers {
        guard case .run(let fullPath, let scale, let tolerance) = number.source else { continue }
        let place = "\(lesson.path):\(number.line): \(fullPath)"
        // `models:classifier.test_loss` reads another chapter's summary.
        var (path, summaryPath, source) = (fullPath, lesson.summaryPath, summary)
        if let colon = fullPath.firstIndex(of: ":") {
          path = String(fullPath[fullPath.index(after: colon)...])
          summaryPath = "Figures/\(fullPath[..<colon])/summary.json"
          guard
            let other = try? Data(contentsOf: repositoryRoot.appendingPathComponent(summaryPath))
          else {
            XCTFail("\(place): no \(summaryPath)")
            continue
          }
          source = try JSONSerialization.jsonObject(with: other)
        }
        switch value(at: path, in: source) {
        case .failure(let error):
          XCTFail("\(place): \(error) (\(summaryPath))")
        case .success(let raw):
          let actual = raw * scale
          let written = WrittenNumber(number.written)
          if let written, !written.agrees(with: actual, relativeTolerance: tolerance) {
            let scaled = scale == 1 ? "" : " ×\(scale.formatted())"
            XCTFail(
              "\(place)\(scaled): the lesson says \(number.written), \(summaryPath) has "
                + "\(raw) → \(written.rendering(of: actual))")
          }
        }
      }
    }
  }

  /// The lint: no decimal or percentage in a lesson's prose goes without a source.
  func testEveryDecimalAndPercentageInALessonSaysWhereItComesFrom() throws {
    for lesson in try lessons() {
      let problems = unannotatedNumbers(in: try text(of: lesson.path))
      XCTAssertTrue(
        problems.isEmpty,
        "\(lesson.path): \(problems.count) numbers without a source:\n"
          + problems.map { "  \(lesson.path):\($0)" }.joined(separator: "\n"))
    }
  }

  func testEveryLessonHasTheErrataSectionAndEmbedsEveryFigure() throws {
    for lesson in try lessons() where !lesson.executable.isEmpty {
      let lessonText = try text(of: lesson.path)
      XCTAssertTrue(
        lessonText.components(separatedBy: "\n").contains("## What the source gets wrong"),
        "\(lesson.path): no heading exactly `## What the source gets wrong`")
      guard
        let data = try? Data(contentsOf: repositoryRoot.appendingPathComponent(lesson.summaryPath)),
        let summary = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let figures = summary["figures"] as? [[String: Any]]
      else { continue }
      for file in figures.compactMap({ $0["file"] as? String }) {
        XCTAssertTrue(
          lessonText.contains("Figures/\(lesson.executable)/\(file)"),
          "\(lesson.path) does not embed \(lesson.executable)/\(file)")
      }
    }
  }
}

/// The grammar itself, on hand-written lines whose right answers are worked out by hand.
final class LessonAnnotationGrammarTests: XCTestCase {
  func testReadsNumbersSignsSeparatorsSuffixesAndScales() {
    let line =
      "reaches **90.0%**<!--run: a.acc ×100--> with 235,146<!--run: a.parameters--> weights, "
      + "−0.125<!--run: b[1]--> and 1.2e-6<!--run: c.gap--> in 41<!--run: t ±25%--> s."
    let (numbers, problems) = annotatedNumbers(in: line)
    XCTAssertEqual(problems, [])
    XCTAssertEqual(numbers.map(\.written), ["90.0", "235,146", "−0.125", "1.2e-6", "41"])
    XCTAssertEqual(numbers.map(\.value), [90.0, 235_146, -0.125, 1.2e-6, 41])
    guard numbers.count == 5 else { return }
    XCTAssertEqual(numbers[0].halfUnit, 0.05, accuracy: 1e-15)
    XCTAssertEqual(numbers[1].halfUnit, 0.5)
    XCTAssertEqual(numbers[3].halfUnit, 0.05e-6, accuracy: 1e-20)
    XCTAssertEqual(numbers[0].source, .run(path: "a.acc", scale: 100, relativeTolerance: nil))
    XCTAssertEqual(numbers[4].source, .run(path: "t", scale: 1, relativeTolerance: 0.25))
  }

  func testPublishedAndConstantAndOrdinaryComments() {
    let (numbers, problems) = annotatedNumbers(
      in: "won 4–1<!--published: Silver et al. 2016--> at σ = 0.2<!--constant--> <!-- note -->")
    XCTAssertEqual(problems, [])
    XCTAssertEqual(numbers.map(\.written), ["1", "0.2"])
    guard numbers.count == 2 else { return }
    XCTAssertEqual(numbers[0].source, .published("Silver et al. 2016"))
    XCTAssertEqual(numbers[1].source, .constant)
  }

  func testACommentAfterNoNumberOrWithABadScaleIsAProblem() {
    let (_, problems) = annotatedNumbers(
      in: "text<!--run: a-->\n\n0.5<!--run: a ×hundred-->\n7 <!--constant-->")
    XCTAssertEqual(problems.map(\.line), [1, 3, 4])
  }

  func testRoundingIsTheDecimalsWritten() throws {
    let ninety = try XCTUnwrap(WrittenNumber("90.0"))
    XCTAssertTrue(ninety.agrees(with: 90.03))
    XCTAssertTrue(ninety.agrees(with: 89.96))
    XCTAssertFalse(ninety.agrees(with: 90.06))
    XCTAssertEqual(ninety.rendering(of: 90.06), "90.1")
    let seconds = try XCTUnwrap(WrittenNumber("35"))
    XCTAssertFalse(seconds.agrees(with: 41.58))
    XCTAssertTrue(seconds.agrees(with: 41.58, relativeTolerance: 0.25))
    let means = try XCTUnwrap(WrittenNumber("0.110"))
    XCTAssertFalse(
      means.agrees(with: 0.1095 - 1e-6), "0.1095 rounds to 0.109 or 0.110, 0.10949 to 0.109")
    XCTAssertTrue(try XCTUnwrap(WrittenNumber("0.1095")).agrees(with: 0.10949))
  }

  func testKeyPathsWithIndexesAndMissingKeys() {
    let summary: [String: Any] = [
      "a": ["b": [1.5, 2.5, 3.5], "c": ["d": 7]], "flag": true, "name": "x",
    ]
    XCTAssertEqual(try value(at: "a.b[1]", in: summary).get(), 2.5)
    XCTAssertEqual(try value(at: "a.b[-1]", in: summary).get(), 3.5)
    XCTAssertEqual(try value(at: "a.c.d", in: summary).get(), 7)
    XCTAssertEqual(value(at: "a.x", in: summary), .failure(.missing(path: "a.x", after: "a")))
    XCTAssertEqual(
      value(at: "a.b[3]", in: summary), .failure(.missing(path: "a.b[3]", after: "a.b[3] of 3")))
    XCTAssertEqual(
      value(at: "flag", in: summary), .failure(.notANumber(path: "flag", found: "true")))
  }

  func testTheLintFindsUnannotatedDecimalsAndPercentagesOnly() {
    let lesson = """
      # 3.1 Models, heading numbers 0.5 are fine
      In chapter 3.3 the accuracy is 90.0% and the loss 0.30<!--run: loss-->; version 1.8.2.
      `code 0.5` and [a link](../x/1.5.png) and https://e.org/2.5 are not prose. 60,000 images.
      ```
      z = 0.5 * x
      ```
      Step 0.01<!--constant--> and 12%.
      """
    let problems = unannotatedNumbers(in: lesson)
    XCTAssertEqual(problems.map(\.line), [2, 7])
    guard problems.count == 2 else { return }
    XCTAssertTrue(problems[0].message.hasPrefix("90.0%"), problems[0].message)
    XCTAssertTrue(problems[1].message.hasPrefix("12%"), problems[1].message)
  }
}
