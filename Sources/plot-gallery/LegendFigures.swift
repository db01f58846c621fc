// The gallery's legend figure: where a legend goes when the plot area has no room for it,
// and bands that overlap without turning into one colour.

import Foundation
import Plot

/// Three panels: a `.best` legend that slides to the one free stretch (a vertical
/// reference line counts as data), overlapping bands outlined in their own colour, and an
/// eight-entry legend laid out in columns under the plot (`.below`).
func legendsFigure() -> Figure {
  let figure = Figure(
    width: 1800, height: 640, rows: 1, columns: 3, title: "Legends that leave the data alone")
  let histogram = figure[0, 0]
  histogram.title = "Best place: slides to the free stretch"
  histogram.xLabel = "log10(step size)"
  histogram.yLabel = "parameters"
  var rng = GalleryRandom(seed: 3)
  histogram.histogram(
    values: (0..<300).map { _ in -1.2 + 0.2 * rng.normal() }, bins: 30,
    label: "per-parameter rates", color: .okabeIto(1))
  histogram.verticalLine(x: -3, label: "one shared rate", color: .black, width: 3)
  histogram.xLimits = -3.3...(-0.4)

  let bands = figure[0, 1]
  bands.title = "Overlapping bands, outlined"
  bands.xLabel = "epoch"
  bands.yLabel = "loss"
  let epochs = (0...40).map(Double.init)
  for (k, (rate, spread)) in [(6.0, 0.05), (10.0, 0.09), (16.0, 0.14)].enumerated() {
    let mean = epochs.map { 0.2 + 0.8 * exp(-$0 / rate) }
    let color = Color.okabeIto(k)
    bands.band(
      x: epochs, lower: mean.map { $0 - spread }, upper: mean.map { $0 + spread },
      color: color, alpha: 0.12, edgeWidth: 1)
    bands.line(x: epochs, y: mean, label: "batch \(8 << (2 * k)) (mean ± sd)", color: color)
  }
  bands.legendPosition = .upperRight

  let crowded = figure[0, 2]
  crowded.title = "Eight entries below the plot, in columns"
  crowded.xLabel = "x"
  crowded.yLabel = "y"
  let xs = (0...100).map { Double($0) / 10 }
  for k in 0..<8 {
    crowded.line(
      x: xs, y: xs.map { sin($0 + Double(k) * 0.4) + 0.2 * Double(k) }, label: "series \(k + 1)")
  }
  crowded.legendPosition = .below
  return figure
}
