import Adversarial
import ChapterKit
import Foundation
import Layers
import NumericsCore
import Optimizers
import Plot

// Experiment 2: a ring of 8 Gaussians (radius 2, σ = 0.05), the standard test of mode
// collapse. A sample is "high quality" when it lies within 3σ of some mode; a mode is
// "covered" when at least 1% of the samples are high-quality samples of that mode (a
// uniform cover would give each 12.5%).

/// The ring's geometry and the measures of a sample set.
struct Ring {
  let modes = 8
  let radius = 2.0
  let sigma = 0.05

  /// Centre of mode `k`.
  func center(_ k: Int) -> (Double, Double) {
    let angle = 2 * Double.pi * Double(k) / Double(modes)
    return (radius * cos(angle), radius * sin(angle))
  }

  /// `count` draws from the mixture with equal weights, `count × 2`.
  func sample<G: RandomNumberGenerator>(count: Int, using rng: inout G) -> Matrix {
    var elements = [Double]()
    elements.reserveCapacity(2 * count)
    for _ in 0..<count {
      let (cx, cy) = center(rng.nextInt(below: modes))
      elements.append(cx + sigma * rng.nextNormal())
      elements.append(cy + sigma * rng.nextNormal())
    }
    return Matrix(rows: count, columns: 2, elements: elements)
  }

  /// Modes covered and the share of high-quality samples.
  func measure(_ samples: Matrix) -> (covered: Int, highQuality: Double) {
    var counts = [Int](repeating: 0, count: modes)
    for r in 0..<samples.rows {
      for k in 0..<modes {
        let (cx, cy) = center(k)
        let dx = samples[r, 0] - cx
        let dy = samples[r, 1] - cy
        if (dx * dx + dy * dy).squareRoot() <= 3 * sigma {
          counts[k] += 1
          break
        }
      }
    }
    let threshold = max(1, samples.rows / 100)
    return (
      counts.filter { $0 >= threshold }.count,
      Double(counts.reduce(0, +)) / Double(samples.rows)
    )
  }
}

/// The sizes of experiment 2.
struct RingSizes {
  var steps: Int
  var hidden: Int
  var seeds: Int
  var snapshots: [Int]
  var batch = 256
  var evaluationSamples = 2500

  init(quick: Bool) {
    steps = quick ? 200 : 2000
    hidden = quick ? 32 : 64
    seeds = quick ? 2 : 4
    snapshots = quick ? [0, 100, 200] : [0, 250, 500, 1000, 2000]
  }
}

/// One training run on the ring: the measures at the end and the snapshots on the way.
struct RingRun {
  var loss: GeneratorLoss
  var seed: Int
  var covered: Int
  var highQuality: Double
  var snapshots: [(step: Int, samples: Matrix)]
  var history: [GANStepRecord]
}

/// The ring's players: G an MLP 2-h-h-2 (ReLU), D 2-h-h-1 with leaky ReLU (slope 0.2) and a
/// Glorot-initialised logit layer; both Adam 1e-3 with β₁ = 0.5 (Radford et al. 2016).
func ringGAN<R: RandomNumberGenerator>(
  hidden h: Int, loss: GeneratorLoss, using rng: inout R
) -> GAN<Adam, Adam> {
  let generator = Sequential.multilayerPerceptron(sizes: [2, h, h, 2], using: &rng)
  let discriminator = Sequential([
    Dense(inputSize: 2, outputSize: h, using: &rng), LeakyReLU(slope: 0.2),
    Dense(inputSize: h, outputSize: h, using: &rng), LeakyReLU(slope: 0.2),
    Dense(inputSize: h, outputSize: 1, initializer: .glorotUniform, using: &rng),
  ])
  return GAN(
    generator: generator, discriminator: discriminator,
    generatorOptimizer: Adam(learningRate: 1e-3, beta1: 0.5),
    discriminatorOptimizer: Adam(learningRate: 1e-3, beta1: 0.5), noiseSize: 2,
    generatorLoss: loss)
}

/// Trains one GAN on the ring.
func trainRing<R: RandomNumberGenerator>(
  ring: Ring, sizes: RingSizes, loss: GeneratorLoss, seed: Int, progress: () -> Void,
  using rng: inout R
) throws(GANError) -> RingRun {
  var gan = ringGAN(hidden: sizes.hidden, loss: loss, using: &rng)
  var snapshots: [(Int, Matrix)] = []
  var history: [GANStepRecord] = []
  // The same noise for every snapshot, so the panels show how one set of z moves.
  let z = gan.noise(count: 1000, using: &rng)
  for t in 0...sizes.steps {
    if sizes.snapshots.contains(t) { snapshots.append((t, gan.generator.predict(z))) }
    if t == sizes.steps { break }
    history.append(
      try gan.step(realBatch: { ring.sample(count: sizes.batch, using: &$0) }, using: &rng))
    progress()
  }
  let measured = ring.measure(gan.sample(count: sizes.evaluationSamples, using: &rng))
  return RingRun(
    loss: loss, seed: seed, covered: measured.covered, highQuality: measured.highQuality,
    snapshots: snapshots, history: history)
}

/// Runs experiment 2 and returns its summary.
func runRingExperiment(run: ChapterRun) throws -> (json: JSONValue, runs: [RingRun]) {
  run.section("2. A ring of 8 Gaussians: modes covered, saturating vs non-saturating")
  let ring = Ring()
  let sizes = RingSizes(quick: run.options.quick)
  let losses: [GeneratorLoss] = [.nonSaturating, .saturating]
  let bar = run.progress(total: sizes.steps * sizes.seeds * losses.count, label: "ring GANs")
  var runs: [RingRun] = []
  for loss in losses {
    for seed in 0..<sizes.seeds {
      var rng = run.makeGenerator(for: "ring-\(seed)")
      runs.append(
        try trainRing(
          ring: ring, sizes: sizes, loss: loss, seed: seed, progress: { bar.advance() },
          using: &rng))
    }
  }
  bar.finish()
  run.table(
    header: ["loss", "seed", "modes covered (of 8)", "high-quality share"],
    rows: runs.map {
      [
        $0.loss.rawValue, String($0.seed), String($0.covered),
        formatNumber($0.highQuality, digits: 3),
      ]
    })
  var summary: [String: JSONValue] = [
    "steps": .number(Double(sizes.steps)), "seeds": .number(Double(sizes.seeds)),
    "sigma": .number(ring.sigma), "radius": .number(ring.radius),
  ]
  for loss in losses {
    let mine = runs.filter { $0.loss == loss }
    let key = loss == .saturating ? "saturating" : "non_saturating"
    let collapsed = mine.filter { $0.covered < ring.modes }.count
    summary[key] = [
      "modes_covered": .numbers(mine.map { Double($0.covered) }),
      "high_quality": .numbers(mine.map(\.highQuality)),
      "mean_modes_covered": .number(
        mine.map { Double($0.covered) }.reduce(0, +) / Double(mine.count)),
      "mean_high_quality": .number(mine.map(\.highQuality).reduce(0, +) / Double(mine.count)),
      "runs_missing_modes": .number(Double(collapsed)),
      "runs": .number(Double(mine.count)),
    ]
    run.say(
      "\(loss.rawValue): \(collapsed) of \(mine.count) runs miss at least one mode; mean "
        + "high-quality share \(formatNumber(mine.map(\.highQuality).reduce(0, +) / Double(mine.count), digits: 3))"
    )
  }
  try drawRingFigures(run: run, ring: ring, runs: runs, sizes: sizes)
  return (.object(summary), runs)
}
