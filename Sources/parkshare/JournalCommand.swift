import Foundation
import ParkShare

/// `parkshare journal --ledger DIR [--period P] --format beancount|ledger|hledger|xlsx
/// [--accounts FILE] [--book-amendments issued|in-period] [--out FILE] [--lang zh|en]`
enum JournalCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    guard let dir = args.options["--ledger"] else {
      throw Usage(message: "--ledger DIR is required")
    }
    let formatName = args.options["--format"] ?? ""
    let format = JournalText.Format(rawValue: formatName)
    guard format != nil || formatName == "xlsx" else {
      throw Usage(message: "--format is beancount, ledger, hledger or xlsx")
    }
    if formatName == "xlsx" && args.options["--out"] == nil {
      throw Usage(message: "--format xlsx writes a file: give --out FILE")
    }
    let wording = Wording.of(try args.language())
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
    let data =
      format.map { Data(JournalText.render(journal, format: $0, wording: wording).utf8) }
      ?? Data(JournalWorkbook.build(journal, wording: wording).bytes())
    return Output.write(data, to: args.options["--out"])
  }
}
