import CBLAS
import Foundation
import Layers
import NumericsCore

// The same trained MLP in three number formats, for inference only: float64 (the trained
// model itself), float32 (half the bytes; OpenBLAS's `sgemm`, twice the numbers per
// vector register) and int8 (an eighth of the bytes; integer products, see Quantization).

/// The activation between two Dense layers of a deployed MLP.
public enum DeployedActivation: Sendable, Equatable {
  case relu
  case tanh
  case identity
}

/// A deployed multi-layer perceptron: Dense layers with an activation after each but the
/// last, in one of three number formats.
public struct DeployedMLP: Sendable {
  /// The number format of the weights and of the arithmetic.
  public enum Format: String, Sendable, CaseIterable {
    case float64, float32, int8
  }

  struct DenseWeights: Sendable {
    let inputs: Int
    let outputs: Int
    let float64: Matrix  // in × out, row-major
    let float32: [Float]  // in × out, row-major
    let int8: QuantizedMatrix
    let bias: [Double]
  }

  let layers: [DenseWeights]
  let activation: DeployedActivation
  /// The format `predict` computes in.
  public let format: Format

  /// Extracts the Dense layers and the activation of a trained network.
  ///
  /// - Precondition: the network alternates Dense and one kind of activation (ReLU or
  ///   Tanh), Dropout layers allowed (they are the identity at inference), Dense last.
  public init(_ network: Sequential, format: Format) {
    var dense: [DenseWeights] = []
    var activation = DeployedActivation.identity
    for layer in network.layers {
      switch layer {
      case let d as Dense:
        let w = d.weights
        dense.append(
          DenseWeights(
            inputs: w.rows, outputs: w.columns, float64: w,
            float32: w.withUnsafeElements { $0.map(Float.init) }, int8: w.quantized(),
            bias: d.bias.row(0)))
      case is ReLU: activation = .relu
      case is Tanh: activation = .tanh
      case is Dropout: continue
      default: preconditionFailure("DeployedMLP: \(layer) is not supported")
      }
    }
    precondition(!dense.isEmpty, "DeployedMLP: the network has no Dense layer")
    self.layers = dense
    self.activation = activation
    self.format = format
  }

  /// Bytes of the parameters in this format (biases are kept in float64 in every format;
  /// they are a tiny part).
  public var parameterBytes: Int {
    layers.reduce(0) { total, layer in
      let weights: Int
      switch format {
      case .float64: weights = 8 * layer.inputs * layer.outputs
      case .float32: weights = 4 * layer.inputs * layer.outputs
      case .int8: weights = layer.int8.byteCount
      }
      return total + weights + 8 * layer.bias.count
    }
  }

  /// The logits of a batch (`batch × inputs` → `batch × outputs`).
  public func predict(_ input: Matrix) -> Matrix {
    var h = input
    for (index, layer) in layers.enumerated() {
      var z = product(h, layer)
      let isLast = index == layers.count - 1
      let (rows, columns) = (z.rows, z.columns)
      z.withUnsafeMutableElements { e in
        for r in 0..<rows {
          for c in 0..<columns {
            var v = e[r * columns + c] + layer.bias[c]
            if !isLast {
              switch activation {
              case .relu: v = Swift.max(0, v)
              case .tanh: v = v.tanhValue
              case .identity: break
              }
            }
            e[r * columns + c] = v
          }
        }
      }
      h = z
    }
    return h
  }

  /// `h · W` in this format, without the bias.
  private func product(_ h: Matrix, _ layer: DenseWeights) -> Matrix {
    switch format {
    case .float64:
      return matmul(h, layer.float64)
    case .float32:
      let x = h.withUnsafeElements { $0.map(Float.init) }
      var y = [Float](repeating: 0, count: h.rows * layer.outputs)
      cblas_sgemm(
        CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(h.rows), Int32(layer.outputs),
        Int32(layer.inputs), 1, x, Int32(layer.inputs), layer.float32, Int32(layer.outputs), 0, &y,
        Int32(layer.outputs))
      return Matrix(rows: h.rows, columns: layer.outputs, elements: y.map(Double.init))
    case .int8:
      let (values, rowScales) = quantizeRows(h)
      let c = int8MatrixProduct(
        values, layer.int8.values, m: h.rows, k: layer.inputs, n: layer.outputs)
      var elements = [Double](repeating: 0, count: c.count)
      for r in 0..<h.rows {
        for j in 0..<layer.outputs {
          elements[r * layer.outputs + j] =
            rowScales[r] * layer.int8.scales[j] * Double(c[r * layer.outputs + j])
        }
      }
      return Matrix(rows: h.rows, columns: layer.outputs, elements: elements)
    }
  }
}

extension Double {
  /// `tanh` (Foundation's), as a property so the switch above reads as a formula.
  fileprivate var tanhValue: Double { Foundation.tanh(self) }
}
