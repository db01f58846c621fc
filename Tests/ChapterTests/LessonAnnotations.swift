import Foundation

// How a lesson ties the numbers it quotes to the run that produced them.
//
// THE GRAMMAR (the one place it is written down; README's layout section points here)
//
//   annotated number := NUMBER SUFFIX* COMMENT
//   NUMBER   := SIGN? DIGITS ("." FRACTION)? (("e" | "E") SIGN? DIGITS)?
//   SIGN     := "-" | "−" (U+2212) | "+"
//   DIGITS   := digits, optionally grouped by thousands with commas: 60,000 or 60000
//   SUFFIX   := one of  %  ×  *  _  )  ]      (so **90.0%** and 30× may carry a comment)
//   COMMENT  := "<!--run: " PATH (" ×" SCALE)? (" ±" TOLERANCE "%")? "-->"
//             | "<!--published: " SOURCE "-->"        a published result, e.g. Silver et al. 2016
//             | "<!--constant-->"                     a setting, a formula constant, a fact
//   PATH     := KEY ("." KEY)*,  KEY := name ("[" INDEX "]")*,  INDEX := integer, −1 = last
//             (a path into the chapter's Figures/<executable>/summary.json; prefixed with
//             "<executable>:", e.g. models:classifier.test_loss, into another chapter's)
//   SCALE    := a number the summary value is multiplied by before comparing (×100 for %)
//
// The comment follows the number directly (only SUFFIX characters between them). The
// number must equal the summary value (times SCALE) rounded to the decimals written:
// "90.0" checks |90.0 − 100·v| ≤ 0.05, "235,146" checks |235146 − v| ≤ 0.5, "1.2e-6"
// checks to ±0.05e-6. TOLERANCE loosens that for timings, which change with every run:
// "41<!--run: classifier.training_seconds ±25%--> s" passes while the value is within 25%.
//
// THE LINT: outside code (fenced blocks and `inline code`), headings, image alt text, link targets,
// URLs and comments, every number with a decimal point or a % sign must carry one of the
// three comments. Allowed without one: the source's section numbers (2.1–2.3, 3.1–3.8),
// sections of books written §12.4, and version-like numbers with two or more dots (1.8.2).
// Integers are not linted (counts, years, sizes are mostly settings), but an integer
// quoted from a run should be annotated all the same.

/// What the comment after a number says about where the number comes from.
enum NumberSource: Equatable {
  /// From the run: a key path into summary.json, a scale, an optional relative tolerance.
  case run(path: String, scale: Double, relativeTolerance: Double?)
  /// A published result (the comment names the source).
  case published(String)
  /// A setting, a constant of a formula, or a fact that no run measures.
  case constant
}

/// One annotated number in a lesson.
struct AnnotatedNumber: Equatable {
  /// 1-based line number in the lesson.
  let line: Int
  /// The number as written, e.g. `90.0`.
  let written: String
  /// Its value, e.g. 90.0.
  let value: Double
  /// Half of the last written digit's place value: the rounding the lesson shows.
  let halfUnit: Double
  let source: NumberSource
}

/// A malformed annotation or an unannotated number, with its place in the lesson.
struct LessonProblem: Equatable, CustomStringConvertible {
  let line: Int
  let message: String
  var description: String { "\(line): \(message)" }
}

/// A number written in the lesson's notation: sign, thousands separators, decimals, exponent.
struct WrittenNumber: Equatable {
  let text: String
  let value: Double
  let halfUnit: Double

  /// Parses `text` (no suffix characters), or nil if it is not a number in the grammar.
  init?(_ text: String) {
    guard let match = firstMatch(writtenNumberPattern, in: text), match.range == text.fullRange
    else { return nil }
    let sign = text.group(1, of: match) ?? ""
    let digits = (text.group(2, of: match) ?? "").replacingOccurrences(of: ",", with: "")
    let fraction = text.group(3, of: match) ?? ""
    let exponentText = (text.group(4, of: match) ?? "0").replacingOccurrences(of: "−", with: "-")
    guard let mantissa = Double(digits + (fraction.isEmpty ? "" : "." + fraction)),
      let exponent = Int(exponentText)
    else { return nil }
    let negative = sign == "-" || sign == "−"
    self.text = text
    self.value = (negative ? -1 : 1) * mantissa * pow(10, Double(exponent))
    self.halfUnit = 0.5 * pow(10, Double(exponent - fraction.count))
  }

