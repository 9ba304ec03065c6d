import Foundation
import ParkShare

/// `parkshare report --ledger DIR --from P --to P [--format text|csv|json|xlsx] [--out FILE]`
enum ReportCommand {
  static func run(_ args: Arguments) -> Int32 {
    func usage(_ m: String) -> Int32 {
      PeriodInputs.report(.usage(m), command: "report", json: false)
    }
    guard let dir = args.options["--ledger"] else { return usage("--ledger DIR is required") }
    guard let from = args.options["--from"].flatMap(Period.init),
      let to = args.options["--to"].flatMap(Period.init),
      !(to < from)
    else { return usage("--from and --to take periods, in order: --from 2026Q1 --to 2026Q4") }
    let format = args.options["--format"] ?? "text"
    guard ["text", "csv", "json", "xlsx"].contains(format) else {
      return usage("--format is text, csv, json or xlsx")
    }
    if format == "xlsx" && args.options["--out"] == nil {
      return usage("--format xlsx writes a file: give --out FILE")
    }
    let report: PeriodReport
    do throws(Ledger.Refusal) {
      report = try PeriodReport.build(try Ledger.open(dir), from: from, to: to)
    } catch {
      Output.err(
        DiagnosticRenderer(sources: []).render([
          .error(.ledger, error.message, at: .whole(dir), hint: error.hint)
        ]))
      return ExitCode.inputError
    }
    let data: Data
    switch format {
    case "csv": data = Data(ReportText.csv(report).utf8)
    case "json": data = Data(Output.json(report).utf8)
    case "xlsx": data = Data(ReportText.workbook(report).bytes())
    default: data = Data(ReportText.text(report).utf8)
    }
    if let out = args.options["--out"] {
      if case .failure(let problem) = Files.write([(out, data)]) {
        Output.err(DiagnosticRenderer(sources: []).render([problem]))
        return ExitCode.inputError
      }
    } else {
      Output.out(String(decoding: data, as: UTF8.self))
    }
    return ExitCode.success
  }
}
