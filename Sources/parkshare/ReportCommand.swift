import Foundation
import ParkShare

/// `parkshare report --ledger DIR --from P --to P [--format text|csv|json|xlsx] [--out FILE]`
enum ReportCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    guard let dir = args.options["--ledger"] else {
      throw Usage(message: "--ledger DIR is required")
    }
    guard let from = args.options["--from"].flatMap(Period.init),
      let to = args.options["--to"].flatMap(Period.init),
      !(to < from)
    else {
      throw Usage(message: "--from and --to take periods, in order: --from 2026Q1 --to 2026Q4")
    }
    let format = try args.format(
      ["text", "csv", "json", "xlsx"], "--format is text, csv, json or xlsx")
    if format == "xlsx" && args.options["--out"] == nil {
      throw Usage(message: "--format xlsx writes a file: give --out FILE")
    }
    let wording = Wording.of(try args.language())
    let asOf = args.options["--as-of"]
    if let asOf, CalendarDay(asOf) == nil {
      throw Usage(message: "--as-of takes a date, YYYY-MM-DD: '\(asOf)' is not one")
    }
    guard
      let report = try Output.show(ReportUseCase.run(ledger: dir, from: from, to: to, asOf: asOf))
    else {
      return ExitCode.inputError
    }
    let data: Data
    switch format {
    case "csv":
      data = Data(
        ((try args.bom() ? "\u{FEFF}" : "") + ReportText.csv(report, wording: wording)).utf8)
    case "json": data = Data(Output.json(report).utf8)
    case "xlsx": data = Data(ReportText.workbook(report, wording: wording).bytes())
    default: data = Data(ReportText.text(report, wording: wording).utf8)
    }
    return Output.write(data, to: args.options["--out"])
  }
}
