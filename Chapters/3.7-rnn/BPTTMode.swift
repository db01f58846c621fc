import ArgumentParser
import ChapterKit
import Foundation
import Recurrent

/// `rnn bptt --parameters FILE.json [--json]`: one recurrent layer forward and backward.
struct BPTTMode: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bptt",
    abstract: "Forward pass, loss and full BPTT gradients of one recurrent layer, from a "
      + "PyTorch-layout parameter file.",
    discussion: """
      FILE.json holds one layer in PyTorch's state_dict layout (batch_first=True),
      with G = 1, 4, 3 gates for rnn, lstm, gru (gate order i, f, g, o for lstm;
      r, z, n for gru with n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))):

        {"cell": "rnn" | "lstm" | "gru",
         "weight_ih": [G·H × I], "weight_hh": [G·H × H],
         "bias_ih": [G·H], "bias_hh": [G·H],
         "xs": [B × T × I], "h0": [B × H], "c0": [B × H] (lstm only),
         "loss": {...}}

      The loss is one of
        {"kind": "all_states_sse", "targets": [B × T × H]}
            L = Σ_{b,t,j} (h_t[b,j] − targets[b][t][j])²
        {"kind": "last_output_sse", "readout_weight": [O × H], "readout_bias": [O],
         "targets": [B × O]}
            y = h_T·readout_weightᵀ + readout_bias,  L = Σ (y − targets)²

      It prints one JSON object:
        {"hidden_states": [B × T × H], "h_T": [B × H], "c_T": [B × H] (lstm),
         "output": [B × O] (last_output_sse), "loss": L,
         "gradients": {"weight_ih", "weight_hh", "bias_ih", "bias_hh", "xs", "h0",
           "c0" (lstm), "readout_weight", "readout_bias" (last_output_sse)}}
      every gradient in the shape of its input. Numbers are printed in the shortest
      form that reads back as exactly the same double. --json prints it on one line;
      without it, indented. Shapes that disagree, a missing or unknown key, an
      unknown cell or loss kind → one line naming the key and the shapes, exit 64.
      """)

  @Option(help: ArgumentHelp("The parameter file (JSON, format above).", valueName: "FILE.json"))
  var parameters: String

  @Flag(help: "Print the result on one line.")
  var json = false

  func run() throws {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: parameters))
    } catch {
      throw ValidationError("\(parameters): cannot read the file (\(error.localizedDescription))")
    }
    let file: ParameterFile
    do {
      file = try ParameterFile(json: data)
    } catch let error as ParameterFileError {
      throw ValidationError("\(parameters): \(error.message)")
    }
    let report = file.evaluate()
    print(Self.document(report).serialized(pretty: !json))
  }

  static func document(_ r: BPTTReport) -> JSONValue {
    func value(_ n: NestedNumbers) -> JSONValue {
      switch n {
      case .vector(let v): .numbers(v)
      case .matrix(let m): .array(m.map(JSONValue.numbers))
      case .tensor(let t): .array(t.map { .array($0.map(JSONValue.numbers)) })
      }
    }
    var object: [String: JSONValue] = [
      "hidden_states": value(.tensor(r.hiddenStates)), "h_T": value(.matrix(r.finalHidden)),
      "loss": .number(r.loss),
      "gradients": .object(
        Dictionary(uniqueKeysWithValues: r.gradients.map { ($0.key, value($0.value)) })),
    ]
    if let c = r.finalCell { object["c_T"] = value(.matrix(c)) }
    if let y = r.output { object["output"] = value(.matrix(y)) }
    return .object(object)
  }
}
