import Foundation
import ParkShare

/// `parkshare compare A.contract B.contract --data DIR --period P [--format text|json|csv|html]`
enum CompareCommand {
  static func run(_ args: Arguments) -> Int32 {
    func usage(_ m: String) -> Int32 {
      PeriodInputs.report(.usage(m), command: "compare", json: false)
    }
    guard args.operands.count == 2 else { return usage("give two contract files: A and B") }
    let format = args.options["--format"] ?? "text"
    guard ["text", "json", "csv", "html"].contains(format) else {
      return usage("--format is text, json, csv or html")
    }
    var settled: [Settlement] = []
    for file in args.operands {
      var one = args
      one.operands = [file]
      let inputs: PeriodInputs
      switch PeriodInputs.load(one) {
      case .failure(let f): return PeriodInputs.report(f, command: "compare", json: false)
      case .success(let i): inputs = i
      }
      let outcome = Settlement.run(
        contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
        statePath: args.options["--opening"])
      let diagnostics = inputs.diagnostics + outcome.diagnostics
      Output.err(DiagnosticRenderer(sources: inputs.sources).render(diagnostics))
      guard let s = outcome.settlement, !diagnostics.hasErrors else { return ExitCode.inputError }
      settled.append(s)
    }
    let comparison = Comparison(settled[0], settled[1])
    switch format {
    case "json": Output.out(Output.json(comparison))
    case "csv": Output.out(ComparisonText.csv(comparison))
    case "html": Output.out(NegotiationHTML.compare(comparison))
    default: Output.out(ComparisonText.text(comparison))
    }
    return ExitCode.success
  }
}
