import ChapterKit
import Layers
import NumericsCore

/// Where the conv step's time goes: every layer's forward and backward timed on its own
/// (interleaved, on the step's own inputs and caches). The rows add up to a little less
/// than a step: alone, each part finds its inputs in the cache and its buffers recycled.
enum ConvStepBreakdown {
  static func rows(
    network: Sequential, input: Matrix, upstream: Matrix, settings: BenchSettings
  ) -> [(name: String, ms: Double)] {
    var none = NoRandomness()
    var inputs = [input]
    var caches = [any Sendable]()
    for layer in network.layers {
      let (y, c) = layer.forwardAny(inputs[inputs.count - 1], using: &none)
      inputs.append(y)
      caches.append(c)
    }
    var grads = [upstream]
    for k in network.layers.indices.reversed() where k > 0 {
      grads.append(network.layers[k].backwardAny(grads[grads.count - 1], cache: caches[k]))
    }
    grads.reverse()  // grads[k] = ∂L/∂(output of layer k), k = 0…
    var names = [String]()
    var candidates = [() -> Void]()
    for (k, layer) in network.layers.enumerated() {
      let x = inputs[k]
      names.append("forward  \(layer)")
      candidates.append {
        var none = NoRandomness()
        _ = layer.forwardAny(x, using: &none)
      }
    }
    for (k, layer) in network.layers.enumerated().reversed() {
      let g = grads[k]
      let cache = caches[k]
      names.append("backward \(layer)")
      if k == 0 {
        candidates.append { _ = layer.parameterGradientsAny(g, cache: cache) }
      } else {
        candidates.append { _ = layer.backwardAny(g, cache: cache) }
      }
    }
    let times = measureInterleaved(candidates, targetSeconds: settings.targetSeconds)
    return zip(names, times).map { ($0, $1.seconds(settings.statistic) * 1e3) }
  }
}

extension Layer {
  fileprivate func forwardAny(_ x: Matrix, using rng: inout NoRandomness) -> (Matrix, any Sendable)
  {
    let (y, c) = forward(x, mode: .training, using: &rng)
    return (y, c)
  }

  fileprivate func backwardAny(_ g: Matrix, cache: any Sendable) -> Matrix {
    backward(g, cache: typed(cache)).inputGradient
  }

  fileprivate func parameterGradientsAny(_ g: Matrix, cache: any Sendable) -> [Matrix] {
    parameterGradients(g, cache: typed(cache))
  }

  private func typed(_ cache: any Sendable) -> Cache {
    guard let cache = cache as? Cache else {
      preconditionFailure("\(self): the cache \(type(of: cache)) is not \(Cache.self)")
    }
    return cache
  }
}
