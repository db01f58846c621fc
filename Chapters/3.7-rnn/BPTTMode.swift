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

  func validate() throws {
    if parameters.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--parameters: the file name is empty")
    }
  }

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
    if let key = Self.firstNonFinite(report) {
      throw ValidationError(
        "\(parameters): \(key) overflows float64 (not finite): the values are too large to "
          + "run forward and backward; scale the inputs or weights down")
    }
    print(Self.document(report).serialized(pretty: !json))
  }

  /// The first output of `r` (in document order: loss, states, then gradients) holding a
  /// NaN or an infinity, or nil when every number is finite. JSON would print it as null:
  /// a silently missing number.
  static func firstNonFinite(_ r: BPTTReport) -> String? {
    func finite(_ n: NestedNumbers) -> Bool {
      switch n {
      case .vector(let v): v.allSatisfy(\.isFinite)
      case .matrix(let m): m.allSatisfy { $0.allSatisfy(\.isFinite) }
      case .tensor(let t): t.allSatisfy { $0.allSatisfy { $0.allSatisfy(\.isFinite) } }
      }
    }
    var outputs: [(String, NestedNumbers)] = [
      ("loss", .vector([r.loss])), ("hidden_states", .tensor(r.hiddenStates)),
      ("h_T", .matrix(r.finalHidden)),
    ]
    if let c = r.finalCell { outputs.append(("c_T", .matrix(c))) }
    if let y = r.output { outputs.append(("output", .matrix(y))) }
    outputs += r.gradients.map { ("the gradient of \($0.key)", $0.value) }
    return outputs.first { !finite($0.1) }?.0
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
