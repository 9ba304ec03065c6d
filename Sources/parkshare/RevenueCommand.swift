import Foundation
import ParkShare

/// `parkshare revenue CONTRACT --data DIR --period P [--opening F] [--closing F] [--json]`
enum RevenueCommand {
  struct Report: Encodable {
    var revenue: PeriodRevenue?
    var diagnostics: [Diagnostic]
  }

  static func run(_ args: Arguments) throws(Arguments.UsageError) -> Int32 {
    let wording = Wording.of(try args.language())
    var outcome = RevenueUseCase.run(try args.periodRequest())
    // The closing state is a record: written beside the figures, never over a different file.
    if let r = outcome.value, let path = args.options["--closing"],
      case .failure(let problem) = OutputFiles.write(
        [(path, Data(Output.json(r.closing).utf8))], faults: Output.faults)
    {
      outcome.diagnostics.append(problem)
      outcome.value = nil
    }
    let revenue = try Output.show(outcome)
    if args.flags.contains("--json") {
      Output.out(Output.json(Report(revenue: revenue, diagnostics: outcome.diagnostics)))
    } else if let revenue {
      Output.out(RevenueText.render(revenue, wording: wording))
    }
    return outcome.failed ? ExitCode.inputError : ExitCode.success
  }
}
