import Foundation
import ParkShare

/// `parkshare compare A.contract B.contract --data DIR --period P [--format text|json|csv|html]`,
/// or over the settled periods of a ledger: `--ledger DIR [--from P] [--to P]`.
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
    let comparison: Comparison
    if args.options["--ledger"] != nil {
      guard args.options["--data"] == nil, args.options["--period"] == nil,
        args.options["--opening"] == nil
      else {
        return usage(
          "--ledger replays its settled periods: leave out --data, --period and --opening")
      }
      switch overLedger(args) {
      case .failure(let f): return PeriodInputs.report(f, command: "compare", json: false)
      case .success(let c): comparison = c
      }
    } else {
      guard args.options["--from"] == nil, args.options["--to"] == nil else {
        return usage("--from and --to choose periods of a --ledger")
      }
      var settled: [Settlement] = []
      for file in args.operands {
        var one = args
        one.operands = [file]
        switch PeriodInputs.settle(one, command: "compare") {
        case .failure(let status): return status.code
        case .success(let s): settled.append(s.settlement)
        }
      }
      comparison = Comparison(settled[0], settled[1])
    }
    switch format {
    case "json": Output.out(Output.json(comparison))
    case "csv": Output.out(ComparisonText.csv(comparison))
    case "html": Output.out(NegotiationHTML.compare(comparison))
    default: Output.out(ComparisonText.text(comparison))
    }
    return ExitCode.success
  }

  /// Both variants replayed on the data of each settled period of the ledger (the latest record
  /// of each, amendments included), from the state the ledger opened the first of them with,
  /// each variant then carrying its own state. The data must be the data that was settled: every
  /// file's digest is checked against the record.
  static func overLedger(_ args: Arguments) -> Result<Comparison, PeriodInputs.Failure> {
    let dir = args.options["--ledger"]!
    for option in ["--from", "--to"] {
      if let text = args.options[option], Period(text) == nil {
        return .failure(.usage("'\(text)' is not a period: write 2026Q1, 2026H1, 2026-03 or 2026"))
      }
    }
    let from = args.options["--from"].flatMap(Period.init)
    let to = args.options["--to"].flatMap(Period.init)
    var sources: [SourceFile] = []
    var contracts: [Contract] = []
    for file in args.operands {
      let (source, checked) = Checker.check(
        path: file, allowOutsideFiles: args.flags.contains(ContractFiles.option))
      sources += (source.map { [$0] } ?? []) + checked.sources
      guard let c = checked.contract else { return .failure(.input(checked.diagnostics, sources)) }
      contracts.append(c)
    }
    func refused(_ message: String, hint: String? = nil) -> Result<Comparison, PeriodInputs.Failure>
    {
      .failure(.input([.error(.ledger, message, at: .whole(dir), hint: hint)], sources))
    }
    let ledger: Ledger
    do throws(Ledger.Refusal) {
      ledger = try Ledger.open(dir)
    } catch {
      return refused(error.message, hint: error.hint)
    }
    let records = ledger.latest.filter { r in
      (from.map { !(r.period < $0) } ?? true) && (to.map { !($0 < r.period) } ?? true)
    }
    guard let first = records.first else {
      return refused("the ledger holds no settled period in the range")
    }
    var states: [CarryState?] = contracts.map { c in
      guard first.opening.period != nil else { return nil }
      var s = first.opening
      s.contract = c.id
      return s
    }
    var periods: [Comparison] = []
    for record in records {
      let bundleDir: String
      do throws(Ledger.Refusal) {
        bundleDir = try ledger.bundleDirectory(of: record)
      } catch {
        return refused(error.message, hint: error.hint)
      }
      var settled: [Settlement] = []
      for (i, contract) in contracts.enumerated() {
        let loaded = DataBundle.load(
          directory: bundleDir, contract: contract, period: record.period)
        sources += loaded.sources
        guard let bundle = loaded.bundle else {
          return .failure(.input(loaded.diagnostics, sources))
        }
        let outcome = Settlement.run(
          contract: contract, bundle: bundle, opening: states[i], explain: false)
        guard let s = outcome.settlement else {
          return .failure(.input(loaded.diagnostics + outcome.diagnostics, sources))
        }
        states[i] = s.closing
        settled.append(s)
      }
      periods.append(Comparison(settled[0], settled[1]))
    }
    return .success(Comparison.over(periods)!)
  }
}
