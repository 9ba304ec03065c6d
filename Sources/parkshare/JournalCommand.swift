import Foundation
import ParkShare

/// `parkshare journal --ledger DIR [--period P] --format beancount|ledger|hledger
/// [--accounts FILE] [--out FILE]`
enum JournalCommand {
  static func run(_ args: Arguments) -> Int32 {
    func usage(_ m: String) -> Int32 {
      PeriodInputs.report(.usage(m), command: "journal", json: false)
    }
    guard let dir = args.options["--ledger"] else { return usage("--ledger DIR is required") }
    let formatName = args.options["--format"] ?? ""
    let format = JournalText.Format(rawValue: formatName)
    guard format != nil || formatName == "xlsx" else {
      return usage("--format is beancount, ledger, hledger or xlsx")
    }
    if formatName == "xlsx" && args.options["--out"] == nil {
      return usage("--format xlsx writes a file: give --out FILE")
    }
    var period: Period? = nil
    if let p = args.options["--period"] {
      guard let parsed = Period(p) else { return usage("'\(p)' is not a period") }
      period = parsed
    }
    var accounts = JournalAccounts()
    if let path = args.options["--accounts"] {
      let text: String
      switch Limits.read(path, maxBytes: Limits.tableBytes, unreadableID: .missingFile) {
      case .success(let t): text = t
      case .failure(let d): return fail(d)
      }
      switch JournalAccounts.parse(text) {
      case .success(let a): accounts = a
      case .failure(let e):
        let range = SourceRange(
          file: path, start: .init(line: e.line, column: 1), end: .init(line: e.line, column: 1))
        return fail(
          .error(.badAccounts, e.message, at: range), source: SourceFile(path: path, text: text))
      }
    }
    let journal: Journal
    do throws(Ledger.Refusal) {
      let ledger = try Ledger.open(dir)
      if let period, !ledger.records.contains(where: { $0.period == period }) {
        return usage("\(period) is not in the ledger")
      }
      journal = try Journal.build(ledger, period: period, accounts: accounts)
    } catch {
      return fail(.error(.ledger, error.message, at: .whole(dir), hint: error.hint))
    }
    let data =
      format.map { Data(JournalText.render(journal, format: $0).utf8) }
      ?? Data(JournalWorkbook.build(journal).bytes())
    if let out = args.options["--out"] {
      if case .failure(let problem) = Files.write([(out, data)]) { return fail(problem) }
    } else {
      Output.out(String(decoding: data, as: UTF8.self))
    }
    return ExitCode.success
  }

  static func fail(_ d: Diagnostic, source: SourceFile? = nil) -> Int32 {
    Output.err(DiagnosticRenderer(sources: source.map { [$0] } ?? []).render([d]))
    return ExitCode.inputError
  }
}
