import ChapterKit

// Output helpers of the bench; tables and JSON come from ChapterKit (`formatTable`,
// `JSONValue`), like every chapter's report.

/// `x` with `digits` digits after the point (the standard library has no printf).
func fixed(_ x: Double, _ digits: Int) -> String {
  guard x.isFinite else { return "\(x)" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let scaled = (abs(x) * scale).rounded()
  var whole = String(Int(scaled / scale))
  var fraction = String(Int(scaled.truncatingRemainder(dividingBy: scale)))
  fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
  if x < 0 && scaled > 0 { whole = "-" + whole }
  return digits == 0 ? whole : whole + "." + fraction
}
