import Foundation
import ParkShare

/// `parkshare simulate CONTRACT --scenario FILE [--runs N] [--seed S] [--format text|json|html]`
enum SimulateCommand {
  /// The simulator for the contract and scenario, or the exit status of why there is none.
  static func prepare(_ args: Arguments, command: String) -> (Simulator?, Int32) {
    func usage(_ m: String) -> Int32 {
      PeriodInputs.report(.usage(m), command: command, json: false)
    }
    guard let path = args.options["--scenario"] else {
      return (nil, usage("--scenario FILE is required"))
    }
    for flag in ["--runs", "--threads"] {
      if let t = args.options[flag], Int(t).map({ $0 >= (flag == "--runs" ? 0 : 1) }) != true {
        return (nil, usage("\(flag) takes a whole number\(flag == "--runs" ? "" : " from 1")"))
      }
    }
    if let t = args.options["--seed"], UInt64(t) == nil {
      return (nil, usage("--seed takes a whole number from 0"))
    }
    let loaded = Scenario.load(path)
    let sources = loaded.source.map { [$0] } ?? []
    guard let scenario = loaded.scenario else {
      Output.err(DiagnosticRenderer(sources: sources).render(loaded.problems))
      return (nil, ExitCode.inputError)
    }
    var one = args
    one.options["--data"] = scenario.data
    one.options["--period"] = scenario.period.description
    var opening: CarryState? = nil
    if let dir = scenario.ledger {
      // The period as settled: its bundle (checked by digest) and its opening state.
      do throws(Ledger.Refusal) {
        let ledger = try Ledger.open(dir)
        guard let record = ledger.latest.first(where: { $0.period == scenario.period }) else {
          throw Ledger.Refusal(message: "the ledger holds no settlement of \(scenario.period)")
        }
        one.options["--data"] = try ledger.bundleDirectory(of: record)
        opening = record.opening.period == nil ? nil : record.opening
      } catch {
        let d = Diagnostic.error(.ledger, error.message, at: .whole(dir), hint: error.hint)
        Output.err(DiagnosticRenderer(sources: []).render([d]))
        return (nil, ExitCode.inputError)
      }
    }
    // What the scenario names is checked against the contract before any data is read.
    let inputs: PeriodInputs
    let checked = PeriodInputs.load(one) { contract in
      let problems = scenario.problems(with: contract)
      return problems.isEmpty ? nil : .input(problems, sources)
    }
    switch checked {
    case .failure(let f): return (nil, PeriodInputs.report(f, command: command, json: false))
    case .success(let i): inputs = i
    }
    let errors = inputs.diagnostics.filter { $0.severity == .error }
    Output.err(DiagnosticRenderer(sources: inputs.sources).render(errors))
    return (
      Simulator(
        contract: inputs.contract, base: inputs.bundle, scenario: scenario, opening: opening),
      0
    )
  }

  static func run(_ args: Arguments) -> Int32 {
    let format = args.options["--format"] ?? "text"
    guard ["text", "json", "html"].contains(format) else {
      return PeriodInputs.report(
        .usage("--format is text, json or html"), command: "simulate", json: false)
    }
    let (prepared, status) = prepare(args, command: "simulate")
    guard let sim = prepared else { return status }
    // Checked by `prepare`: a flag given is a number.
    let runs = args.options["--runs"].flatMap { Int($0) } ?? sim.scenario.runs ?? 0
    let seed = args.options["--seed"].flatMap { UInt64($0) } ?? sim.scenario.seed ?? 1
    do throws(EvaluationFailure) {
      let base = try sim.run()
      let mc =
        runs > 0
        ? try MonteCarlo.run(
          sim, runs: runs, seed: seed,
          threads: args.options["--threads"].flatMap { Int($0) }.map { max(1, $0) }
            ?? ProcessInfo.processInfo.activeProcessorCount) : nil
      switch format {
      case "json":
        struct Report: Encodable {
          var projection: Projection
          var monteCarlo: MonteCarlo?
        }
        Output.out(Output.json(Report(projection: base, monteCarlo: mc)))
      case "html": Output.out(NegotiationHTML.simulation(base, monteCarlo: mc))
      default: Output.out(ProjectionText.text(base, monteCarlo: mc))
      }
      return ExitCode.success
    } catch {
      return cannotProject(error, sim)
    }
  }

  /// A projected period that cannot be computed: the diagnostic, at the clause when known.
  static func cannotProject(_ error: EvaluationFailure, _ sim: Simulator) -> Int32 {
    let d = Diagnostic.error(
      .cannotProject, "the projection stops: \(error.message)",
      at: error.clause.map(sim.contract.range(ofClause:)) ?? .whole(sim.contract.file),
      hint: error.hint ?? "check the scenario's factors against the contract's terms")
    let source = (try? Limits.readText(sim.contract.file, maxBytes: Limits.contractBytes).get()).map
    {
      SourceFile(path: sim.contract.file, text: $0)
    }
    Output.err(DiagnosticRenderer(sources: source.map { [$0] } ?? []).render([d]))
    return ExitCode.inputError
  }
}
