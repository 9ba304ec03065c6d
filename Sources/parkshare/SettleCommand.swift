import Foundation
import ParkShare

/// `parkshare settle CONTRACT --data DIR --period P [--format F] [--out DIR] [--ledger DIR
/// [--amend]] [--opening F] [--closing F] [--bom]`
enum SettleCommand {
  static let formats = ["text", "json", "csv", "html", "xlsx", "all"]
  static let extensions = [
    "text": "txt", "json": "json", "csv": "csv", "html": "html", "xlsx": "xlsx",
  ]

  static func run(_ args: Arguments) -> Int32 {
    var ledger: Ledger? = nil
    var recorded = false
    // A ledger folder this run created is taken back when the run records nothing in it.
    defer { if !recorded { ledger?.discardIfUnused() } }
    return settle(args, &ledger, &recorded)
  }

  static func settle(_ args: Arguments, _ ledger: inout Ledger?, _ recorded: inout Bool) -> Int32 {
    let format = args.options["--format"] ?? "text"
    let json = format == "json"
    guard formats.contains(format) else {
      return usage("--format is one of \(formats.joined(separator: ", "))")
    }
    if (format == "all" || format == "xlsx") && args.options["--out"] == nil {
      return usage("--format \(format) writes files: give --out DIR")
    }
    guard let language = StatementHTML.Language(rawValue: args.options["--lang"] ?? "zh") else {
      return usage("--lang is zh or en")
    }
    if args.options["--ledger"] != nil && args.options["--opening"] != nil {
      return usage("--ledger supplies the opening state: leave out --opening")
    }
    if args.flags.contains("--amend") && args.options["--ledger"] == nil {
      return usage("--amend records an amendment in a ledger: give --ledger DIR")
    }
    if args.flags.contains("--amend") != (args.options["--reason"] != nil) {
      return usage("an amendment takes a reason, and only an amendment: --amend --reason TEXT")
    }
    if let d = args.options["--issued"], !Self.isDate(d) {
      return usage("--issued takes a date: YYYY-MM-DD")
    }
    if args.options["--contract-changed"] != nil && args.options["--ledger"] == nil {
      return usage("--contract-changed acknowledges a change against a ledger: give --ledger DIR")
    }
    // Reasons are kept in the ledger and printed on statements: no line break, tab, escape or
    // bidi control may forge or reorder what a statement shows.
    for option in ["--reason", "--contract-changed"] {
      if let text = args.options[option], let found = ControlCharacters.first(in: text) {
        return usage(
          "\(option) holds \(ControlCharacters.describe(found.scalar)) at character \(found.position): write the reason on one line, without control characters"
        )
      }
    }
    // The ledger is taken first: a second settle on a ledger in use is refused at once, before
    // any data is read.
    if let dir = args.options["--ledger"] {
      do throws(Ledger.Refusal) {
        ledger = try Ledger.open(dir, writing: true)
      } catch {
        return refuse(error, dir, sources: [], earlier: [], json: json)
      }
    }
    var inputs: PeriodInputs
    switch PeriodInputs.load(args, digests: true) {
    case .failure(let f): return PeriodInputs.report(f, command: "settle", json: json)
    case .success(let i): inputs = i
    }
    let digests = inputs.digests
    // The file's bytes as recorded among the inputs, and its text, from one read.
    let contractDigest = ContractDigest.of(inputs.contract.file)
    // With a ledger, the ledger decides where the period starts from, whether it may be settled
    // at all, and whether the contract may differ from the text of its last record.
    var amends: Ledger.Record? = nil
    var change: Settlement.ContractChange? = nil
    if let l = ledger {
      do throws(Ledger.Refusal) {
        let start = try l.opening(
          for: inputs.period, contract: inputs.contract, amend: args.flags.contains("--amend"))
        inputs.opening = start.state
        amends = start.amends
        // A file changed between the reads would leave a record whose digests disagree, and
        // a contract whose text cannot be read again cannot be compared: neither is skipped.
        guard let contractDigest,
          contractDigest.bytes
            == digests.first(where: { $0.path == inputs.contract.file })?.blake2b256
        else {
          throw Ledger.Refusal(
            message:
              "the contract '\(inputs.contract.file)' changed while it was read, or cannot be read again",
            hint: "settle again once nothing writes to the contract")
        }
        change = try l.contractChange(contractDigest, reason: args.options["--contract-changed"])
      } catch {
        return refuse(
          error, l.directory, sources: inputs.sources, earlier: inputs.diagnostics, json: json)
      }
    }
    let outcome = Settlement.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
      statePath: args.options["--opening"], inputs: digests)
    let diagnostics = inputs.diagnostics + outcome.diagnostics
    Output.err(DiagnosticRenderer(sources: inputs.sources).render(diagnostics))
    guard var settlement = outcome.settlement, !diagnostics.hasErrors else {
      if json { Output.out(Output.json(["diagnostics": diagnostics])) }
      return ExitCode.inputError
    }
    // A recorded settlement issues numbered statements: initial ones, or difference statements
    // against the period's latest record.
    var numbers: [String: Int] = [:]
    if let l = ledger {
      let issued = args.options["--issued"] ?? Self.today()
      if let original = amends {
        do throws(Ledger.Refusal) {
          numbers = settlement.issueAmendment(
            against: try l.settlement(of: original), latest: l.latestNumbers(for: inputs.period),
            from: l.nextNumber, issued: issued, reason: args.options["--reason"] ?? "")
        } catch {
          return refuse(error, l.directory, sources: [], earlier: [], json: json)
        }
      } else {
        numbers = settlement.issueInitial(from: l.nextNumber, issued: issued)
      }
      settlement.issue?.contractChange = change
    }
    // The record is built before any file is written, so every statement can show the record
    // it is and that record's digest (the ledger's head once written).
    let pending = ledger.map {
      $0.prepare(settlement, contract: contractDigest, amends: amends, numbers: numbers)
    }
    if let pending {
      settlement.issue?.record = pending.record.sequence
      settlement.issue?.head = pending.record.digest
    }
    func render(_ format: String) -> Data {
      switch format {
      case "json": Data(Output.json(settlement).utf8)
      case "csv": Data(StatementCSV.render(settlement, bom: args.flags.contains("--bom")).utf8)
      case "html": Data(StatementHTML.render(settlement, language: language).utf8)
      case "xlsx": Data(StatementWorkbook.build(settlement).bytes())
      default: Data(StatementText.render(settlement).utf8)
      }
    }
    // Statement and closing state are written together or not at all, then the ledger record;
    // if that fails, the files are taken back.
    var files: [(path: String, data: Data)] = []
    if let out = args.options["--out"] {
      let suffix = amends == nil ? "" : "-amendment-\(ledger!.records.count + 1)"
      let base = out + "/\(settlement.contract.id)-\(settlement.period)\(suffix)."
      for f in format == "all" ? ["text", "json", "csv", "html", "xlsx"] : [format] {
        files.append((base + extensions[f]!, render(f)))
      }
    }
    if let path = args.options["--closing"] {
      files.append((path, Data(Output.json(settlement.closing).utf8)))
    }
    let written: [String]
    switch Files.write(files) {
    case .failure(let problem):
      Output.err(DiagnosticRenderer(sources: []).render([problem]))
      return ExitCode.inputError
    case .success(let w): written = w
    }
    if var l = ledger, let pending {
      do throws(Ledger.Refusal) {
        try l.append(pending, faults: Files.faults)
        recorded = true
      } catch {
        Files.remove(written)
        return refuse(error, l.directory, sources: [], earlier: [], json: json)
      }
    }
    if args.options["--out"] == nil { Output.out(String(decoding: render(format), as: UTF8.self)) }
    return ExitCode.success
  }

  static func isDate(_ text: String) -> Bool {
    guard text.count == 10, let p = Period(String(text.prefix(7))), p.length == .month,
      text.dropFirst(7).first == "-", let d = Int(text.suffix(2))
    else { return false }
    return (1...Timestamp.daysInMonth(year: p.year, month: p.index)).contains(d)
  }

  /// Today on the park clock: the issue date a ledger records when none is given.
  static func today() -> String {
    let minutes = Int(Date().timeIntervalSince1970 / 60) + Timestamp.parkOffsetMinutes
    return String(Timestamp.text(parkMinutes: minutes).prefix(10))
  }

  static func usage(_ message: String) -> Int32 {
    PeriodInputs.report(.usage(message), command: "settle", json: false)
  }

  static func refuse(
    _ refusal: Ledger.Refusal, _ dir: String, sources: [SourceFile], earlier: [Diagnostic],
    json: Bool
  ) -> Int32 {
    let d = Diagnostic(.error, refusal.id, refusal.message, at: .whole(dir), hint: refusal.hint)
    Output.err(DiagnosticRenderer(sources: sources).render(earlier + [d]))
    if json { Output.out(Output.json(["diagnostics": earlier + [d]])) }
    return ExitCode.inputError
  }
}
