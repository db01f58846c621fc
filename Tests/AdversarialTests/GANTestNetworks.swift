import Adversarial
import Layers
import NumericsCore
import Optimizers

// Small smooth players for the tests: tanh everywhere, so finite differences need no
// allowance for kinks.

/// G: 2 → 3 (tanh) → 2.
func testGenerator(using rng: inout Xoshiro256StarStar) -> Sequential {
  Sequential([
    Dense(inputSize: 2, outputSize: 3, initializer: .glorotUniform, using: &rng), Tanh(),
    Dense(inputSize: 3, outputSize: 2, initializer: .glorotUniform, using: &rng),
  ])
}

/// D: 2 → 4 (tanh) → 1 logit, with a non-zero bias so no logit sits exactly at 0.
func testDiscriminator(using rng: inout Xoshiro256StarStar) -> Sequential {
  var output = Dense(inputSize: 4, outputSize: 1, initializer: .glorotUniform, using: &rng)
  output.bias = [[0.3]]
  return Sequential([
    Dense(inputSize: 2, outputSize: 4, initializer: .glorotUniform, using: &rng), Tanh(), output,
  ])
}

/// A GAN of the two test players with plain SGD, whose update is easy to write by hand.
func testGAN(
  seed: UInt64, loss: GeneratorLoss = .nonSaturating, k: Int = 1, learningRate: Double = 0.1
) -> GAN<SGD, SGD> {
  var rng = Xoshiro256StarStar(seed: seed)
  return GAN(
    generator: testGenerator(using: &rng), discriminator: testDiscriminator(using: &rng),
    generatorOptimizer: SGD(learningRate: learningRate),
    discriminatorOptimizer: SGD(learningRate: learningRate), noiseSize: 2, generatorLoss: loss,
    discriminatorSteps: k)
}

/// A batch of "data": N((1, −1), 0.25 I).
func testRealBatch(_ rng: inout Xoshiro256StarStar) -> Matrix {
  Matrix.normal(rows: 8, columns: 2, standardDeviation: 0.5, using: &rng)
    + Matrix([[1, -1]]).rowBroadcast(8)
}

extension Matrix {
  /// A 1-row matrix repeated `count` times.
  func rowBroadcast(_ count: Int) -> Matrix {
    Matrix((0..<count).map { _ in row(0) })
  }
}
