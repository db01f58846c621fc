import Adversarial
import Layers
import NumericsCore
import Optimizers
import TestSupport
import XCTest

/// The players' gradients by finite differences, and one alternating step against the same
/// step composed by hand from the networks' forward and backward passes.
final class GANStepTests: XCTestCase {
  /// G's gradient through a fixed D, for both losses, against finite differences of the
  /// loss as a function of each of G's parameter matrices.
  func testGeneratorGradientThroughFixedDiscriminatorMatchesFiniteDifferences() {
    for loss in GeneratorLoss.allCases {
      var rng = Xoshiro256StarStar(seed: 21)
      let generator = testGenerator(using: &rng)
      let discriminator = testDiscriminator(using: &rng)
      let z = Matrix.normal(rows: 5, columns: 2, using: &rng)
      let analytic = generatorGradients(
        generator: generator, discriminator: discriminator, noise: z, loss: loss, using: &rng
      ).gradients.flatMap { $0 }
      let parameters = generator.parameters
      XCTAssertEqual(analytic.count, parameters.count)
      for i in parameters.indices {
        let f = { (p: Matrix) -> Double in
          var g = generator
          var all = parameters
          all[i] = p
          g.parameters = all
          var none = SystemRandomNumberGenerator()
          let x = g.forward(z, mode: .inference, using: &none).output
          let s = discriminator.forward(x, mode: .inference, using: &none).output
          return loss.loss(fakeLogits: s).value
        }
        assertGradient(of: f, at: parameters[i], equals: analytic[i], "\(loss), parameter \(i)")
      }
    }
  }

