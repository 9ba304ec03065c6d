import Foundation
import ParkShare

/// `parkshare journal --ledger DIR [--period P] --format beancount|ledger|hledger|xlsx|voucher|
/// voucher-xlsx [--accounts FILE] [--book-amendments issued|in-period] [--out FILE] [--lang
/// zh|en] [--bom | --no-bom]`
enum JournalCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    guard let dir = args.options["--ledger"] else {
      throw Usage(message: "--ledger DIR is required")
    }
    let formatName = args.options["--format"] ?? ""
    let format = JournalText.Format(rawValue: formatName)
    guard format != nil || ["xlsx", "voucher", "voucher-xlsx"].contains(formatName) else {
      throw Usage(
        message: "--format is beancount, ledger, hledger, xlsx, voucher or voucher-xlsx")
    }
    if formatName.hasSuffix("xlsx") && args.options["--out"] == nil {
      throw Usage(message: "--format \(formatName) writes a file: give --out FILE")
    }
    let bom = try args.bom()
    let language = try args.language()
    let wording = Wording.of(language)
    let period = try args.options["--period"].map { p throws(Usage) in
      guard let parsed = Period(p) else { throw Usage(message: "'\(p)' is not a period") }
      return parsed
    }
    let booking = args.options["--book-amendments"] ?? Journal.AmendmentBooking.issued.rawValue
    guard let amendments = Journal.AmendmentBooking(rawValue: booking) else {
      throw Usage(message: "--book-amendments is issued or in-period")
    }
    let outcome = JournalUseCase.run(
      .init(
        ledger: dir, period: period, accounts: args.options["--accounts"],
        amendments: amendments))
    guard let journal = try Output.show(outcome) else { return ExitCode.inputError }
    if formatName.hasPrefix("voucher") {
      switch Vouchers.of(journal) {
      case .failure(let missing):
        Output.err(
          "parkshare journal: vouchers need the chart code (科目编码) of every account; none is given for:\n"
            + missing.accounts.map { "  \($0)\n" }.joined()
            + "hint: add a line 'code ACCOUNT = 2202.01' for each to the --accounts file (docs/finance.md, \"Vouchers\")\n"
        )
        return ExitCode.inputError
      case .success(let v):
        let data =
          formatName == "voucher"
          ? Data(
            VoucherExport.csv(v, decimals: journal.decimals, bom: bom, language: language).utf8)
          : Data(VoucherExport.workbook(v, language: language).bytes())
        return Output.write(data, to: args.options["--out"])
      }
    }
    let data =
      format.map { Data(JournalText.render(journal, format: $0, wording: wording).utf8) }
      ?? Data(JournalWorkbook.build(journal, wording: wording).bytes())
    return Output.write(data, to: args.options["--out"])
  }
}
