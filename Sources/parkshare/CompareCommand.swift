import Foundation
import ParkShare

/// `parkshare compare A.contract B.contract --data DIR --period P [--format text|json|csv|html]`,
/// or over the settled periods of a ledger: `--ledger DIR [--from P] [--to P]`.
enum CompareCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    guard args.operands.count == 2 else { throw Usage(message: "give two contract files: A and B") }
    let format = try args.format(
      ["text", "json", "csv", "html"], "--format is text, json, csv or html")
    let wording = try args.wording(format: format)
    let range: CompareUseCase.Range
    if let dir = args.options["--ledger"] {
      guard args.options["--data"] == nil, args.options["--period"] == nil,
        args.options["--opening"] == nil
      else {
        throw Usage(
          message: "--ledger replays its settled periods: leave out --data, --period and --opening")
      }
      let from = try args.options["--from"].map { t throws(Usage) in try args.period(t) }
      let to = try args.options["--to"].map { t throws(Usage) in try args.period(t) }
      range = .ledger(dir, from: from, to: to)
    } else {
      guard args.options["--from"] == nil, args.options["--to"] == nil else {
        throw Usage(message: "--from and --to choose periods of a --ledger")
      }
      var one = args
      one.operands = [args.operands[0]]
      range = .period(try one.periodRequest())
    }
    // `--set` goes to both variants (in a single period's request, or here for a ledger);
    // `--set-a` and `--set-b` to one.
    var both = args
    let common = try both.parameters()
    both.repeated["--set"] = args.repeated["--set-a"]
    let a = try both.parameters()
    both.repeated["--set"] = args.repeated["--set-b"]
    let b = try both.parameters()
    let ledger = args.options["--ledger"] != nil
    let outcome = CompareUseCase.run(
      .init(
        contracts: args.operands, allowOutsideFiles: args.outside, over: range,
        parameters: [(ledger ? common : []) + a, (ledger ? common : []) + b]))
    guard let comparison = try Output.show(outcome) else { return ExitCode.inputError }
    switch format {
    case "json": Output.out(Output.json(comparison))
    case "csv": Output.out((try args.bom() ? "\u{FEFF}" : "") + ComparisonText.csv(comparison))
    case "html": Output.out(NegotiationHTML.compare(comparison))
    default: Output.out(ComparisonText.text(comparison, wording: wording))
    }
    return ExitCode.success
  }
}
