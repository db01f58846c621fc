// plot-gallery: renders one figure of every kind, the visual check of the Plot module.
//
//     swift run plot-gallery [output-folder]      (default Figures/plot-gallery/)

import ArgumentParser
import Foundation
import Plot

@main
struct PlotGallery: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot-gallery",
    abstract: "Render one figure of every kind the Plot module draws.")

  @Argument(help: "Folder for the PNG files.")
  var output: String = "Figures/plot-gallery/"

  func run() throws {
    let gallery: [(String, () -> Figure)] = [
      ("lines", linesFigure), ("log-scales", logScalesFigure),
      ("contour-paths", contourFigure), ("scatter", scatterFigure),
      ("heatmaps", heatmapFigure), ("image-grid", imageGridFigure),
      ("histograms-bars", histogramFigure), ("shared-subplots", sharedFigure),
      ("robustness", robustnessFigure), ("unicode", unicodeFigure),
      ("legends", legendsFigure),
    ]
    for (name, make) in gallery {
      let path = URL(fileURLWithPath: output).appendingPathComponent("\(name).png").path
      try make().write(to: path)
      print("wrote \(path)")
    }
  }
}
