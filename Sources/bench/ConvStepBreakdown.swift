import ChapterKit
import Layers
import NumericsCore

/// Where the conv step's time goes: the network cut into consecutive groups of layers
/// (each a `Sequential`, so layers that `Sequential` fuses stay fused inside a group), and
/// every group's forward and backward timed on its own, interleaved, on the step's own
/// inputs and caches. The rows add up to a little less than a step: alone, each part finds
/// its inputs in the cache and its buffers recycled.
enum ConvStepBreakdown {
  /// - Parameters:
  ///   - groups: the number of layers in each group, first to last (summing to the
  ///     network's layer count).
  static func rows(
    network: Sequential, groups: [Int], input: Matrix, upstream: Matrix, settings: BenchSettings
  ) -> [(name: String, ms: Double)] {
    precondition(
      groups.reduce(0, +) == network.layers.count,
      "ConvStepBreakdown: groups \(groups) do not cover \(network.layers.count) layers")
    var parts = [Sequential]()
    var start = 0
    for count in groups {
      parts.append(Sequential(Array(network.layers[start..<(start + count)])))
      start += count
    }
    var none = NoRandomness()
    var inputs = [input]
    var caches = [[any Sendable]]()
    for part in parts {
      let (y, c) = part.forward(inputs[inputs.count - 1], mode: .training, using: &none)
      inputs.append(y)
      caches.append(c)
    }
    var grads = [upstream]
    for k in parts.indices.reversed() where k > 0 {
      let g = parts[k].backward(grads[grads.count - 1], caches: caches[k], needsInputGradient: true)
      grads.append(g.inputGradient ?? upstream)
    }
    grads.reverse()  // grads[k] = ∂L/∂(output of part k), k = 0…
    var names = [String]()
    var candidates = [() -> Void]()
    for (k, part) in parts.enumerated() {
      let x = inputs[k]
      names.append("forward  \(part)")
      candidates.append {
        var none = NoRandomness()
        _ = part.forward(x, mode: .training, using: &none)
      }
    }
    for (k, part) in parts.enumerated().reversed() {
      let (g, cache) = (grads[k], caches[k])
      // The first part computes no ∂L/∂x, as in the step (the images need none).
      names.append("backward \(part)")
      candidates.append { _ = part.backward(g, caches: cache, needsInputGradient: k > 0) }
    }
    let times = measureInterleaved(candidates, targetSeconds: settings.targetSeconds)
    return zip(names, times).map { ($0, $1.seconds(settings.statistic) * 1e3) }
  }
}