  /// Whether `actual` rounds to this number (or lies within `relativeTolerance` of it).
  func agrees(with actual: Double, relativeTolerance: Double? = nil) -> Bool {
    guard actual.isFinite else { return false }
    let slack = halfUnit * (1 + 1e-9) + 1e-12 * abs(actual)
    let allowed = slack + (relativeTolerance.map { $0 * abs(actual) } ?? 0)
    return abs(value - actual) <= allowed
  }

  /// `actual` written with the same number of decimals, to say what the lesson should read.
  func rendering(of actual: Double) -> String {
    let decimals = max(0, Int((-log10(halfUnit * 2)).rounded()))
    return String(format: "%.\(decimals)f", actual)
  }
}

private let numberCore =
  "([-−+]?)(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(?:[eE]([-+−]?\\d+))?"
private let writtenNumberPattern = regex("^" + numberCore + "$")
/// A number at the very end of the text before a comment, followed only by suffix characters.
private let trailingNumberPattern = regex("(?<![\\w.,])(" + numberCore + ")[%×*_)\\]]*$")
/// Every number-like token on a line, for the lint (versions with several dots included).
private let anyNumberPattern = regex(
  "(?<![\\w.,])[-−+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)*(?:[eE][-+−]?\\d+)?(%?)")
private let commentPattern = regex("<!--(.*?)-->")
private let runPattern = regex(
  "^run:\\s*(\\S+)(?:\\s+[×x](\\S+))?(?:\\s+±(\\d+(?:\\.\\d+)?)%)?\\s*$")
/// Inline code, images' alt text, link targets, URLs and comments: never numbers the
/// lesson quotes.
private let maskedPatterns = [
  regex("`[^`]*`"), regex("!\\[[^\\]]*\\]"), regex("\\]\\([^)]*\\)"), regex("https?://\\S+"),
  regex("<!--.*?-->"),
]
private let annotationStart = regex("^[%×*_)\\]]*<!--\\s*(run:|published:|constant)")
/// The source's section numbers: they look like decimals but name chapters.
private let sectionNumbers: Set<String> = [
  "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8",
]

/// Reads every annotation in a lesson's text.
///
/// - Returns: the annotated numbers, and the problems (a comment that follows no number,
///   a `run:` comment that does not parse).
func annotatedNumbers(in lesson: String) -> (numbers: [AnnotatedNumber], problems: [LessonProblem])
{
  var numbers: [AnnotatedNumber] = []
  var problems: [LessonProblem] = []
  for (index, line) in lesson.components(separatedBy: "\n").enumerated() {
    let lineNumber = index + 1
    for comment in allMatches(commentPattern, in: line) {
      let body = (line.group(1, of: comment) ?? "").trimmingCharacters(in: .whitespaces)
      let source: NumberSource
      if body.hasPrefix("run:") {
        guard let run = firstMatch(runPattern, in: body) else {
          problems.append(
            .init(line: lineNumber, message: "cannot read the comment <!--\(body)-->"))
          continue
        }
        var scale = 1.0
        if let scaleText = body.group(2, of: run) {
          guard let parsed = WrittenNumber(scaleText) else {
            problems.append(.init(line: lineNumber, message: "bad scale in <!--\(body)-->"))
            continue
          }
          scale = parsed.value
        }
        let tolerance = body.group(3, of: run).flatMap(Double.init).map { $0 / 100 }
        source = .run(
          path: body.group(1, of: run) ?? "", scale: scale, relativeTolerance: tolerance)
      } else if body.hasPrefix("published:") {
        source = .published(
          String(body.dropFirst("published:".count)).trimmingCharacters(in: .whitespaces))
      } else if body == "constant" {
        source = .constant
      } else {
        continue  // an ordinary comment
      }
      let before = (line as NSString).substring(to: comment.range.location)
      guard let number = firstMatch(trailingNumberPattern, in: before),
        let written = before.group(1, of: number).flatMap(WrittenNumber.init)
      else {
        problems.append(
          .init(line: lineNumber, message: "<!--\(body)--> does not follow a number"))
        continue
      }
      numbers.append(
        AnnotatedNumber(
          line: lineNumber, written: written.text, value: written.value,
          halfUnit: written.halfUnit, source: source))
    }
  }
  return (numbers, problems)
}

