import Foundation
import ParkShare

/// `parkshare settle CONTRACT --data DIR --period P [--format F] [--out DIR] [--opening F]
/// [--closing F] [--bom]`
enum SettleCommand {
  static let formats = ["text", "json", "csv"]

  static func run(_ args: Arguments) -> Int32 {
    let format = args.options["--format"] ?? "text"
    guard formats.contains(format) else {
      return PeriodInputs.report(
        .usage("--format is one of \(formats.joined(separator: ", "))"), command: "settle",
        json: false)
    }
    let inputs: PeriodInputs
    switch PeriodInputs.load(args, digests: true) {
    case .failure(let f): return PeriodInputs.report(f, command: "settle", json: format == "json")
    case .success(let i): inputs = i
    }
    let outcome = Settlement.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
      statePath: args.options["--opening"], inputs: inputs.digests)
    let diagnostics = inputs.diagnostics + outcome.diagnostics
    Output.err(DiagnosticRenderer(sources: inputs.sources).render(diagnostics))
    guard let settlement = outcome.settlement, !diagnostics.hasErrors else {
      if format == "json" { Output.out(Output.json(["diagnostics": diagnostics])) }
      return ExitCode.inputError
    }
    let body: String
    switch format {
    case "json": body = Output.json(settlement)
    case "csv": body = StatementCSV.render(settlement, bom: args.flags.contains("--bom"))
    default: body = StatementText.render(settlement)
    }
    // Statement and closing state are written together or not at all.
    var files: [(path: String, text: String)] = []
    if let out = args.options["--out"] {
      let ext = format == "text" ? "txt" : format
      files.append((out + "/\(settlement.contract.id)-\(settlement.period).\(ext)", body))
    }
    if let path = args.options["--closing"] {
      files.append((path, Output.json(settlement.closing)))
    }
    if let problem = Files.writeAll(files) {
      Output.err(DiagnosticRenderer(sources: []).render([problem]))
      return ExitCode.inputError
    }
    if args.options["--out"] == nil { Output.out(body) }
    return ExitCode.success
  }
}
