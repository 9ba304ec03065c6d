import Foundation
import ParkShare

/// `parkshare revenue CONTRACT --data DIR --period P [--opening F] [--closing F] [--json]`
enum RevenueCommand {
  struct Report: Encodable {
    var revenue: PeriodRevenue?
    var diagnostics: [Diagnostic]
  }

  static func run(_ args: Arguments) -> Int32 {
    let json = args.flags.contains("--json")
    let inputs: PeriodInputs
    switch PeriodInputs.load(args) {
    case .failure(let f): return PeriodInputs.report(f, command: "revenue", json: json)
    case .success(let i): inputs = i
    }
    let outcome = Evaluator.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
      statePath: args.options["--opening"])
    var diagnostics = inputs.diagnostics + outcome.diagnostics
    var revenue = outcome.revenue
    if let r = revenue, let path = args.options["--closing"],
      let problem = State.write(r.closing, to: path)
    {
      diagnostics.append(problem)
      revenue = nil
    }
    Output.err(DiagnosticRenderer(sources: inputs.sources).render(diagnostics))
    if json {
      Output.out(Output.json(Report(revenue: revenue, diagnostics: diagnostics)))
    } else if let revenue {
      Output.out(RevenueText.render(revenue))
    }
    return revenue == nil || diagnostics.hasErrors ? ExitCode.inputError : ExitCode.success
  }
}