/// The lint: numbers with a decimal point or a % sign that carry no annotation.
func unannotatedNumbers(in lesson: String) -> [LessonProblem] {
  var problems: [LessonProblem] = []
  var inFence = false
  var inCodeSpan = false  // an `inline code span` that runs on from the line before
  for (index, rawLine) in lesson.components(separatedBy: "\n").enumerated() {
    let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
      inFence.toggle()
      continue
    }
    if inFence || trimmed.hasPrefix("#") { continue }
    // Close and reopen code spans at line ends so that each line masks its own part.
    var line = (inCodeSpan ? "`" : "") + rawLine
    if line.filter({ $0 == "`" }).count % 2 == 1 {
      line += "`"
      inCodeSpan = true
    } else {
      inCodeSpan = false
    }
    let masked = maskedPatterns.flatMap { allMatches($0, in: line).map(\.range) }
    let text = line as NSString
    for match in allMatches(anyNumberPattern, in: line) {
      if masked.contains(where: { NSIntersectionRange($0, match.range).length > 0 }) { continue }
      let token = text.substring(with: match.range)
      let dots = token.filter { $0 == "." }.count
      let percent = token.hasSuffix("%")
      guard (dots == 1 || percent) && dots < 2 else { continue }
      if sectionNumbers.contains(token) { continue }
      if match.range.location > 0,
        text.substring(with: NSRange(location: match.range.location - 1, length: 1)) == "§"
      {
        continue  // a section of a book: §12.4
      }
      let rest = text.substring(from: match.range.location + match.range.length)
      if firstMatch(annotationStart, in: rest) != nil { continue }
      problems.append(
        .init(
          line: index + 1,
          message: "\(token) has no <!--run: …-->, <!--published: …--> or <!--constant-->"))
    }
  }
  return problems
}

/// The value at `path` in a decoded summary.json (`a.b[2].c`, index −1 is the last element).
func value(at path: String, in summary: Any) -> Result<Double, LessonLookupError> {
  var current: Any = summary
  var walked = ""
  for segment in path.split(separator: ".", omittingEmptySubsequences: false) {
    var keyPart = Substring(segment)
    var indexes: [Int] = []
    while keyPart.hasSuffix("]"), let open = keyPart.lastIndex(of: "[") {
      guard
        let index = Int(
          keyPart[keyPart.index(after: open)..<keyPart.index(before: keyPart.endIndex)])
      else { return .failure(.badPath(path)) }
      indexes.insert(index, at: 0)
      keyPart = keyPart[..<open]
    }
    if !keyPart.isEmpty {
      guard let object = current as? [String: Any], let next = object[String(keyPart)] else {
        return .failure(.missing(path: path, after: walked))
      }
      current = next
      walked += (walked.isEmpty ? "" : ".") + keyPart
    }
    for index in indexes {
      guard let array = current as? [Any] else {
        return .failure(.missing(path: path, after: walked))
      }
      let position = index < 0 ? array.count + index : index
      guard array.indices.contains(position) else {
        return .failure(.missing(path: path, after: walked + "[\(index)] of \(array.count)"))
      }
      current = array[position]
      walked += "[\(index)]"
    }
  }
  // JSONSerialization gives `true` as a Bool but 1 as an NSNumber (which also casts to Bool).
  if type(of: current) == Bool.self {
    return .failure(.notANumber(path: path, found: "\(current)"))
  }
  guard let number = current as? NSNumber else {
    return .failure(.notANumber(path: path, found: "\(current)"))
  }
  return .success(number.doubleValue)
}

/// Why a key path did not lead to a number.
enum LessonLookupError: Error, Equatable, CustomStringConvertible {
  case badPath(String)
  case missing(path: String, after: String)
  case notANumber(path: String, found: String)

  var description: String {
    switch self {
    case .badPath(let path): "cannot read the key path \(path)"
    case .missing(let path, let after):
      "\(path) is not in summary.json (found up to \(after.isEmpty ? "the top" : after))"
    case .notANumber(let path, let found): "\(path) is not a number in summary.json: \(found)"
    }
  }
}

// MARK: - Small regular-expression helpers

private func regex(_ pattern: String) -> NSRegularExpression {
  do { return try NSRegularExpression(pattern: pattern) } catch {
    preconditionFailure("bad pattern \(pattern): \(error)")
  }
}

private func firstMatch(_ regex: NSRegularExpression, in text: String) -> NSTextCheckingResult? {
  regex.firstMatch(in: text, range: text.fullRange)
}

private func allMatches(_ regex: NSRegularExpression, in text: String) -> [NSTextCheckingResult] {
  regex.matches(in: text, range: text.fullRange)
}

extension String {
  fileprivate var fullRange: NSRange { NSRange(location: 0, length: (self as NSString).length) }

  fileprivate func group(_ index: Int, of match: NSTextCheckingResult) -> String? {
    let range = match.range(at: index)
    guard range.location != NSNotFound else { return nil }
    let text = (self as NSString).substring(with: range)
    return text.isEmpty ? nil : text
  }
}
