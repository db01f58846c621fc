import ChapterKit
import Foundation
import Plot

// Experiment 3: the smallest game, min_x max_y f(x, y) = x·y, whose only equilibrium is
// (0, 0). Gradient steps with step size η:
//
//   simultaneous:  x ← x − η·y,        y ← y + η·x          (both use the old point)
//   alternating:   x ← x − η·y,        y ← y + η·x_new      (y sees x's move)
//
// Simultaneous steps multiply the distance from the equilibrium by exactly √(1 + η²)
// each step (the update matrix [[1, −η], [η, 1]] is √(1 + η²) times a rotation): the
// players spiral *away*, however small η is; a smaller step only spirals out more slowly
// per unit of "time" n·η. Alternating steps have determinant 1 and, for η < 2, stay on a
// closed orbit: they circle the equilibrium for ever and never reach it either. This is
// why GAN training oscillates instead of settling, and why a decaying step (or averaging)
// is needed to land near the equilibrium.

/// One trajectory of the bilinear game.
struct GameTrajectory {
  var x: [Double]
  var y: [Double]
  var radius: [Double] { zip(x, y).map { ($0 * $0 + $1 * $1).squareRoot() } }
}

/// `steps` gradient steps of size `eta` from (x₀, y₀), simultaneous or alternating.
func playBilinearGame(
  eta: Double, steps: Int, alternating: Bool, start: (Double, Double) = (1, 1)
) -> GameTrajectory {
  var (x, y) = start
  var path = GameTrajectory(x: [x], y: [y])
  for _ in 0..<steps {
    let newX = x - eta * y
    y = y + eta * (alternating ? newX : x)
    x = newX
    path.x.append(x)
    path.y.append(y)
  }
  return path
}

/// Runs experiment 3 and returns its summary.
func runBilinearGameExperiment(run: ChapterRun) throws -> JSONValue {
  run.section("3. The game's dynamics: min_x max_y x·y")
  let time = 30.0
  let etas = [0.3, 0.1]
  var rows: [[String]] = []
  var summary: [String: JSONValue] = [:]
  let figure = Figure(
    width: 1500, height: 700, rows: 1, columns: 2,
    title: "Simultaneous steps spiral away from the equilibrium; alternating steps circle it")
  let paths = figure[0, 0]
  paths.title = "Trajectories from (1, 1) (the spirals leave the frame)"
  paths.xLabel = "x (minimising player)"
  paths.yLabel = "y (maximising player)"
  paths.equalAspect = true
  paths.xLimits = -4...4
  paths.yLimits = -4...4
  let radii = figure[0, 1]
  radii.title = "Distance from (0, 0): measured and √(1 + η²)ⁿ·√2"
  radii.xLabel = "time n·η"
  radii.yLabel = "distance from the equilibrium (log scale)"
  radii.yScale = .log
  for (index, eta) in etas.enumerated() {
    let steps = Int((time / eta).rounded())
    let simultaneous = playBilinearGame(eta: eta, steps: steps, alternating: false)
    let alternating = playBilinearGame(eta: eta, steps: steps, alternating: true)
    let theory = pow(1 + eta * eta, Double(steps) / 2) * 2.0.squareRoot()
    let colors: (Color, Color) = index == 0 ? (.red, .blue) : (.orange, .green)
    let times = (0...steps).map { Double($0) * eta }
    paths.line(
      x: simultaneous.x, y: simultaneous.y, label: "simultaneous, η = \(eta)", color: colors.0,
      width: 1.5)
    paths.line(
      x: alternating.x, y: alternating.y, label: "alternating, η = \(eta)", color: colors.1,
      width: 1.5)
    radii.line(x: times, y: simultaneous.radius, label: "simultaneous, η = \(eta)", color: colors.0)
    radii.line(x: times, y: alternating.radius, label: "alternating, η = \(eta)", color: colors.1)
    radii.line(
      x: times, y: times.indices.map { pow(1 + eta * eta, Double($0) / 2) * 2.0.squareRoot() },
      label: index == 0 ? "theory √(1 + η²)ⁿ·√2" : nil, color: .black, style: .dashed, width: 1)
    let altRadius = alternating.radius
    rows.append([
      formatNumber(eta), String(steps), formatNumber(simultaneous.radius.last!, digits: 4),
      formatNumber(theory, digits: 4), formatNumber(altRadius.min()!, digits: 3),
      formatNumber(altRadius.max()!, digits: 3),
    ])
    summary["eta_\(index == 0 ? "large" : "small")"] = [
      "eta": .number(eta), "steps": .number(Double(steps)),
      "simultaneous_final_radius": .number(simultaneous.radius.last!),
      "simultaneous_theory_radius": .number(theory),
      "alternating_min_radius": .number(altRadius.min()!),
      "alternating_max_radius": .number(altRadius.max()!),
    ]
  }
  paths.scatter(x: [0], y: [0], label: "equilibrium (0, 0)", color: .black, size: 10, alpha: 1)
  paths.legendPosition = .outsideRight
  radii.legendPosition = .upperLeft
  run.table(
    header: [
      "η", "steps", "simultaneous: final distance", "theory", "alternating: min", "max",
    ], rows: rows)
  run.say("start distance √2 ≈ 1.414; the equilibrium is (0, 0)")
  try run.save(
    figure, name: "bilinear-game",
    caption: "Gradient play on min_x max_y x·y from (1, 1), for the same time n·η = 30. "
      + "Simultaneous steps grow the distance by exactly √(1 + η²) per step (dashed); a "
      + "smaller step only slows the spiral. Alternating steps circle the equilibrium on a "
      + "closed orbit and never reach it.")
  return .object(summary)
}
