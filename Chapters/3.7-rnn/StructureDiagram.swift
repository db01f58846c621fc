import ChapterKit
import Plot

// Experiment 6: the structure diagram the source promises and never shows. Left: the
// folded cell with its loop. Right: the same network unrolled over four steps. The three
// weight matrices are named once, on the first step: every arrow of the same colour is the
// SAME matrix, so the unrolled network has exactly the parameters of the folded one, and
// their gradient is the sum over the steps.

func drawStructureDiagram(run: ChapterRun) throws {
  run.section("6. The RNN, folded and unrolled")
  let figure = Figure(width: 1400, height: 700)
  let axes = figure.axes
  axes.title = "One cell, unrolled in time: the same W_ih, W_hh, W_hy at every step"
  axes.xLabel = "position in time (left: the folded network; right: steps t = 1 … 4)"
  axes.yLabel = "layer: input x → hidden h → output y"
  axes.showsGrid = false
  axes.xLimits = -0.8...10.4
  axes.yLimits = -0.8...3.1
  axes.legendPosition = .none
  let (inputColour, recurrentColour, outputColour) = (Color.blue, Color.orange, Color.green)

  func box(_ x: Double, _ y: Double, _ text: String, _ colour: Color = .darkGrey) {
    let (w, h) = (0.42, 0.22)
    axes.line(
      x: [x - w, x + w, x + w, x - w, x - w], y: [y - h, y - h, y + h, y + h, y - h],
      color: colour, width: 2)
    axes.text(text, at: (x - 0.18, y + 0.07), size: 16)
  }

  // The folded network at x = 0: x → [h] → y with a loop on h.
  box(0, 0, "x_t")
  box(0, 1.2, "h_t")
  box(0, 2.4, "y_t")
  axes.arrow(from: (0, 0.22), to: (0, 0.98), color: inputColour)
  axes.arrow(from: (0, 1.42), to: (0, 2.18), color: outputColour)
  axes.line(
    x: [0.42, 0.8, 0.8, 0.42], y: [1.3, 1.3, 0.9, 0.9], color: recurrentColour, width: 2)
  axes.arrow(from: (0.8, 1.1), to: (0.44, 1.1), color: recurrentColour)
  axes.text("W_hh", at: (0.86, 1.16), color: recurrentColour, size: 15)
  axes.text("W_ih", at: (0.06, 0.66), color: inputColour, size: 15)
  axes.text("W_hy", at: (0.06, 1.86), color: outputColour, size: 15)
  axes.arrow(from: (1.05, 1.9), to: (1.65, 1.9), color: .grey)
  axes.text("unroll", at: (1.05, 2.08), color: .grey, size: 15)

  // Unrolled: steps t = 1 … 4, starting from h_0. The weights are named on step 1 only.
  box(2.2, 1.2, "h_0", .grey)
  for (k, cx) in [4.0, 5.9, 7.8, 9.7].enumerated() {
    let t = k + 1
    box(cx, 0, "x_\(t)")
    box(cx, 1.2, "h_\(t)")
    box(cx, 2.4, "y_\(t)")
    axes.arrow(from: (cx, 0.22), to: (cx, 0.98), color: inputColour)
    axes.arrow(from: (cx, 1.42), to: (cx, 2.18), color: outputColour)
    axes.arrow(from: (cx - 1.48, 1.2), to: (cx - 0.44, 1.2), color: recurrentColour)
    if k == 0 {
      axes.text("W_ih", at: (cx + 0.06, 0.66), color: inputColour, size: 15)
      axes.text("W_hy", at: (cx + 0.06, 1.86), color: outputColour, size: 15)
      axes.text("W_hh", at: (cx - 1.3, 1.42), color: recurrentColour, size: 15)
    }
  }
  axes.text(
    "h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh),  y_t = W_hy h_t + b_y",
    at: (2.0, -0.55), size: 16)
  axes.text(
    "same colour = same matrix: one set of weights, updated once per batch after BPTT",
    at: (2.0, 2.9), size: 15)
  try run.save(
    figure, name: "structure",
    caption: "The recurrent network folded (a loop through W_hh) and unrolled over four "
      + "steps; each weight matrix is shared by every step and drawn once by name.")
}
