import Adversarial
import ChapterKit
import Foundation
import Layers
import NumericsCore
import Optimizers
import Plot

// Experiment 6 (evidence for "what the source gets wrong"): the minimax generator loss
// log(1 − D(G(z))) saturates where D rejects the fakes. Per sample, with D = σ(s):
//   saturating:      |∂L/∂s| = σ(s) = D            → 0 as D → 0
//   non-saturating:  |∂L/∂s| = 1 − σ(s) = 1 − D    → 1 as D → 0
// This is the same saturation as a sigmoid output trained with squared error (chapter
// 3.2): the gradient is multiplied by a factor that vanishes exactly where the model is
// most wrong.

/// Runs experiment 6 and returns its summary.
func runSaturationExperiment(run: ChapterRun) throws -> JSONValue {
  run.section("6. Why the minimax generator loss saturates")
  let logits = linearlySpaced(from: -12, to: 4, count: 161)
  let s = Matrix(column: logits)
  let d = logits.map { 1 / (1 + exp(-$0)) }
  // Per-sample gradients: the loss is a mean over the batch, so multiply by its size.
  let n = Double(logits.count)
  let saturating = GeneratorLoss.saturating.loss(fakeLogits: s).gradient.elements.map {
    abs($0) * n
  }
  let nonSaturating = GeneratorLoss.nonSaturating.loss(fakeLogits: s).gradient.elements.map {
    abs($0) * n
  }
  // A measurement: the ring's initial G against a D trained alone for a while (as D is
  // after its first updates, when the samples are still far from the data).
  let measured = try measureSaturatedGradients(run: run)
  let start = measured.meanFake
  let ratio = measured.nonSaturating / measured.saturating
  run.table(
    header: ["D-only steps", "mean D(G(z))", "|∇θ_G L_G| saturating", "non-saturating", "ratio"],
    rows: [
      [
        String(measured.steps), formatNumber(start, digits: 3),
        formatNumber(measured.saturating, digits: 3),
        formatNumber(measured.nonSaturating, digits: 3), formatNumber(ratio, digits: 3),
      ]
    ])

  let figure = Figure(
    width: 1300, height: 650,
    title: "Where D rejects the fakes, the minimax loss gives G almost no gradient")
  let axes = figure.axes
  axes.title = "per-sample gradient of G's loss with respect to D's logit"
  axes.xLabel = "D(G(z)) = σ(s) (log scale)"
  axes.yLabel = "|∂L_G/∂s| (log scale)"
  axes.xScale = .log
  axes.yScale = .log
  axes.line(x: d, y: saturating, label: "saturating: log(1 − D)", color: .red)
  axes.line(x: d, y: nonSaturating, label: "non-saturating: −log D", color: .blue)
  axes.verticalLine(
    x: start, label: "mean D(G(z)) after \(measured.steps) D-only steps (ring)", color: .grey,
    style: .dashed)
  axes.legendPosition = .lowerRight
  try run.save(
    figure, name: "saturation",
    caption: "|∂L_G/∂s| = D for the minimax loss and 1 − D for the non-saturating one. Early "
      + "in training D rejects the samples (D(G(z)) small), exactly where the minimax "
      + "gradient vanishes; both losses share the same fixed point.")
  return [
    "d_only_steps": .number(Double(measured.steps)), "mean_d_fake": .number(start),
    "saturating_gradient_norm": .number(measured.saturating),
    "non_saturating_gradient_norm": .number(measured.nonSaturating),
    "gradient_ratio": .number(ratio),
  ]
}

/// Trains the ring's D alone against the ring's initial G, then measures the global norm
/// of G's parameter gradient under both losses on one batch of 1000 noise vectors.
func measureSaturatedGradients(
  run: ChapterRun
) throws -> (
  steps: Int, meanFake: Double, saturating: Double, nonSaturating: Double
) {
  let ring = Ring()
  let h = RingSizes(quick: run.options.quick).hidden
  let steps = 200
  var rng = run.makeGenerator(for: "saturation")
  var gan = ringGAN(hidden: h, loss: .nonSaturating, using: &rng)
  for _ in 0..<steps {
    try gan.trainDiscriminator(real: ring.sample(count: 256, using: &rng), using: &rng)
  }
  let z = gan.noise(count: 1000, using: &rng)
  let norms = [GeneratorLoss.saturating, .nonSaturating].map { loss in
    globalNorm(
      generatorGradients(
        generator: gan.generator, discriminator: gan.discriminator, noise: z, loss: loss,
        using: &rng
      ).gradients.flatMap { $0 })
  }
  let meanFake = gan.discriminate(gan.generator.predict(z)).mean()
  return (steps, meanFake, norms[0], norms[1])
}
