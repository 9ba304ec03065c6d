import Foundation
import ParkShare

/// `parkshare pay --ledger DIR (--party P --amount A --date D --ref R [--kind K] [--note T] |
/// --bank FILE.csv)`
enum PayCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    guard let dir = args.options["--ledger"] else {
      throw Usage(message: "--ledger DIR is required")
    }
    let single = ["--party", "--amount", "--date", "--ref", "--kind", "--note"]
    let source: PayUseCase.Source
    if let bank = args.options["--bank"] {
      if let given = single.first(where: { args.options[$0] != nil }) {
        throw Usage(
          message: "--bank reads every payment from the file: \(given) cannot be given too")
      }
      var encoding = TextEncoding.utf8
      if let name = args.options["--encoding"] {
        guard let e = TextEncoding(named: name) else {
          throw Usage(message: "--encoding is utf-8 or gb18030 (gbk and gb2312 read as gb18030)")
        }
        encoding = e
      }
      source = .bank(bank, encoding: encoding)
    } else {
      if args.options["--encoding"] != nil {
        throw Usage(message: "--encoding names the encoding of a bank file: give --bank FILE.csv")
      }
      var fields: [String: String] = [:]
      for name in ["--party", "--amount", "--date", "--ref"] {
        guard let v = args.options[name] else {
          throw Usage(message: "\(name) is required (or --bank FILE.csv)")
        }
        fields[name] = v
      }
      source = .single(
        PaymentLine(
          party: fields["--party"]!, amount: fields["--amount"]!, date: fields["--date"]!,
          reference: fields["--ref"]!, kind: args.options["--kind"] ?? "",
          note: args.options["--note"] ?? "",
          at: { field in .whole(field == "reference" ? "--ref" : "--" + field) }))
    }
    let outcome = PayUseCase.run(.init(ledger: dir, source: source, faults: Output.faults))
    guard let recorded = try Output.show(outcome) else { return ExitCode.inputError }
    Output.out(PayText.text(recorded, ledger: dir, language: try args.language()))
    return ExitCode.success
  }
}
