// Lays out the subplot grid and draws every axes.

struct FigureRenderer {
  let figure: Figure
  let canvas: Canvas

  func draw() {
    // Filled in below.
  }
}
