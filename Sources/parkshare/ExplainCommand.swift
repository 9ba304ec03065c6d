import Foundation
import ParkShare

/// `parkshare explain CONTRACT --data DIR --period P --party ID [--opening F]`
enum ExplainCommand {
  static func run(_ args: Arguments) -> Int32 {
    guard let party = args.options["--party"] else {
      return PeriodInputs.report(.usage("--party ID is required"), command: "explain", json: false)
    }
    let inputs: PeriodInputs
    switch PeriodInputs.load(args) {
    case .failure(let f): return PeriodInputs.report(f, command: "explain", json: false)
    case .success(let i): inputs = i
    }
    let outcome = Settlement.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
      statePath: args.options["--opening"])
    let diagnostics = inputs.diagnostics + outcome.diagnostics
    Output.err(DiagnosticRenderer(sources: inputs.sources).render(diagnostics))
    guard let settlement = outcome.settlement, !diagnostics.hasErrors else {
      return ExitCode.inputError
    }
    guard let text = ExplainText.render(settlement, party: party) else {
      let known = settlement.statements.map(\.party)
      let near = Spelling.nearest(party, in: known).map { "; did you mean '\($0)'?" } ?? ""
      return PeriodInputs.report(
        .usage("'\(party)' is not a party of '\(settlement.contract.id)'\(near)"),
        command: "explain", json: false)
    }
    Output.out(text)
    return ExitCode.success
  }
}