  /// D's parameter gradients from the stacked batch against finite differences.
  func testDiscriminatorGradientsMatchFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 22)
    let discriminator = testDiscriminator(using: &rng)
    let real = testRealBatch(&rng)
    let fake = Matrix.normal(rows: 6, columns: 2, using: &rng)
    let analytic = discriminatorGradients(
      discriminator: discriminator, real: real, fake: fake, using: &rng
    ).gradients.flatMap { $0 }
    let parameters = discriminator.parameters
    for i in parameters.indices {
      let f = { (p: Matrix) -> Double in
        var d = discriminator
        var all = parameters
        all[i] = p
        d.parameters = all
        var none = SystemRandomNumberGenerator()
        return discriminatorLoss(
          realLogits: d.forward(real, mode: .inference, using: &none).output,
          fakeLogits: d.forward(fake, mode: .inference, using: &none).output
        ).value
      }
      assertGradient(of: f, at: parameters[i], equals: analytic[i], "parameter \(i)")
    }
  }

  /// One alternating step (k = 1, SGD, non-saturating) equals the step written out by
  /// hand: two separate D passes with the loss gradients typed from their formulas, the
  /// full D backward (weights and input) in G's step, and `p ← p − lr·g` for every
  /// parameter. The random draws are made in the documented order: real batch, noise for
  /// D's fakes, noise for G's step.
  func testOneAlternatingStepMatchesAHandComposedStep() throws {
    let lr = 0.1
    var gan = testGAN(seed: 31, learningRate: lr)
    var handG = gan.generator
    var handD = gan.discriminator
    var rng = Xoshiro256StarStar(seed: 32)
    var handRNG = rng
    let record = try gan.step(realBatch: testRealBatch, using: &rng)

    var none = SystemRandomNumberGenerator()
    let real = testRealBatch(&handRNG)
    let b = Double(real.rows)
    let z1 = Matrix.normal(rows: real.rows, columns: 2, using: &handRNG)
    let z2 = Matrix.normal(rows: real.rows, columns: 2, using: &handRNG)
    let sigma = { (s: Matrix) in s.map { 1 / (1 + exp(-$0)) } }

    // D's step: −mean log σ(s_r) − mean log(1 − σ(s_f)).
    let fake = handG.forward(z1, mode: .training, using: &none).output
    let (sr, realCaches) = handD.forward(real, mode: .training, using: &none)
    let (sf, fakeCaches) = handD.forward(fake, mode: .training, using: &none)
    let realGrad = handD.backward((sigma(sr) - 1) / b, caches: realCaches).gradients
    let fakeGrad = handD.backward(sigma(sf) / b, caches: fakeCaches).gradients
    var dParameters = handD.parameters
    let dGradients = zip(realGrad.flatMap { $0 }, fakeGrad.flatMap { $0 }).map { $0 + $1 }
    for i in dParameters.indices { dParameters[i] = dParameters[i] - lr * dGradients[i] }
    handD.parameters = dParameters
    let expectedDLoss =
      -(sigma(sr).map { log($0) }.mean()) - (sigma(sf).map { log(1 - $0) }.mean())
    XCTAssertEqual(record.discriminatorLoss, expectedDLoss, accuracy: 1e-12)

    // G's step through the updated D: −mean log σ(D(G(z))).
    let (x, gCaches) = handG.forward(z2, mode: .training, using: &none)
    let (s, sCaches) = handD.forward(x, mode: .training, using: &none)
    let throughD = handD.backward((sigma(s) - 1) / b, caches: sCaches, needsInputGradient: true)
    let gGradients = handG.backward(try XCTUnwrap(throughD.inputGradient), caches: gCaches)
      .gradients.flatMap { $0 }
    var gParameters = handG.parameters
    for i in gParameters.indices { gParameters[i] = gParameters[i] - lr * gGradients[i] }
    handG.parameters = gParameters
    XCTAssertEqual(record.generatorLoss, -(sigma(s).map { log($0) }.mean()), accuracy: 1e-12)

    for (got, expected) in zip(gan.discriminator.parameters, handD.parameters) {
      assertEqual(got, expected, tolerance: 1e-12, "discriminator")
    }
    for (got, expected) in zip(gan.generator.parameters, handG.parameters) {
      assertEqual(got, expected, tolerance: 1e-12, "generator")
    }
    XCTAssertEqual(record.step, 1)
    XCTAssertEqual(gan.steps, 1)
  }

  /// The generator's update leaves D's weights exactly as they were.
  func testGeneratorStepDoesNotTouchTheDiscriminator() throws {
    var gan = testGAN(seed: 41)
    let before = gan.discriminator.parameters
    var rng = Xoshiro256StarStar(seed: 42)
    try gan.trainGenerator(batchSize: 8, using: &rng)
    XCTAssertEqual(gan.discriminator.parameters, before)
    XCTAssertEqual(gan.discriminatorOptimizer.stepCount(slot: 0), 0)
    XCTAssertEqual(gan.generatorOptimizer.stepCount(slot: 0), 1)
  }

  /// k = 3: three D updates, each on a new real batch, then one G update.
  func testKDiscriminatorStepsPerGeneratorStep() throws {
    var gan = testGAN(seed: 51, k: 3)
    var rng = Xoshiro256StarStar(seed: 52)
    var batches = 0
    for _ in 0..<2 {
      try gan.step(
        realBatch: { rng in
          batches += 1
          return testRealBatch(&rng)
        }, using: &rng)
    }
    XCTAssertEqual(batches, 6)
    XCTAssertEqual(gan.discriminatorOptimizer.stepCount(slot: 0), 6)
    XCTAssertEqual(gan.generatorOptimizer.stepCount(slot: 0), 2)
    XCTAssertEqual(gan.steps, 2)
  }

  /// A non-finite discriminator stops training with a message naming the player and the
  /// step, and leaves both networks as they were.
  func testDivergenceIsReportedForEachPlayer() throws {
    var gan = testGAN(seed: 61)
    var rng = Xoshiro256StarStar(seed: 62)
    try gan.step(realBatch: testRealBatch, using: &rng)
    var broken = gan
    var layers = broken.discriminator.layers
    var last = try XCTUnwrap(layers[2] as? Dense)
    last.bias = [[.infinity]]
    layers[2] = last
    broken.discriminator.layers = layers
    let before = broken.generator.parameters
    XCTAssertThrowsError(try broken.step(realBatch: testRealBatch, using: &rng)) { error in
      guard case .diverged(let player, let step, _) = error as? GANError else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertEqual(player, .discriminator)
      XCTAssertEqual(step, 2)
      XCTAssertTrue("\(error)".hasPrefix("diverged at step 2 (discriminator loss"))
      XCTAssertTrue("\(error)".hasSuffix("try a smaller learning rate"))
    }
    XCTAssertEqual(broken.generator.parameters, before)

    // A generator that outputs NaN: its own update must stop, naming the generator.
    var badG = gan
    var gLayers = badG.generator.layers
    var out = try XCTUnwrap(gLayers[2] as? Dense)
    out.bias = [[.nan, 0]]
    gLayers[2] = out
    badG.generator.layers = gLayers
    XCTAssertThrowsError(try badG.trainGenerator(batchSize: 4, using: &rng)) { error in
      guard case .diverged(let player, _, _) = error as? GANError else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertEqual(player, .generator)
    }
  }

  /// Sampling: the right shape, reproducible for a seed.
  func testSamplingIsSeeded() {
    let gan = testGAN(seed: 71)
    var a = Xoshiro256StarStar(seed: 5)
    var b = Xoshiro256StarStar(seed: 5)
    let first = gan.sample(count: 10, using: &a)
    XCTAssertEqual(first.rows, 10)
    XCTAssertEqual(first.columns, 2)
    XCTAssertEqual(first, gan.sample(count: 10, using: &b))
    let d = gan.discriminate(first)
    XCTAssertTrue(d.elements.allSatisfy { $0 > 0 && $0 < 1 })
  }
}
