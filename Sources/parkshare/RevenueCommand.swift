import Foundation
import ParkShare

/// `parkshare revenue CONTRACT --data DIR --period P [--opening F] [--closing F] [--json]`
enum RevenueCommand {
  struct Report: Encodable {
    var revenue: PeriodRevenue?
    var diagnostics: [Diagnostic]
  }

  static func run(_ args: Arguments) -> Int32 {
    guard args.operands.count == 1 else {
      return usage("give one contract file")
    }
    guard let dir = args.options["--data"] else { return usage("--data DIR is required") }
    guard let periodText = args.options["--period"] else {
      return usage("--period is required (2026Q1, 2026H1, 2026-03 or 2026)")
    }
    guard let period = Period(periodText) else {
      return usage("'\(periodText)' is not a period: write 2026Q1, 2026H1, 2026-03 or 2026")
    }
    let json = args.flags.contains("--json")
    let (source, checked) = Checker.check(path: args.operands[0])
    var sources = (source.map { [$0] } ?? []) + checked.sources
    var diagnostics = checked.diagnostics
    guard let contract = checked.contract else {
      return finish(nil, diagnostics, sources, json: json)
    }
    if let problem = DataBundle.problem(with: period, in: contract) { return usage(problem) }
    var opening: CarryState? = nil
    if let path = args.options["--opening"] {
      let (state, problem) = State.read(path)
      if let problem { return finish(nil, diagnostics + [problem], sources, json: json) }
      opening = state
    }
    var threads = ProcessInfo.processInfo.activeProcessorCount
    if let t = args.options["--threads"] {
      guard let n = Int(t), n >= 1 else { return usage("--threads takes a number from 1") }
      threads = n
    }
    let loaded = DataBundle.load(
      directory: dir, contract: contract, period: period, threads: threads)
    sources += loaded.sources
    diagnostics += loaded.diagnostics
    guard let bundle = loaded.bundle else { return finish(nil, diagnostics, sources, json: json) }
    let outcome = Evaluator.run(
      contract: contract, bundle: bundle, opening: opening, statePath: args.options["--opening"])
    diagnostics += outcome.diagnostics
    if let revenue = outcome.revenue, let path = args.options["--closing"] {
      if let d = State.write(revenue.closing, to: path) {
        return finish(nil, diagnostics + [d], sources, json: json)
      }
    }
    return finish(outcome.revenue, diagnostics, sources, json: json)
  }

  static func finish(
    _ revenue: PeriodRevenue?, _ diagnostics: [Diagnostic], _ sources: [SourceFile], json: Bool
  ) -> Int32 {
    Output.err(DiagnosticRenderer(sources: sources).render(diagnostics))
    if json {
      Output.out(Output.json(Report(revenue: revenue, diagnostics: diagnostics)))
    } else if let revenue {
      Output.out(RevenueText.render(revenue))
    }
    return revenue == nil || diagnostics.hasErrors ? ExitCode.inputError : ExitCode.success
  }

  static func usage(_ message: String) -> Int32 {
    Output.err("parkshare revenue: \(message)\n\n" + (Help.commands["revenue"] ?? ""))
    return ExitCode.usage
  }
}
