import ChapterKit
import Layers
import NumericsCore
import Optimizers

/// Chapter 3.4's whole CNN (`Sequential.convolutionalNetwork`, float32 GEMMs in the second
/// convolution, dropout 0.3), one Adam step on a batch of 64 from a fixed random `∂L/∂y`,
/// as the chapter trains it (first layer fused, `ConvPool2D`, computing only what the last
/// pooling reads) and as the textbook layers (Conv2D, MaxPool2D, Conv2D, MaxPool2D: the
/// same function and weights), timed interleaved: what the fusion and the cropping buy
/// the chapter's training, whose budget is counted in these steps (860 per epoch).
enum ConvStepChapterNetwork {
  static func rows(settings: BenchSettings) -> (rows: [[String]], records: [JSONValue]) {
    var rng = Xoshiro256StarStar(seed: 3)
    let fused = Sequential.convolutionalNetwork(
      dropout: 0.3, precision: .float32, using: &rng)
    // The textbook layers with the same weights: Conv2D 26×26, MaxPool 13×13, Conv2D 11×11.
    var textbook = fused.layers
    if let first = fused.layers[0] as? ConvPool2D, var second = fused.layers[2] as? Conv2D {
      let conv1 = first.convolution
      second = Conv2D(
        inputShape: ImageShape(height: 13, width: 13, channels: 32), geometry: second.geometry,
        kernels: second.kernels, bias: second.bias, precision: second.precision)
      let layers: [any Layer] = [
        conv1, MaxPool2D(inputShape: conv1.outputShape), ReLU(), second,
        MaxPool2D(inputShape: second.outputShape), ReLU(),
      ]
      textbook.replaceSubrange(0..<5, with: layers)
    }
    let networks = [fused, Sequential(textbook)]
    let input = Matrix.uniform(rows: 64, columns: 28 * 28, using: &rng)
    let upstream = Matrix.normal(rows: 64, columns: 10, using: &rng)
    let steps = networks.map {
      trainingStep($0, input: input, upstream: upstream, optimizer: Adam(learningRate: 1e-5))
    }
    let times = measureInterleaved(steps, targetSeconds: settings.targetSeconds)
    let names = [
      "as trained (ConvPool2D 12×12, conv 10×10)", "textbook layers (26×26, 13×13, 11×11)",
    ]
    let keys = ["fused_cropped", "textbook"]
    var rows = [[String]]()
    var records = [JSONValue]()
    for k in 0..<2 {
      let ms = times[k].seconds(settings.statistic) * 1e3
      rows.append(["chapter 3.4 CNN, Adam, \(names[k])", fixed(ms, 2)])
      records.append(
        .object([
          "network": .string("chapter_cnn_adam"), "layers": .string(keys[k]),
          "ms_per_step": .number(ms),
        ]))
    }
    return (rows, records)
  }
}
